package dev.cachedjdbc.cache;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One leader's load of a key, which other callers of the same key may wait for. The leader finishes it exactly
 * once, with the value to share (null when there is none) or with its failure.
 */
final class InFlightLoad<V> {

    private final VersionStamp stamp;
    /** Completed once, always normally: waiters block on it, and it publishes the two fields below. */
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    /** Touched by the leader's thread only. */
    private boolean finishing;
    private V sharedValue;
    private Throwable failure;

    InFlightLoad(VersionStamp stamp) {
        this.stamp = stamp;
    }

    /** The leader's stamp, captured before its query ran. */
    VersionStamp stamp() {
        return stamp;
    }

    void succeed(V value) {
        finish(value, null);
    }

    void fail(Throwable leaderFailure) {
        finish(null, leaderFailure);
    }

    /** Lets waiters go with nothing to share, unless the load already finished. */
    void abandon() {
        finish(null, null);
    }

    private void finish(V value, Throwable leaderFailure) {
        if (finishing) {
            return;
        }
        finishing = true;
        sharedValue = value;
        failure = leaderFailure;
        finished.complete(null);
    }

    /**
     * Blocks until the load finishes, the time is up or {@code cancellation} (when not null) completes, whichever
     * comes first. True when the load finished; then {@link #sharedValue()} and {@link #failure()} tell how.
     */
    boolean await(long timeoutNanos, CompletableFuture<?> cancellation) throws InterruptedException {
        CompletableFuture<?> wake = cancellation == null ? finished : CompletableFuture.anyOf(finished, cancellation);
        try {
            wake.get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException timedOutOrCancelled) {
            // the load may still have finished meanwhile: the answer is whether it did
        }
        return finished.isDone();
    }

    V sharedValue() {
        return sharedValue;
    }

    Throwable failure() {
        return failure;
    }
}
