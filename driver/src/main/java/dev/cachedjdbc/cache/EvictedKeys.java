package dev.cachedjdbc.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The keys the size bound evicted lately, so that a miss can tell whether a larger cache would have answered it: its
 * key was evicted, and the entry would still be served now had it stayed (its lifetime not over, its stamp still
 * current). Misses after an invalidation or an expiry are never counted, since those entries could not have been
 * served whatever the size.
 *
 * <p>Bounded: a fixed number of slots, each holding the hash of one evicted key, the tick its entry would have
 * expired at and its stamp; a later eviction whose hash falls in the same slot replaces it, so "lately" means about
 * as many evictions as there are slots. Evictions write and misses read, each slot an immutable record swapped
 * atomically: no lock, and a hit never looks here. A slot is cleared by the miss that finds it, so one eviction
 * counts one miss at most.
 */
final class EvictedKeys {

    /** The fewest and the most slots; in between, one for every {@link #BYTES_PER_SLOT} of the size bound. */
    private static final int MIN_SLOTS = 64;
    private static final int MAX_SLOTS = 16_384;
    private static final long BYTES_PER_SLOT = 16 * 1024;

    private record Evicted(int hash, long expiresAtTick, VersionStamp stamp) {
    }

    private final AtomicReferenceArray<Evicted> slots;
    private final int mask;
    private final Ticker ticker;
    private final TableVersions versions;

    /** Slots for a cache bounded to {@code maxBytes}: about one per 16 KiB, a power of two from 64 to 16,384. */
    EvictedKeys(long maxBytes, Ticker ticker, TableVersions versions) {
        long wanted = Math.max(MIN_SLOTS, Math.min(MAX_SLOTS, maxBytes / BYTES_PER_SLOT));
        int count = Integer.highestOneBit((int) wanted);
        this.slots = new AtomicReferenceArray<>(count);
        this.mask = count - 1;
        this.ticker = ticker;
        this.versions = versions;
    }

    /** Remembers a key the size bound evicted, with what its entry would have been served by. */
    void evicted(Object key, CacheEntry<?> entry) {
        int hash = spread(key.hashCode());
        long now = ticker.read();
        slots.set(hash & mask, new Evicted(hash, now + entry.nanosLeftAt(now), entry.stamp()));
    }

    /**
     * Whether this missed key was evicted by the size bound and its entry would have been served now; forgets the
     * eviction either way.
     */
    boolean missedSinceEviction(Object key) {
        int hash = spread(key.hashCode());
        int slot = hash & mask;
        Evicted evicted = slots.get(slot);
        if (evicted == null || evicted.hash() != hash || !slots.compareAndSet(slot, evicted, null)) {
            return false;
        }
        return evicted.expiresAtTick() - ticker.read() > 0 && versions.isCurrent(evicted.stamp());
    }

    /** Mixes the high bits into the low ones that pick the slot, as hash tables do. */
    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }
}
