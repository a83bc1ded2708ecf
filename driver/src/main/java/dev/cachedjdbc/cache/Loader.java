package dev.cachedjdbc.cache;

import java.util.concurrent.CompletableFuture;

/**
 * One caller's way of running its query, handed to {@link QueryCache#load}.
 *
 * @param <V> the immutable value the cache stores and shares between callers
 * @param <R> what the caller gets back
 * @param <E> the checked exception its query throws
 */
public interface Loader<V, R, E extends Exception> {

    /** Runs the query on the caller's own connection; returns what this caller gets and the value to share, or a
     *  null value when the result must not be cached (too large, for instance). */
    Loaded<V, R> load() throws E;

    /**
     * Runs the query for this caller alone when its result can neither be stored nor shared (a write to one of its
     * tables is open): nothing need be made shareable, so the caller may read the database's rows directly.
     */
    R passThrough() throws E;

    /** What a caller gets from a value loaded by another caller (each caller its own, independent result). */
    R fromShared(V value) throws E;

    /** Whether a failure of the leader means each waiter should run the query itself (the leader was cancelled or
     *  hit its own timeout) rather than receive the failure. The leader's failure may be of any kind. */
    boolean waitersRetryAfter(Exception leaderFailure);

    /** The exception a waiter throws for the leader's failure: same kind, same message (the driver makes a copy);
     *  null to run the query itself instead. */
    E forWaiter(Exception leaderFailure);

    /**
     * The longest this caller will wait for another caller's load, in nanoseconds, when it has a limit of its own
     * (a query timeout, say): it then waits for the shorter of this and the single-flight timeout before it runs
     * the query itself. {@code Long.MAX_VALUE} when it has none.
     */
    default long longestWaitNanos() {
        return Long.MAX_VALUE;
    }

    /**
     * Completes when this caller's statement is cancelled while it waits for another caller's load: it then stops
     * waiting at once and runs the query itself, which is where a cancel can take effect. Null when nothing can
     * cancel the wait. One future per call of {@link QueryCache#load}, since the wait registers on it.
     */
    default CompletableFuture<?> waitCancellation() {
        return null;
    }
}
