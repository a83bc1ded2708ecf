package dev.cachedjdbc.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.analysis.TableKey;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The race the version stamps exist for: a reader misses and reads the old row, a writer commits, and the reader
 * stores the old row. Each test plays one interleaving step by step; the writer's steps run inside the reader's
 * query where the interleaving puts them there.
 */
class StaleFillRaceTest {

    private static final List<TableKey> ORDERS = List.of(TableKey.of("orders"));

    private final TableVersions versions = new TableVersions();
    private final QueryCache<String, String> cache = TestCaches.cache(TestCaches.plainSettings(), versions);
    private final FakeDatabase database = new FakeDatabase();
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @AfterEach
    void stopCallers() {
        callers.shutdownNow();
    }

    @Test
    void aRowReadBeforeAWriteCommittedIsNotServedAfterIt() throws Exception {
        database.commit("orders", "old");

        CallerResult readersOwn = cache.load("q", ORDERS, TestLoader.running(() -> {
            String row = database.query("orders");
            writeOrders("new");
            return row;
        }));

        assertThat(readersOwn.row()).as("the reader's own statement ran before the commit").isEqualTo("old");
        assertThat(cache.getIfFresh("q")).isNull();
        assertThat(cache.load("q", ORDERS, readingOrders()).row()).isEqualTo("new");
    }

    @Test
    void aRowIsNotStoredWhileAWriteThatBeganDuringItsQueryIsStillOpen() throws Exception {
        database.commit("orders", "old");
        WriteScope write = versions.openWriteScope();

        cache.load("q", ORDERS, TestLoader.running(() -> {
            String row = database.query("orders");
            write.add(ORDERS);
            return row;
        }));

        assertThat(cache.getIfFresh("q")).isNull();
        assertThat(cache.statistics().entries()).isZero();
        write.close();
    }

    @Test
    void withoutTheStampChecksTheSameInterleavingServesTheOldRow() throws Exception {
        QueryCache<String, String> unguarded = TestCaches.cacheIgnoringStamps();
        database.commit("orders", "old");

        unguarded.load("q", ORDERS, TestLoader.running(() -> {
            String row = database.query("orders");
            writeOrders("new");
            return row;
        }));

        assertThat(database.query("orders")).isEqualTo("new");
        assertThat(unguarded.getIfFresh("q")).as("stale: the write committed before this read").isEqualTo("old");
    }

    @Test
    void nothingIsFilledWhileAWriteOfTheTableIsOpen() throws Exception {
        database.commit("orders", "committed");
        try (WriteScope write = versions.openWriteScope()) {
            write.add(ORDERS);

            CallerResult first = cache.load("q", ORDERS, readingOrders());
            CallerResult second = cache.load("q", ORDERS, readingOrders());

            assertThat(first.row()).isEqualTo("committed");
            assertThat(first.passedThrough()).as("made into no value that could be stored").isTrue();
            assertThat(second.passedThrough()).isTrue();
            assertThat(database.queries()).isEqualTo(2);
            assertThat(cache.getIfFresh("q")).isNull();
        }
    }

    @Test
    void aWriteOfAnotherTableDoesNotStopFills() throws Exception {
        database.commit("orders", "row");
        try (WriteScope write = versions.openWriteScope()) {
            write.add(List.of(TableKey.of("customers")));

            cache.load("q", ORDERS, readingOrders());

            assertThat(cache.getIfFresh("q")).isEqualTo("row");
        }
    }

    @Test
    void fillsResumeOnceTheWriteCloses() throws Exception {
        writeOrders("new");

        cache.load("q", ORDERS, readingOrders());

        assertThat(cache.getIfFresh("q")).isEqualTo("new");
    }

    @Test
    void aStoredRowStopsBeingServedTheMomentAWriteBeginsBeforeItCommits() throws Exception {
        database.commit("orders", "old");
        cache.load("q", ORDERS, readingOrders());
        assertThat(cache.getIfFresh("q")).isEqualTo("old");

        try (WriteScope write = versions.openWriteScope()) {
            write.add(ORDERS);

            assertThat(cache.getIfFresh("q")).isNull();
            database.commit("orders", "new");
        }

        assertThat(cache.getIfFresh("q")).isNull();
        assertThat(cache.load("q", ORDERS, readingOrders()).row()).isEqualTo("new");
    }

