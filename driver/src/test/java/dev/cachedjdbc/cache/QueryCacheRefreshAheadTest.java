package dev.cachedjdbc.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachedjdbc.analysis.TableKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Refresh-ahead: a hit near the end of an entry's lifetime may choose its caller to reload the entry early, while
 * everyone else keeps hitting it. Every load here takes {@link #LOAD} on the test's clock, so entries start to draw
 * in their last {@link #WINDOW}; the draws of U are the test's.
 */
class QueryCacheRefreshAheadTest {

    private static final List<TableKey> ORDERS = List.of(TableKey.of("orders"));
    private static final Duration TTL = Duration.ofSeconds(10);
    private static final Duration LOAD = Duration.ofMillis(100);
    /** Ten load durations: beyond it no hit draws. */
    private static final Duration WINDOW = LOAD.multipliedBy(10);
    /** The most eager draw there is: −ln U ≈ 744, far above any r / d here. */
    private static final double EAGER = Double.MIN_VALUE;
    /** −ln 1 = 0: refreshes nothing. */
    private static final double NEVER = 1.0;

    private final TableVersions versions = new TableVersions();
    private final FakeTicker ticker = new FakeTicker();
    private final FakeDatabase database = new FakeDatabase();
    private final AtomicInteger draws = new AtomicInteger();
    private volatile double nextDraw = EAGER;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void anEntryFarFromItsEndIsServedWithoutAnyDraw() throws Exception {
        QueryCache<String, String> cache = cache(true);
        long loadedAt = loadFirst(cache, "v1");

        for (long second = 1; second < 9; second++) {
            ticker.advanceTo(loadedAt + Duration.ofSeconds(second).toNanos());
            assertThat(cache.getIfFresh("q")).isEqualTo("v1");
        }
        ticker.advanceTo(loadedAt + TTL.minus(WINDOW).toNanos());
        assertThat(cache.getIfFresh("q")).as("exactly ten load durations before the end").isEqualTo("v1");

        assertThat(draws).as("no hit outside the window draws").hasValue(0);
        assertThat(cache.statistics().refreshes()).isZero();
        assertThat(database.queries()).isEqualTo(1);
    }

    @Test
    void withinTheWindowAHitDrawsAndAnEagerDrawChoosesItsCaller() throws Exception {
        QueryCache<String, String> cache = cache(true);
        long loadedAt = loadFirst(cache, "v1");

        ticker.advanceTo(loadedAt + TTL.minus(WINDOW).toNanos() + 1);

        assertThat(cache.getIfFresh("q")).as("the caller chosen to refresh").isNull();
        assertThat(draws).hasValue(1);
    }

    @Test
    void aHitRefreshesWhenTheLoadDurationTimesMinusLnUReachesTheTimeLeft() throws Exception {
        QueryCache<String, String> cache = cache(true);
        long loadedAt = loadFirst(cache, "v1");
        // 500 ms left and a 100 ms load: refresh when −ln U ≥ 5, that is when U ≤ e^−5.
        ticker.advanceTo(loadedAt + TTL.minusMillis(500).toNanos());

        nextDraw = Math.exp(-5) * 1.001;
        assertThat(cache.getIfFresh("q")).as("U just above e^-5").isEqualTo("v1");
        nextDraw = Math.exp(-5) * 0.999;
        assertThat(cache.getIfFresh("q")).as("U just below e^-5").isNull();
        assertThat(draws).hasValue(2);
    }

    @Test
    void theChosenCallersLoadRunsTheQueryWhileEveryoneElseHitsTheOldEntryWithoutDrawing() throws Exception {
        QueryCache<String, String> cache = cache(true);
        long loadedAt = loadFirst(cache, "v1");
        database.commit("orders", "v2");
        ticker.advanceTo(loadedAt + TTL.minusMillis(500).toNanos());

        assertThat(cache.getIfFresh("q")).as("the chosen caller").isNull();
        assertThat(cache.getIfFresh("q")).as("everyone else").isEqualTo("v1");
        assertThat(cache.getIfFresh("q")).isEqualTo("v1");
        assertThat(draws).as("once chosen, nobody draws again").hasValue(1);

        CallerResult refreshed = cache.load("q", ORDERS, querying());

        assertThat(refreshed.row()).as("its own query, not the old entry").isEqualTo("v2");
        assertThat(refreshed.viaSharedValue()).isFalse();
        assertThat(cache.getIfFresh("q")).isEqualTo("v2");
        assertThat(database.queries()).isEqualTo(2);
        assertThat(cache.statistics().refreshes()).isEqualTo(1);
        assertThat(cache.statistics().misses()).as("the first load's miss and the chosen caller's").isEqualTo(2);
        assertThat(cache.statistics().hits()).isEqualTo(3);
    }

    @Test
    void ofManyConcurrentCallersNearTheEndExactlyOneReloadsWhileTheOthersHit() throws Exception {
        QueryCache<String, String> cache = cache(true);
        long loadedAt = loadFirst(cache, "v1");
        database.commit("orders", "v2");
        ticker.advanceTo(loadedAt + TTL.minusMillis(500).toNanos());
        int callers = 8;
        int readsEach = 50;
        CountDownLatch othersDone = new CountDownLatch(callers - 1);
        CountDownLatch refreshRunning = new CountDownLatch(1);
        TestLoader refreshWaitingForTheOthers = TestLoader.running(() -> {
            refreshRunning.countDown();
            othersDone.await();
            ticker.advance(LOAD);
            return database.query("orders");
        });
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<String>>> answers = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            answers.add(threads.submit(() -> {
                start.await();
                List<String> rows = new ArrayList<>();
                boolean refreshed = false;
                for (int read = 0; read < readsEach; read++) {
                    String hit = cache.getIfFresh("q");
                    if (hit != null) {
                        rows.add("hit:" + hit);
                    } else {
                        rows.add("load:" + cache.load("q", ORDERS, refreshWaitingForTheOthers).row());
                        refreshed = true;
                    }
                }
                if (!refreshed) {
                    othersDone.countDown();
                }
                return rows;
            }));
        }

        start.countDown();
        List<List<String>> byCaller = new ArrayList<>();
        for (Future<List<String>> answer : answers) {
            byCaller.add(answer.get(Waiting.PATIENCE.toSeconds(), TimeUnit.SECONDS));
        }

        List<List<String>> refreshers = byCaller.stream().filter(rows -> rows.contains("load:v2")).toList();
        assertThat(refreshers).as("callers that reloaded").hasSize(1);
        assertThat(refreshers.get(0)).as("the reloader's reads").startsWith("load:v2")
                .containsOnly("load:v2", "hit:v2");
        assertThat(byCaller).filteredOn(rows -> !rows.contains("load:v2"))
                .as("every other caller hit the old entry on every read, while the reload ran")
                .hasSize(callers - 1)
                .allSatisfy(rows -> assertThat(rows).hasSize(readsEach).containsOnly("hit:v1"));
        assertThat(database.queries()).isEqualTo(2);
        assertThat(cache.statistics().refreshes()).isEqualTo(1);
        assertThat(cache.statistics().coalescedWaits()).isZero();
        assertThat(refreshRunning.getCount()).isZero();
    }

    @Test
    void theRefreshedEntryLivesItsOwnLifetimeFromTheStartOfTheReload() throws Exception {
        QueryCache<String, String> cache = cache(true);
        long loadedAt = loadFirst(cache, "v1");
        database.commit("orders", "v2");
        long reloadStart = loadedAt + TTL.minusMillis(500).toNanos();
        ticker.advanceTo(reloadStart);
        assertThat(cache.getIfFresh("q")).isNull();
        cache.load("q", ORDERS, querying());
        nextDraw = NEVER;

        ticker.advanceTo(loadedAt + TTL.toNanos());
        assertThat(cache.getIfFresh("q")).as("at the old entry's end").isEqualTo("v2");
        ticker.advanceTo(reloadStart + TTL.toNanos() - 1);
        assertThat(cache.getIfFresh("q")).as("the last nanosecond of the new lifetime").isEqualTo("v2");
        ticker.advanceTo(reloadStart + TTL.toNanos());
        assertThat(cache.getIfFresh("q")).as("the ttl after the reload began").isNull();
    }

    @Test
    void theRefreshedEntryCarriesTheReloadsStampNotTheOldOne() throws Exception {
        QueryCache<String, String> cache = cache(true);
        long loadedAt = loadFirst(cache, "v1");
        ticker.advanceTo(loadedAt + TTL.minusMillis(500).toNanos());
        assertThat(cache.getIfFresh("q")).isNull();
        // A write ends between the choice and the reload: the old stamp is stale, the reload's is taken after it.
        database.commit("orders", "v2");
        versions.invalidate(ORDERS);

        cache.load("q", ORDERS, querying());

        assertThat(cache.getIfFresh("q")).isEqualTo("v2");
        versions.invalidate(ORDERS);
        assertThat(cache.getIfFresh("q")).as("a later write hides the new entry").isNull();
    }

    @Test
    void aWriteDuringTheReloadLeavesTheOldEntryInvalidatedAndTheReloadUnstored() throws Exception {
        QueryCache<String, String> cache = cache(true);
        long loadedAt = loadFirst(cache, "v1");
        ticker.advanceTo(loadedAt + TTL.minusMillis(500).toNanos());
        CountDownLatch queried = new CountDownLatch(1);
        CountDownLatch writeDone = new CountDownLatch(1);
        assertThat(cache.getIfFresh("q")).isNull();
        Future<CallerResult> reload = threads.submit(() -> cache.load("q", ORDERS, TestLoader.running(() -> {
            String row = database.query("orders");
            queried.countDown();
            writeDone.await();
            return row;
        })));
        assertThat(queried.await(Waiting.PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(cache.getIfFresh("q")).as("before the write").isEqualTo("v1");

        try (WriteScope write = versions.openWriteScope()) {
            write.add(ORDERS);
            database.commit("orders", "v2");
        }
        assertThat(cache.getIfFresh("q")).as("after the write, during the reload").isNull();
        writeDone.countDown();

        assertThat(reload.get(Waiting.PATIENCE.toSeconds(), TimeUnit.SECONDS).row())
                .as("the reloading caller gets its own result, as a miss would").isEqualTo("v1");
        assertThat(cache.getIfFresh("q")).as("the reload, begun before the write, is not stored").isNull();
        assertThat(cache.statistics().invalidations()).isEqualTo(1);
        assertThat(cache.load("q", ORDERS, querying()).row()).isEqualTo("v2");
    }

    @Test
    void theOldEntryIsNotServedPastItsEndWhileTheReloadStillRuns() throws Exception {
        QueryCache<String, String> cache = cache(true);
        long loadedAt = loadFirst(cache, "v1");
        database.commit("orders", "v2");
        ticker.advanceTo(loadedAt + TTL.minusMillis(500).toNanos());
        CountDownLatch reloadRunning = new CountDownLatch(1);
        CountDownLatch reloadMayFinish = new CountDownLatch(1);
        assertThat(cache.getIfFresh("q")).isNull();
        Future<CallerResult> reload = threads.submit(() -> cache.load("q", ORDERS, TestLoader.running(() -> {
            reloadRunning.countDown();
            reloadMayFinish.await();
            return database.query("orders");
        })));
        assertThat(reloadRunning.await(Waiting.PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();

        ticker.advanceTo(loadedAt + TTL.toNanos() - 1);
        assertThat(cache.getIfFresh("q")).as("the old entry's last nanosecond").isEqualTo("v1");
        ticker.advanceTo(loadedAt + TTL.toNanos());
        assertThat(cache.getIfFresh("q")).as("the old entry's end").isNull();
        Future<CallerResult> waiter = threads.submit(() -> cache.load("q", ORDERS, querying()));
        Waiting.until("the caller that missed waits for the reload", () -> cache.statistics().coalescedWaits() == 1);
        reloadMayFinish.countDown();

        assertThat(reload.get(Waiting.PATIENCE.toSeconds(), TimeUnit.SECONDS).row()).isEqualTo("v2");
        CallerResult waited = waiter.get(Waiting.PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(waited.row()).isEqualTo("v2");
        assertThat(waited.viaSharedValue()).as("single flight: the reload's value").isTrue();
        assertThat(database.queries()).isEqualTo(2);
    }

    @Test
    void aFailingReloadFailsOnlyItsCallerAndTheOthersKeepHittingUntilTheEnd() throws Exception {
        QueryCache<String, String> cache = cache(true);
        long loadedAt = loadFirst(cache, "v1");
        ticker.advanceTo(loadedAt + TTL.minusMillis(500).toNanos());
        QueryFailure failure = new QueryFailure("connection reset", false);
        assertThat(cache.getIfFresh("q")).isNull();

        assertThatThrownBy(() -> cache.load("q", ORDERS, TestLoader.running(() -> {
            throw failure;
        }))).isSameAs(failure);

        ticker.advanceTo(loadedAt + TTL.toNanos() - 1);
        assertThat(cache.getIfFresh("q")).as("the others, until the old entry's end").isEqualTo("v1");
        assertThat(draws).as("nobody else is chosen for this entry").hasValue(1);
        ticker.advanceTo(loadedAt + TTL.toNanos());
        assertThat(cache.getIfFresh("q")).isNull();
        assertThat(cache.load("q", ORDERS, querying()).row()).as("the next miss loads as usual").isEqualTo("v1");
        assertThat(cache.statistics().loadFailures()).isEqualTo(1);
    }

    @Test
    void noCallerIsChosenWhileALoadOfTheKeyIsInFlight() throws Exception {
        QueryCache<String, String> cache = cache(true);
        database.commit("orders", "v1");
        CountDownLatch slowLeaderRunning = new CountDownLatch(1);
        CountDownLatch slowLeaderMayFinish = new CountDownLatch(1);
        Future<CallerResult> slowLeader = threads.submit(() -> cache.load("q", ORDERS, TestLoader.running(() -> {
            slowLeaderRunning.countDown();
            slowLeaderMayFinish.await();
            return "slow";
        })));
        assertThat(slowLeaderRunning.await(Waiting.PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        // A caller with a limit of its own stops waiting at once, runs its query and stores its entry.
        long loadedAt = ticker.read();
        cache.load("q", ORDERS, querying().waitingAtMost(Duration.ZERO));
        ticker.advanceTo(loadedAt + TTL.minusMillis(500).toNanos());

        assertThat(cache.getIfFresh("q")).as("a load is in flight: no draw, a hit").isEqualTo("v1");
        assertThat(draws).hasValue(0);

        slowLeaderMayFinish.countDown();
        slowLeader.get(Waiting.PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void withRefreshAheadOffHitsNeverDrawAndTheEntryMissesAtItsEndAsBefore() throws Exception {
        QueryCache<String, String> cache = cache(false);
        long loadedAt = loadFirst(cache, "v1");
        database.commit("orders", "v2");

        ticker.advanceTo(loadedAt + TTL.minusMillis(500).toNanos());
        assertThat(cache.getIfFresh("q")).isEqualTo("v1");
        ticker.advanceTo(loadedAt + TTL.toNanos() - 1);
        assertThat(cache.getIfFresh("q")).isEqualTo("v1");
        ticker.advanceTo(loadedAt + TTL.toNanos());
        assertThat(cache.getIfFresh("q")).isNull();
        assertThat(cache.load("q", ORDERS, querying()).row()).isEqualTo("v2");

        assertThat(draws).hasValue(0);
        assertThat(cache.statistics().refreshes()).isZero();
        assertThat(cache.statistics().hits()).isEqualTo(2);
        assertThat(cache.statistics().misses()).isEqualTo(2);
    }

    private QueryCache<String, String> cache(boolean refreshAhead) {
        QueryCacheSettings settings = new QueryCacheSettings(TTL, 0.0, 1_000_000, Duration.ofMinutes(5), refreshAhead);
        return new QueryCache<>(settings, versions, String::length, ticker, () -> 0.0, () -> {
            draws.incrementAndGet();
            return nextDraw;
        });
    }

    /** Loads "q" with the given row committed; returns the tick its lifetime counts from. */
    private long loadFirst(QueryCache<String, String> cache, String row) throws Exception {
        database.commit("orders", row);
        long start = ticker.read();
        assertThat(cache.getIfFresh("q")).isNull();
        cache.load("q", ORDERS, querying());
        return start;
    }

    /** A caller's query of the orders table, taking {@link #LOAD} on the test's clock. */
    private TestLoader querying() {
        Callable<String> query = () -> {
            ticker.advance(LOAD);
            return database.query("orders");
        };
        return TestLoader.running(query);
    }
}
