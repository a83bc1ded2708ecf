package dev.cachedjdbc.conformance.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.conformance.faults.LeaderRace.LeaderFault;
import dev.cachedjdbc.testing.TestDatabases;
import java.sql.SQLException;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Faults that hit the leader of a coalesced load on PostgreSQL (see {@link LeaderRace}): the leader fails, is
 * cancelled, times out, loses its connection or is aborted to break a deadlock. Every caller must get what it gets from
 * the plain driver in the same race, no caller may wait long after the lock is gone, and the cache must serve current
 * data afterwards.
 */
class CoalescedLeaderFaultsTest {

    private static final int WAITERS = 3;

    private FaultTable table;
    private String query;

    @BeforeEach
    void createTable() throws SQLException {
        table = new FaultTable("sk_fault_leader");
        query = "SELECT id, v FROM " + table.name() + " ORDER BY id";
    }

    @AfterEach
    void dropTable() throws SQLException {
        TestDatabases.assumePostgres();
        table.close();
    }

    @Test
    void waitersOfALeaderWhoseQueryFailsGetTheSameErrorAsWithoutTheCache() throws Exception {
        String failing = "SELECT id, v / (v - v) AS quotient FROM " + table.name();
        List<CallerOutcome> expected = new LeaderRace(table.name(), failing, WAITERS).run();
        List<CallerOutcome> actual = new LeaderRace(table.name(), failing, WAITERS)
                .throughCache(TestDatabases.cachedPostgresUrl()).run();

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

    @Test
    void aLeaderAbortedAsADeadlockVictimFailsAloneAndItsWaitersReadTheRows() throws Exception {
        try (FaultTable other = new FaultTable("sk_fault_leader_other")) {
            assertFaultHitsTheLeaderOnly(race -> race.deadlockOver(other.name()), "40P01");
        }
    }

    private void assertFaultHitsTheLeaderOnly(LeaderFault fault, String leaderState) throws Exception {
        assertFaultHitsTheLeaderOnly(race -> race.fault(fault), leaderState);
    }

    private void assertFaultHitsTheLeaderOnly(UnaryOperator<LeaderRace> staging, String leaderState)
            throws Exception {
        List<CallerOutcome> expected = staging.apply(new LeaderRace(table.name(), query, WAITERS)).run();
        List<CallerOutcome> actual = staging.apply(new LeaderRace(table.name(), query, WAITERS))
                .throughCache(TestDatabases.cachedPostgresUrl()).run();

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
}
