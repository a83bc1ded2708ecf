package dev.cachedjdbc.conformance.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.testing.TestDatabases;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Waiters behind a leader that stays blocked (see {@link LeaderRace}): they wait no longer than
 * {@code cache.singleFlightTimeout}, nor than their own query timeout, nor past a cancel of their statement, and
 * then run the query themselves, meeting the lock, their own timeout or the cancel as they would without the cache.
 */
class SingleFlightTimeoutTest {

    private static final int WAITERS = 3;
    private static final Duration SINGLE_FLIGHT_TIMEOUT = Duration.ofMillis(200);
    private static final int WAITER_TIMEOUT_SECONDS = 1;
    /** Scheduling on a busy machine, and the cancel round trip of a query timeout. */
    private static final Duration SLACK = Duration.ofSeconds(2);

    private FaultTable table;
    private String query;
    private String shortWaitUrl;

    @BeforeEach
    void createTable() throws SQLException {
        table = new FaultTable("sk_fault_single_flight");
        query = "SELECT id, v FROM " + table.name() + " ORDER BY id";
        String url = TestDatabases.cachedPostgresUrl();
        shortWaitUrl = url + (url.contains("?") ? "&" : "?") + "cache.singleFlightTimeout="
                + SINGLE_FLIGHT_TIMEOUT.toMillis() + "ms";
    }

    @AfterEach
    void dropTable() throws SQLException {
        TestDatabases.assumePostgres();
        table.close();
    }

    @Test
    void waitersStopWaitingForABlockedLeaderAfterTheSingleFlightTimeoutAndRunTheQueryThemselves() throws Exception {
        AtomicLong allAtTheDatabaseMillis = new AtomicLong(-1);
        List<CallerOutcome> outcomes = new LeaderRace(table.name(), query, WAITERS).throughCache(shortWaitUrl)
                .observe((admin, waitersStarted) -> {
                    admin.awaitBlockedOnLock(query, WAITERS + 1, SINGLE_FLIGHT_TIMEOUT.plus(SLACK));
                    allAtTheDatabaseMillis.set(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - waitersStarted));
                })
                .run();

        System.out.println("waiters behind a blocked leader were all waiting on the lock themselves "
                + allAtTheDatabaseMillis.get() + " ms after they started (cache.singleFlightTimeout="
                + SINGLE_FLIGHT_TIMEOUT.toMillis() + "ms)");
        assertThat(outcomes).extracting(CallerOutcome::kind).containsOnly("rows [1|1]");
        table.assertCacheServesCurrentData(shortWaitUrl, query);
    }

    @Test
    void waitersWithAQueryTimeoutFailAsWithoutTheCacheWithinTheSingleFlightTimeoutPlusTheirOwn() throws Exception {
        assertWaitersTimeOutAsWithoutTheCache(shortWaitUrl, SINGLE_FLIGHT_TIMEOUT);
    }

    @Test
    void waitersWaitNoLongerThanTheirOwnQueryTimeoutWhenItIsShorterThanTheSingleFlightTimeout() throws Exception {
        // The default single-flight timeout is 30 seconds: only the waiters' own timeout can end their wait early.
        assertWaitersTimeOutAsWithoutTheCache(TestDatabases.cachedPostgresUrl(),
                Duration.ofSeconds(WAITER_TIMEOUT_SECONDS));
    }

    @Test
    void aWaiterCancelledWhileItWaitsFailsAsWithoutTheCacheWithinASecond() throws Exception {
        List<CallerOutcome> expected = new LeaderRace(table.name(), query, WAITERS).cancelFirstWaiter().run();
        List<CallerOutcome> actual = new LeaderRace(table.name(), query, WAITERS)
                .throughCache(TestDatabases.cachedPostgresUrl()).cancelFirstWaiter().run();

        assertThat(expected.get(1).kind()).contains("57014");
        assertThat(actual).extracting(CallerOutcome::kind)
                .as("through the cache %s, with the plain driver %s", actual, expected)
                .isEqualTo(expected.stream().map(CallerOutcome::kind).toList());
        assertThat(actual.get(1).failure()).hasMessage(expected.get(1).failure().getMessage());
        // The default single-flight timeout is 30 seconds: only the cancel can end the wait this early.
        long bound = Duration.ofSeconds(1).plus(SLACK).toMillis();
        assertThat(actual.get(1).millis()).as("%s within %d ms", actual.get(1), bound).isLessThanOrEqualTo(bound);
        table.assertCacheServesCurrentData(TestDatabases.cachedPostgresUrl(), query);
    }

    private void assertWaitersTimeOutAsWithoutTheCache(String cachedUrl, Duration longestWait) throws Exception {
        List<CallerOutcome> expected = new LeaderRace(table.name(), query, WAITERS)
                .waiterTimeoutSeconds(WAITER_TIMEOUT_SECONDS).run();
        List<CallerOutcome> actual = new LeaderRace(table.name(), query, WAITERS).throughCache(cachedUrl)
                .waiterTimeoutSeconds(WAITER_TIMEOUT_SECONDS).run();

        assertThat(actual).extracting(CallerOutcome::kind)
                .as("through the cache %s, with the plain driver %s", actual, expected)
                .isEqualTo(expected.stream().map(CallerOutcome::kind).toList())
                .containsOnlyOnce("rows [1|1]");
        long bound = longestWait.plusSeconds(WAITER_TIMEOUT_SECONDS).plus(SLACK).toMillis();
        assertThat(actual.subList(1, actual.size())).allSatisfy(waiter -> {
            assertThat(waiter.kind()).contains("57014");
            assertThat(waiter.millis()).as("%s within %d ms", waiter, bound).isLessThanOrEqualTo(bound);
        });
        table.assertCacheServesCurrentData(cachedUrl, query);
    }
}
