package dev.cachedjdbc.conformance.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.driver.CacheControl;
import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Faults that hit the leader of a coalesced load on PostgreSQL. The leader's query is held behind an ACCESS
 * EXCLUSIVE lock taken by another transaction, identical queries pile up behind it (waiting for the leader in the
 * cached run, for the lock in the plain run), and then the leader fails, is cancelled, times out or loses its
 * connection. Every caller must get what it gets from the plain driver in the same race, no caller may wait long
 * after the lock is gone, and the cache must serve current data afterwards.
 */
class CoalescedLeaderFaultsTest {

    private static final int WAITERS = 3;
    private static final Duration TO_BLOCK = Duration.ofSeconds(10);
    /** How long any caller may still take once nothing holds it back any more. */
    private static final Duration AFTER_RELEASE = Duration.ofSeconds(5);

    private FaultTable table;
    private String query;

    @BeforeEach
    void createTable() throws SQLException {
        table = new FaultTable("sk_fault_leader");
        query = "SELECT id, v FROM " + table.name() + " ORDER BY id";
    }

    @AfterEach
    void dropTable() throws SQLException {
        table.close();
    }

    @Test
    void waitersOfALeaderWhoseQueryFailsGetTheSameErrorAsWithoutTheCache() throws Exception {
        String failing = "SELECT id, v / (v - v) AS quotient FROM " + table.name();
        Race plain = new Race(false, failing, LeaderFault.NONE);
        Race cached = new Race(true, failing, LeaderFault.NONE);

        List<CallerOutcome> expected = plain.run();
        List<CallerOutcome> actual = cached.run();

        assertThat(expected).allSatisfy(outcome -> assertThat(outcome.kind()).contains("22012"));
        assertSameKinds(actual, expected);
        assertThat(actual).extracting(CallerOutcome::failure).extracting(Throwable::getMessage)
                .containsOnly(expected.get(0).failure().getMessage());
        table.assertCacheServesCurrentData(TestDatabases.cachedPostgresUrl(), query);
    }

    @Test
    void aLeaderCancelledWithStatementCancelFailsAloneAndItsWaitersReadTheRows() throws Exception {
        assertFaultHitsTheLeaderOnly(LeaderFault.STATEMENT_CANCEL, "57014");
    }

    @Test
    void aLeaderCancelledWithPgCancelBackendFailsAloneAndItsWaitersReadTheRows() throws Exception {
        assertFaultHitsTheLeaderOnly(LeaderFault.CANCEL_BACKEND, "57014");
    }

    @Test
    void aLeaderThatTimesOutFailsAloneAndItsWaitersReadTheRows() throws Exception {
        assertFaultHitsTheLeaderOnly(LeaderFault.QUERY_TIMEOUT, "57014");
    }

    @Test
    void aLeaderWhoseConnectionIsTerminatedFailsAloneAndItsWaitersReadTheRows() throws Exception {
        assertFaultHitsTheLeaderOnly(LeaderFault.TERMINATE_BACKEND, "57P01");
    }

    private void assertFaultHitsTheLeaderOnly(LeaderFault fault, String leaderState) throws Exception {
        List<CallerOutcome> expected = new Race(false, query, fault).run();
        List<CallerOutcome> actual = new Race(true, query, fault).run();

        assertThat(expected.get(0).kind()).contains(leaderState);
        assertThat(expected.subList(1, expected.size())).allSatisfy(
                outcome -> assertThat(outcome.kind()).isEqualTo("rows [1|1]"));
        assertSameKinds(actual, expected);
        table.assertCacheServesCurrentData(TestDatabases.cachedPostgresUrl(), query);
    }

    private static void assertSameKinds(List<CallerOutcome> actual, List<CallerOutcome> expected) {
        assertThat(actual).extracting(CallerOutcome::kind)
                .as("leader and waiters through the cache %s, with the plain driver %s", actual, expected)
                .isEqualTo(expected.stream().map(CallerOutcome::kind).toList());
    }

    /** What happens to the leader while it waits for the lock. */
    private enum LeaderFault {
        NONE, STATEMENT_CANCEL, CANCEL_BACKEND, QUERY_TIMEOUT, TERMINATE_BACKEND;

        boolean endsTheLeaderUnderTheLock() {
            return this != NONE;
        }
    }

    /** One leader and its waiters, all on connections of their own, through the cache or plainly. */
    private final class Race {

        private final boolean cached;
        private final String sql;
        private final LeaderFault fault;

        Race(boolean cached, String sql, LeaderFault fault) {
            this.cached = cached;
            this.sql = sql;
            this.fault = fault;
        }

        /** The leader's outcome first, then the waiters' in the order they started. */
        List<CallerOutcome> run() throws Exception {
            List<QueryCaller> callers = new ArrayList<>();
            try (PostgresAdmin admin = new PostgresAdmin();
                 PostgresAdmin.TableLock lock = admin.lockExclusively(table.name())) {
                for (int i = 0; i <= WAITERS; i++) {
                    callers.add(new QueryCaller((i == 0 ? "leader" : "waiter-" + i) + (cached ? "-cached" : "-plain"),
                            connect()));
                }
                QueryCaller leader = callers.get(0);
                leader.start(sql, statement -> statement.setQueryTimeout(fault == LeaderFault.QUERY_TIMEOUT ? 1 : 0));
                admin.awaitBlockedOnLock(sql, 1, TO_BLOCK);

                long coalescedBefore = coalescedWaits(leader.connection());
                for (QueryCaller waiter : callers.subList(1, callers.size())) {
                    waiter.start(sql);
                }
                if (cached) {
                    awaitCoalescedWaits(leader.connection(), coalescedBefore + WAITERS);
                } else {
                    admin.awaitBlockedOnLock(sql, WAITERS + 1, TO_BLOCK);
                }

                switch (fault) {
                    case STATEMENT_CANCEL -> leader.statement().cancel();
                    case CANCEL_BACKEND -> admin.cancel(leader.backendPid());
                    case TERMINATE_BACKEND -> admin.terminate(leader.backendPid());
                    case NONE, QUERY_TIMEOUT -> { }
                }
                List<CallerOutcome> outcomes = new ArrayList<>();
                if (fault.endsTheLeaderUnderTheLock()) {
                    outcomes.add(leader.outcome(TO_BLOCK));
                }
                lock.release();
                for (QueryCaller caller : callers.subList(outcomes.size(), callers.size())) {
                    outcomes.add(caller.outcome(AFTER_RELEASE));
                }
                return outcomes;
            } finally {
                callers.forEach(QueryCaller::close);
            }
        }

        private Connection connect() throws SQLException {
            return cached ? FaultTable.cachedConnection(TestDatabases.cachedPostgresUrl()) : TestDatabases.postgres();
        }

        private long coalescedWaits(Connection connection) throws SQLException {
            return cached ? connection.unwrap(CacheControl.class).statistics().coalescedWaits() : 0;
        }

        private void awaitCoalescedWaits(Connection connection, long count) throws Exception {
            long deadline = System.nanoTime() + TO_BLOCK.toNanos();
            while (coalescedWaits(connection) < count) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the waiters did not wait for the leader within " + TO_BLOCK);
                }
                Thread.sleep(10);
            }
        }
    }
}
