package dev.cachedjdbc.cache;

/**
 * One stored value with what decides whether it may still be served: the stamp of the load that produced it and
 * the tick at which it expires. Compared by identity, so that removing "this entry, if still there" never depends
 * on how the value defines equality.
 */
final class CacheEntry<V> {

    /**
     * Reads are counted up to this many: enough to tell an entry read again and again from one read once, and after
     * it a hit writes nothing to the entry, so that threads hitting a hot entry do not contend for its memory.
     */
    static final int COUNTED_READS = 8;

    private final V value;
    private final VersionStamp stamp;
    private final long expiresAtTick;
    private final int weight;
    /** Written only while below {@link #COUNTED_READS}; a race may lose a count, which only the estimate feels. */
    private volatile int reads;

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

    /** Counts one read; true for the entry's first. */
    boolean countRead() {
        int seen = reads;
        if (seen >= COUNTED_READS) {
            return false;
        }
        reads = seen + 1;
        return seen == 0;
    }

    /** How often the entry was read, up to {@link #COUNTED_READS}. */
    int reads() {
        return reads;
    }
}
