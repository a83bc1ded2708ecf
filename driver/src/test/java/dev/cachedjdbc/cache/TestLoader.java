package dev.cachedjdbc.cache;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/** One caller's loader for tests: runs a given query, and shares or copies the way a test chooses. */
final class TestLoader implements Loader<String, CallerResult, Exception> {

    private final Callable<String> query;
    private final boolean sharesItsValue;
    private final boolean waitersRetry;
    private final long longestWaitNanos;
    private final CompletableFuture<?> cancellation;

    private TestLoader(Callable<String> query, boolean sharesItsValue, boolean waitersRetry, long longestWaitNanos,
                       CompletableFuture<?> cancellation) {
        this.query = query;
        this.sharesItsValue = sharesItsValue;
        this.waitersRetry = waitersRetry;
        this.longestWaitNanos = longestWaitNanos;
        this.cancellation = cancellation;
    }

    static TestLoader running(Callable<String> query) {
        return new TestLoader(query, true, false, Long.MAX_VALUE, null);
    }

    /** A loader whose values must not be cached nor shared (too large, say). */
    TestLoader notSharing() {
        return new TestLoader(query, false, waitersRetry, longestWaitNanos, cancellation);
    }

    /** A loader whose failures mean "run it yourself" to the callers waiting for it. */
    TestLoader waitersRetryAfterFailure() {
        return new TestLoader(query, sharesItsValue, true, longestWaitNanos, cancellation);
    }

    /** A caller with a limit of its own on how long it waits for another caller's load. */
    TestLoader waitingAtMost(Duration limit) {
        return new TestLoader(query, sharesItsValue, waitersRetry, limit.toNanos(), cancellation);
    }

    /** A caller whose statement counts as cancelled once this future completes. */
    TestLoader cancelledBy(CompletableFuture<?> cancel) {
        return new TestLoader(query, sharesItsValue, waitersRetry, longestWaitNanos, cancel);
    }

    @Override
    public Loaded<String, CallerResult> load() throws Exception {
        String row = query.call();
        return new Loaded<>(sharesItsValue ? row : null, new CallerResult(row, false));
    }

    @Override
    public CallerResult passThrough() throws Exception {
        return CallerResult.passedThrough(query.call());
    }

    @Override
    public CallerResult fromShared(String value) {
        return new CallerResult(value, true);
    }

    @Override
    public boolean waitersRetryAfter(Exception failure) {
        return waitersRetry;
    }

    @Override
    public Exception forWaiter(Exception leaderFailure) {
        return new QueryFailure(leaderFailure.getMessage(), true);
    }

    @Override
    public long longestWaitNanos() {
        return longestWaitNanos;
    }

    @Override
    public CompletableFuture<?> waitCancellation() {
        return cancellation;
    }
}
