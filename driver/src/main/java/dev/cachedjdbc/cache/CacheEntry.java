package dev.cachedjdbc.cache;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One stored value with what decides whether it may still be served: the stamp of the load that produced it and
 * the tick at which it expires; and with what an early refresh needs: how long that load took and how far the entry
 * is on its way to its end. Compared by identity, so that removing "this entry, if still there" never depends on how
 * the value defines equality.
 */
final class CacheEntry<V> {

    /**
     * Reads are counted up to this many: enough to tell an entry read again and again from one read once, and after
     * it a hit writes nothing to the entry, so that threads hitting a hot entry do not contend for its memory.
     */
    static final int COUNTED_READS = 8;

    /** Not yet within its refresh window (or never to be: an empty window). */
    private static final int FAR_FROM_END = 0;
    /** Within its refresh window: hits draw whether to reload it early. */
    private static final int NEAR_END = 1;
    /** One caller has been chosen to reload it early; the others keep hitting it without drawing. */
    private static final int REFRESH_CLAIMED = 2;

    private static final VarHandle REFRESH_STATE;

    static {
        try {
            REFRESH_STATE = MethodHandles.lookup().findVarHandle(CacheEntry.class, "refreshState", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final V value;
    private final VersionStamp stamp;
    private final long expiresAtTick;
    private final long loadNanos;
    private final long refreshWindowNanos;
    private final int weight;
    /** Written only while below {@link #COUNTED_READS}; a race may lose a count, which only the estimate feels. */
    private volatile int reads;
    /** Moves only forwards, each step at most once, so that at most one caller ever claims the refresh. */
    private volatile int refreshState = FAR_FROM_END;

    /**
     * @param loadNanos          how long the load that produced the value took
     * @param refreshWindowNanos how close to its end hits start drawing for an early refresh; 0 for never
     */
    CacheEntry(V value, VersionStamp stamp, long expiresAtTick, long loadNanos, long refreshWindowNanos, int weight) {
        this.value = value;
        this.stamp = stamp;
        this.expiresAtTick = expiresAtTick;
        this.loadNanos = loadNanos;
        this.refreshWindowNanos = refreshWindowNanos;
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

    long loadNanos() {
        return loadNanos;
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

    /**
     * Told the tick of every read of the entry (by the cache's expiry policy, from the clock reading the lookup makes
     * anyway): notes when the entry enters its refresh window, so that a hit learns it from a field.
     */
    void noteReadAt(long tick) {
        if (refreshState == FAR_FROM_END && expiresAtTick - tick < refreshWindowNanos) {
            REFRESH_STATE.compareAndSet(this, FAR_FROM_END, NEAR_END);
        }
    }

    /** Whether hits should draw for an early refresh: within the window, and no caller has claimed it yet. */
    boolean drawsForRefresh() {
        return refreshState == NEAR_END;
    }

    /** True for exactly one caller: the one that reloads this entry early. */
    boolean claimRefresh() {
        return REFRESH_STATE.compareAndSet(this, NEAR_END, REFRESH_CLAIMED);
    }

    boolean refreshClaimed() {
        return refreshState == REFRESH_CLAIMED;
    }
}
