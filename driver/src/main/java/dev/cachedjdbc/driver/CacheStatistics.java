package dev.cachedjdbc.driver;

/**
 * A snapshot of one cache's counters, as {@link CacheControl#statistics()} and JMX report them.
 *
 * @param hits           lookups answered from the cache
 * @param misses         lookups not answered from the cache: nothing usable was found (absent, expired, or stale
 *                       after a write), or the caller was chosen to reload an entry near its end early
 * @param loads          queries run through the cache, by leaders and by callers that could not share a load
 * @param loadFailures   of those, the ones that threw
 * @param coalescedWaits callers that found another caller's load of the same key in flight and waited for it
 * @param refreshes      loads that replaced an entry before it expired, while other callers kept hitting it
 *                       ({@code cache.refreshAhead}); each is also counted in misses and loads
 * @param invalidations  entries dropped because a write made them stale, or by {@code invalidateAll()}
 * @param evictions      entries dropped to keep the size bound (expiry is not counted here)
 * @param entries        entries held now (estimate: may include expired ones not yet cleaned up)
 * @param estimatedBytes the sum of the held entries' estimated sizes
 */
public record CacheStatistics(long hits, long misses, long loads, long loadFailures, long coalescedWaits,
                              long refreshes, long invalidations, long evictions, long entries, long estimatedBytes) {
}
