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
 * @param estimatedBytes the sum of the held entries' estimated sizes (rows, keys and bookkeeping), the figure
 *                       {@code cache.maxBytes} bounds
 * @param maxBytes       the bound on {@code estimatedBytes}: {@code cache.maxBytes}
 * @param missesAfterEviction of the misses, those whose key the size bound had evicted lately while its entry could
 *                       still have been served (its lifetime not over, no write since): what a larger
 *                       {@code cache.maxBytes} would probably have answered. Misses after an invalidation or an
 *                       expiry are not counted; "lately" reaches back about one eviction per 16 KiB of the bound
 *                       (64 to 16,384), so with many more evictions than that this counts low.
 * @param admissionBypasses of the loads, the ones run without capture because caching their statement does not pay
 *                       now ({@code cache.admission}; {@link CacheControl#explain} says why): the rows went
 *                       straight from the database's driver to the caller, and nothing was stored
 * @param loadsNeverReused stored results that left the cache (invalidated, expired, evicted or replaced) before
 *                       anyone read them: loads whose capture did not pay
 */
public record CacheStatistics(long hits, long misses, long loads, long loadFailures, long coalescedWaits,
                              long refreshes, long invalidations, long evictions, long entries, long estimatedBytes,
                              long maxBytes, long missesAfterEviction, long admissionBypasses,
                              long loadsNeverReused) {
}
