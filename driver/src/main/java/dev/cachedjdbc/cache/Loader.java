package dev.cachedjdbc.cache;

/**
 * One caller's way of running its query, handed to {@link QueryCache#load}.
 *
 * @param <V> the immutable value the cache stores and shares between callers
 * @param <R> what the caller gets back
 */
public interface Loader<V, R> {

    /** Runs the query on the caller's own connection; returns what this caller gets and the value to share, or a
     *  null value when the result must not be cached (too large, for instance). */
    Loaded<V, R> load() throws Exception;

    /** What a caller gets from a value loaded by another caller (each caller its own, independent result). */
    R fromShared(V value) throws Exception;

    /** Whether a failure of the leader means each waiter should run the query itself (the leader was cancelled or
     *  hit its own timeout) rather than receive the failure. */
    boolean waitersRetryAfter(Exception failure);

    /** The exception a waiter throws for the leader's failure: same kind, same message (the driver makes a copy). */
    Exception forWaiter(Exception leaderFailure);

    /**
     * The longest this caller will wait for another caller's load, in nanoseconds, when it has a limit of its own
     * (a query timeout, say): it then waits for the shorter of this and the single-flight timeout before it runs
     * the query itself. {@code Long.MAX_VALUE} when it has none.
     */
    default long longestWaitNanos() {
        return Long.MAX_VALUE;
    }

    /**
     * Whether this caller's statement was cancelled while it waited for another caller's load. It then stops
     * waiting at once and runs the query itself, which is where a cancel can take effect.
     */
    default boolean waitCancelled() {
        return false;
    }
}
