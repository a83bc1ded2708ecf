package dev.cachedjdbc.cache;

/**
 * One stored value with what decides whether it may still be served: the stamp of the load that produced it and
 * the tick at which it expires. Compared by identity, so that removing "this entry, if still there" never depends
 * on how the value defines equality.
 */
final class CacheEntry<V> {

    private final V value;
    private final VersionStamp stamp;
    private final long expiresAtTick;
    private final int weight;

    CacheEntry(V value, VersionStamp stamp, long expiresAtTick, int weight) {
        this.value = value;
        this.stamp = stamp;
        this.expiresAtTick = expiresAtTick;
        this.weight = weight;
    }

    V value() {
        return value;
    }

    VersionStamp stamp() {
        return stamp;
    }

    /** Nanoseconds left at the given tick; differences, not comparisons, so that tick wrap-around is harmless. */
    long nanosLeftAt(long tick) {
        return Math.max(0L, expiresAtTick - tick);
    }

    int weight() {
        return weight;
    }
}
