package dev.cachedjdbc.cache;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One leader's load of a key, which other callers of the same key may wait for. The leader finishes it exactly
 * once, with the value to share (null when there is none) or with its failure.
 */
final class InFlightLoad<V> {

    private final VersionStamp stamp;
    private final CountDownLatch finished = new CountDownLatch(1);
    /** Touched by the leader's thread only. */
    private boolean finishing;
    /** Written before the latch opens, read after it: the latch publishes them. */
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
        finished.countDown();
    }

    /** True when the load finished within the time; then {@link #sharedValue()} and {@link #failure()} tell how. */
    boolean await(long timeoutNanos) throws InterruptedException {
        return finished.await(timeoutNanos, TimeUnit.NANOSECONDS);
    }

    V sharedValue() {
        return sharedValue;
    }

    Throwable failure() {
        return failure;
    }
}
