package dev.cachedjdbc.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.cachedjdbc.analysis.TableKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SingleFlightTest {

    private static final List<TableKey> ORDERS = List.of(TableKey.of("orders"));

    private final TableVersions versions = new TableVersions();
    private final FakeDatabase database = new FakeDatabase();
    private final ExecutorService callers = Executors.newCachedThreadPool();
    private final CountDownLatch leaderMayFinish = new CountDownLatch(1);
    private final CountDownLatch leaderStarted = new CountDownLatch(1);

    @AfterEach
    void stopCallers() {
        leaderMayFinish.countDown();
        callers.shutdownNow();
    }

    @Test
    void sixtyFourConcurrentIdenticalMissesRunOneQueryAndEachCallerGetsItsOwnResult() throws Exception {
        QueryCache<String, String> cache = TestCaches.cache(TestCaches.plainSettings(), versions);
        database.commit("orders", "row");
        int callerCount = 64;
        CountDownLatch allReady = new CountDownLatch(callerCount);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<CallerResult>> results = new ArrayList<>();
        for (int i = 0; i < callerCount; i++) {
            results.add(callers.submit(() -> {
                allReady.countDown();
                go.await();
                return cache.load("q", ORDERS, blockingLeaderQuery());
            }));
        }
        assertThat(allReady.await(Waiting.PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        go.countDown();
        Waiting.until("63 callers wait for the one leader",
                () -> cache.statistics().coalescedWaits() == callerCount - 1);
        leaderMayFinish.countDown();

        Set<CallerResult> distinctResults = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Future<CallerResult> result : results) {
            CallerResult callerResult = get(result);
            assertThat(callerResult.row()).isEqualTo("row");
            distinctResults.add(callerResult);
        }
        assertThat(database.queries()).isEqualTo(1);
        assertThat(distinctResults).hasSize(callerCount);
        assertThat(distinctResults).filteredOn(CallerResult::viaSharedValue).hasSize(callerCount - 1);
        assertThat(cache.statistics().loads()).isEqualTo(1);
    }

    @Test
    void aWaiterThatTimesOutRunsTheQueryItself() throws Exception {
        QueryCache<String, String> cache = TestCaches.cache(
                TestCaches.settings(TestCaches.TTL, 0.0, 1_000, Duration.ofMillis(20)), versions);
        database.commit("orders", "row");
        Future<CallerResult> leader = startBlockedLeader(cache, "q");

        CallerResult waiterResult = cache.load("q", ORDERS, readingOrders());

        assertThat(waiterResult.row()).isEqualTo("row");
        assertThat(waiterResult.viaSharedValue()).isFalse();
        assertThat(database.queries()).as("only the waiter's query has reached the database").isEqualTo(1);
        assertThat(leader.isDone()).as("the leader is still running its query").isFalse();
        leaderMayFinish.countDown();
        assertThat(get(leader).row()).isEqualTo("row");
        assertThat(database.queries()).isEqualTo(2);
    }

    @Test
    void aWaiterWithAShorterLimitOfItsOwnStopsWaitingAtThatLimit() throws Exception {
        QueryCache<String, String> cache = TestCaches.cache(
                TestCaches.settings(TestCaches.TTL, 0.0, 1_000, Duration.ofHours(1)), versions);
        database.commit("orders", "row");
        Future<CallerResult> leader = startBlockedLeader(cache, "q");

        Future<CallerResult> waiter = callers.submit(
                () -> cache.load("q", ORDERS, readingOrders().waitingAtMost(Duration.ofMillis(20))));

        assertThat(get(waiter).viaSharedValue()).as("the waiter ran the query itself").isFalse();
        assertThat(cache.statistics().coalescedWaits()).as("it waited for the leader first").isEqualTo(1);
        assertThat(leader.isDone()).as("the leader is still running its query").isFalse();
    }

    @Test
    void aWaiterWhoseStatementIsCancelledStopsWaitingAndRunsTheQueryItself() throws Exception {
        QueryCache<String, String> cache = TestCaches.cache(
                TestCaches.settings(TestCaches.TTL, 0.0, 1_000, Duration.ofHours(1)), versions);
        database.commit("orders", "row");
        Future<CallerResult> leader = startBlockedLeader(cache, "q");
        CompletableFuture<Void> cancel = new CompletableFuture<>();

        Future<CallerResult> waiter = callers.submit(
                () -> cache.load("q", ORDERS, readingOrders().cancelledBy(cancel)));
        Waiting.until("the waiter waits for the leader", () -> cache.statistics().coalescedWaits() == 1);
        cancel.complete(null);

        assertThat(get(waiter).viaSharedValue()).as("the waiter ran the query itself").isFalse();
        assertThat(leader.isDone()).as("the leader is still running its query").isFalse();
    }

    @Test
    void aZeroSingleFlightTimeoutNeverWaits() throws Exception {
        QueryCache<String, String> cache = TestCaches.cache(
                TestCaches.settings(TestCaches.TTL, 0.0, 1_000, Duration.ZERO), versions);
        startBlockedLeader(cache, "q");

        CallerResult waiterResult = cache.load("q", ORDERS, readingOrders());

        assertThat(waiterResult.viaSharedValue()).isFalse();
    }

    @Test
    void waitersReceiveTheirOwnCopyOfTheLeadersFailureAndTheLeaderItsOriginal() throws Exception {
        QueryCache<String, String> cache = TestCaches.cache(TestCaches.plainSettings(), versions);
        QueryFailure leadersFailure = new QueryFailure("relation \"orders\" is locked", false);
        Future<CallerResult> leader = callers.submit(() -> cache.load("q", ORDERS, TestLoader.running(() -> {
            leaderStarted.countDown();
            leaderMayFinish.await();
            throw leadersFailure;
        })));
        awaitLeaderStarted();
        List<Future<CallerResult>> waiters = startWaiters(cache, 3);
        Waiting.until("3 callers wait for the leader", () -> cache.statistics().coalescedWaits() == 3);

        leaderMayFinish.countDown();

        assertThat(causeOf(leader)).isSameAs(leadersFailure);
        List<Throwable> waiterFailures = new ArrayList<>();
        for (Future<CallerResult> waiter : waiters) {
            waiterFailures.add(causeOf(waiter));
        }
        assertThat(waiterFailures).allSatisfy(failure -> assertThat(failure)
                .isInstanceOf(QueryFailure.class)
                .hasMessage(leadersFailure.getMessage())
                .matches(copy -> ((QueryFailure) copy).isCopy(), "is a copy"));
        Set<Throwable> distinctFailures = Collections.newSetFromMap(new IdentityHashMap<>());
        distinctFailures.addAll(waiterFailures);
        assertThat(distinctFailures).as("one copy per waiter").hasSize(3);
        assertThat(database.queries()).isZero();
        assertThat(cache.statistics().loads()).isEqualTo(1);
        assertThat(cache.statistics().loadFailures()).isEqualTo(1);
    }

    @Test
    void whenTheLeaderWasCancelledEachWaiterRunsTheQueryItself() throws Exception {
        // Each waiter's own loader judges the leader's failure.
        QueryCache<String, String> cache = TestCaches.cache(TestCaches.plainSettings(), versions);
        database.commit("orders", "row");
        QueryFailure cancelled = new QueryFailure("canceling statement due to user request", false);
        Future<CallerResult> leader = callers.submit(() -> cache.load("q", ORDERS, TestLoader.running(() -> {
            leaderStarted.countDown();
            leaderMayFinish.await();
            throw cancelled;
        })));
        awaitLeaderStarted();
        List<Future<CallerResult>> waiters = startWaiters(cache, 3, readingOrders().waitersRetryAfterFailure());
        Waiting.until("3 callers wait for the leader", () -> cache.statistics().coalescedWaits() == 3);

        leaderMayFinish.countDown();

        assertThat(causeOf(leader)).isSameAs(cancelled);
        for (Future<CallerResult> waiter : waiters) {
            CallerResult result = get(waiter);
            assertThat(result.row()).isEqualTo("row");
            assertThat(result.viaSharedValue()).isFalse();
        }
        assertThat(database.queries()).isEqualTo(3);
    }

    @Test
    void aFailureIsNeverCached() throws Exception {
        QueryCache<String, String> cache = TestCaches.cache(TestCaches.plainSettings(), versions);
        database.commit("orders", "row");

        assertThatThrownBy(() -> cache.load("q", ORDERS, TestLoader.running(() -> {
            throw new QueryFailure("connection reset", false);
        }))).isInstanceOf(QueryFailure.class);

        assertThat(cache.getIfFresh("q")).isNull();
        assertThat(cache.load("q", ORDERS, readingOrders()).row()).isEqualTo("row");
        assertThat(database.queries()).isEqualTo(1);
    }

    @Test
    void anErrorInTheLeaderSendsWaitersToTheDatabaseInsteadOfLeavingThemWaiting() throws Exception {
        QueryCache<String, String> cache = TestCaches.cache(TestCaches.plainSettings(), versions);
        database.commit("orders", "row");
        AssertionError leadersError = new AssertionError("out of luck");
        Future<CallerResult> leader = callers.submit(() -> cache.load("q", ORDERS, TestLoader.running(() -> {
            leaderStarted.countDown();
            leaderMayFinish.await();
            throw leadersError;
        })));
        awaitLeaderStarted();
        List<Future<CallerResult>> waiters = startWaiters(cache, 1);
        Waiting.until("a caller waits for the leader", () -> cache.statistics().coalescedWaits() == 1);

        leaderMayFinish.countDown();

        assertThat(causeOf(leader)).isSameAs(leadersError);
        assertThat(get(waiters.get(0)).row()).isEqualTo("row");
    }

    @Test
    void whenTheLeadersValueMustNotBeSharedWaitersRunTheQueryThemselves() throws Exception {
        QueryCache<String, String> cache = TestCaches.cache(TestCaches.plainSettings(), versions);
        database.commit("orders", "row");
        Future<CallerResult> leader = callers.submit(() -> cache.load("q", ORDERS, TestLoader.running(() -> {
            String row = database.query("orders");
            leaderStarted.countDown();
            leaderMayFinish.await();
            return row;
        }).notSharing()));
        awaitLeaderStarted();
        List<Future<CallerResult>> waiters = startWaiters(cache, 2, readingOrders().notSharing());
        Waiting.until("2 callers wait for the leader", () -> cache.statistics().coalescedWaits() == 2);

        leaderMayFinish.countDown();

        assertThat(get(leader).row()).isEqualTo("row");
        for (Future<CallerResult> waiter : waiters) {
            assertThat(get(waiter).viaSharedValue()).isFalse();
        }
        assertThat(database.queries()).isEqualTo(3);
        assertThat(cache.getIfFresh("q")).isNull();
    }

    @Test
    void aWaiterInterruptedWhileWaitingRunsTheQueryItselfAndKeepsTheInterrupt() throws Exception {
        QueryCache<String, String> cache = TestCaches.cache(TestCaches.plainSettings(), versions);
        database.commit("orders", "row");
        startBlockedLeader(cache, "q");

        Future<Object[]> waiter = callers.submit(() -> {
            Thread.currentThread().interrupt();
            CallerResult result = cache.load("q", ORDERS, readingOrders());
            return new Object[] {result, Thread.currentThread().isInterrupted()};
        });

        Object[] outcome = waiter.get(Waiting.PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(((CallerResult) outcome[0]).row()).isEqualTo("row");
        assertThat(((CallerResult) outcome[0]).viaSharedValue()).isFalse();
        assertThat(outcome[1]).as("still interrupted").isEqualTo(true);
    }

    @Test
    void aWaiterWhoseLoaderHasNoCopyOfTheFailureRunsTheQueryItself() throws Exception {
        QueryCache<String, String> cache = TestCaches.cache(TestCaches.plainSettings(), versions);
        database.commit("orders", "row");
        Future<CallerResult> leader = callers.submit(() -> cache.load("q", ORDERS, TestLoader.running(() -> {
            leaderStarted.countDown();
            leaderMayFinish.await();
            throw new QueryFailure("deadlock detected", false);
        })));
        awaitLeaderStarted();
        Loader<String, CallerResult, Exception> withoutCopies = new Loader<>() {
            private final TestLoader reading = readingOrders();

            @Override
            public Loaded<String, CallerResult> load() throws Exception {
                return reading.load();
            }

            @Override
            public CallerResult passThrough() throws Exception {
                return reading.passThrough();
            }

            @Override
            public CallerResult fromShared(String value) {
                return reading.fromShared(value);
            }

            @Override
            public boolean waitersRetryAfter(Exception failure) {
                return false;
            }

            @Override
            public Exception forWaiter(Exception leaderFailure) {
                return null;
            }
        };
        Future<CallerResult> waiter = callers.submit(() -> cache.load("q", ORDERS, withoutCopies));
        Waiting.until("a caller waits for the leader", () -> cache.statistics().coalescedWaits() == 1);

        leaderMayFinish.countDown();

        assertThat(causeOf(leader)).isInstanceOf(QueryFailure.class);
        assertThat(get(waiter).row()).isEqualTo("row");
    }

    @Test
    void aSlowLoadOfOneKeyDoesNotHoldUpAnotherKey() throws Exception {
        QueryCache<String, String> cache = TestCaches.cache(TestCaches.plainSettings(), versions);
        database.commit("orders", "row");
        Future<CallerResult> slow = startBlockedLeader(cache, "slow query");

        CallerResult other = cache.load("other query", ORDERS, readingOrders());

        assertThat(other.row()).isEqualTo("row");
        assertThat(cache.getIfFresh("other query")).isEqualTo("row");
        assertThat(slow.isDone()).isFalse();
        assertThat(cache.statistics().coalescedWaits()).isZero();
    }

    @Test
    void aLeaderFindingTheValueStoredSinceItsMissTakesItInsteadOfQuerying() throws Exception {
        QueryCache<String, String> cache = TestCaches.cache(TestCaches.plainSettings(), versions);
        database.commit("orders", "row");
        cache.load("q", ORDERS, readingOrders());

        CallerResult second = cache.load("q", ORDERS, readingOrders());

        assertThat(second.viaSharedValue()).isTrue();
        assertThat(database.queries()).isEqualTo(1);
    }

    @Test
    void theNextLoadAfterAFlightEndsStartsAFreshFlight() throws Exception {
        QueryCache<String, String> cache = TestCaches.cache(TestCaches.plainSettings(), versions);
        database.commit("orders", "row");
        cache.load("q", ORDERS, readingOrders().notSharing());

        CallerResult second = cache.load("q", ORDERS, readingOrders());

        assertThat(second.viaSharedValue()).isFalse();
        assertThat(cache.statistics().coalescedWaits()).isZero();
        assertThat(database.queries()).isEqualTo(2);
    }

    private Future<CallerResult> startBlockedLeader(QueryCache<String, String> cache, String key) throws Exception {
        Future<CallerResult> leader = callers.submit(() -> cache.load(key, ORDERS, blockingLeaderQuery()));
        awaitLeaderStarted();
        return leader;
    }

    private TestLoader blockingLeaderQuery() {
        return TestLoader.running(() -> {
            leaderStarted.countDown();
            leaderMayFinish.await();
            return database.query("orders");
        });
    }

    private List<Future<CallerResult>> startWaiters(QueryCache<String, String> cache, int count) {
        return startWaiters(cache, count, readingOrders());
    }

    private List<Future<CallerResult>> startWaiters(QueryCache<String, String> cache, int count, TestLoader loader) {
        List<Future<CallerResult>> waiters = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            waiters.add(callers.submit(() -> cache.load("q", ORDERS, loader)));
        }
        return waiters;
    }

    private void awaitLeaderStarted() throws InterruptedException {
        assertThat(leaderStarted.await(Waiting.PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }

    private TestLoader readingOrders() {
        return TestLoader.running(() -> database.query("orders"));
    }

    private static CallerResult get(Future<CallerResult> result) throws Exception {
        return result.get(Waiting.PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    private static Throwable causeOf(Future<CallerResult> result) {
        Throwable thrown = catchThrowable(() -> get(result));
        assertThat(thrown).isInstanceOf(ExecutionException.class);
        return thrown.getCause();
    }
}