    @Test
    void aWriteOfEverythingStalesEveryRowAndBlocksEveryFillUntilItCloses() throws Exception {
        database.commit("orders", "old");
        cache.load("q", ORDERS, readingOrders());
        cache.load("no tables", List.of(), TestLoader.running(() -> "constant"));

        try (WriteScope write = versions.openWriteScope()) {
            write.addEverything();

            assertThat(cache.getIfFresh("q")).isNull();
            assertThat(cache.getIfFresh("no tables")).isNull();
            database.commit("orders", "new");
            cache.load("q", ORDERS, readingOrders());
            assertThat(cache.getIfFresh("q")).as("filled while everything was being written").isNull();
        }

        cache.load("q", ORDERS, readingOrders());
        assertThat(cache.getIfFresh("q")).isEqualTo("new");
    }

    @Test
    void aWriteOfEverythingDuringAQueryKeepsItsRowOut() throws Exception {
        database.commit("orders", "old");

        cache.load("q", ORDERS, TestLoader.running(() -> {
            String row = database.query("orders");
            try (WriteScope write = versions.openWriteScope()) {
                write.addEverything();
                database.commit("orders", "new");
            }
            return row;
        }));

        assertThat(cache.getIfFresh("q")).isNull();
    }

    @Test
    void anInvalidationFromElsewhereStalesTheStoredRows() throws Exception {
        cache.load("q", ORDERS, readingOrders());

        versions.invalidate(List.of(TableKey.of("ORDERS")));

        assertThat(cache.getIfFresh("q")).isNull();
    }

    @Test
    void aCallerThatJoinsALoadAfterAWriteCommittedQueriesItselfInsteadOfTakingThePreWriteRow() throws Exception {
        database.commit("orders", "old");
        CountDownLatch leaderHasRead = new CountDownLatch(1);
        CountDownLatch leaderMayFinish = new CountDownLatch(1);
        Future<CallerResult> leader = callers.submit(() -> cache.load("q", ORDERS, TestLoader.running(() -> {
            String row = database.query("orders");
            leaderHasRead.countDown();
            leaderMayFinish.await();
            return row;
        })));
        assertThat(leaderHasRead.await(Waiting.PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        writeOrders("new");

        Future<CallerResult> lateComer = callers.submit(() -> cache.load("q", ORDERS, readingOrders()));
        Waiting.until("the late caller waits for the leader", () -> cache.statistics().coalescedWaits() == 1);
        leaderMayFinish.countDown();

        assertThat(leader.get(Waiting.PATIENCE.toSeconds(), TimeUnit.SECONDS).row()).isEqualTo("old");
        CallerResult lateResult = lateComer.get(Waiting.PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(lateResult.row()).isEqualTo("new");
        assertThat(lateResult.viaSharedValue()).isFalse();
        assertThat(cache.getIfFresh("q")).as("the late caller's own row, stamped after the write").isEqualTo("new");
    }

    @Test
    void callersAlreadyWaitingWhenAWriteBeginsQueryThemselves() throws Exception {
        database.commit("orders", "old");
        CountDownLatch leaderHasRead = new CountDownLatch(1);
        CountDownLatch leaderMayFinish = new CountDownLatch(1);
        Future<CallerResult> leader = callers.submit(() -> cache.load("q", ORDERS, TestLoader.running(() -> {
            String row = database.query("orders");
            leaderHasRead.countDown();
            leaderMayFinish.await();
            return row;
        })));
        assertThat(leaderHasRead.await(Waiting.PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        Future<CallerResult> waiter = callers.submit(() -> cache.load("q", ORDERS, readingOrders()));
        Waiting.until("the caller waits for the leader", () -> cache.statistics().coalescedWaits() == 1);

        writeOrders("new");
        leaderMayFinish.countDown();

        leader.get(Waiting.PATIENCE.toSeconds(), TimeUnit.SECONDS);
        CallerResult waiterResult = waiter.get(Waiting.PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(waiterResult.row()).isEqualTo("new");
        assertThat(waiterResult.viaSharedValue()).isFalse();
        assertThat(cache.getIfFresh("q")).isNull();
    }

    private void writeOrders(String row) {
        try (WriteScope write = versions.openWriteScope()) {
            write.add(ORDERS);
            database.commit("orders", row);
        }
    }

    private TestLoader readingOrders() {
        return TestLoader.running(() -> database.query("orders"));
    }
}
