package dev.cachedjdbc.conformance.faults;

import dev.cachedjdbc.driver.CacheControl;
import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One leader and its waiters on PostgreSQL, each on a connection of its own, through the caching driver or plainly.
 * The leader's query is held behind an ACCESS EXCLUSIVE lock taken by another transaction; identical queries pile
 * up behind it (waiting for the leader through the cache, for the lock without it); then a fault hits the leader,
 * and finally the lock is released. The plain run of the same race tells what every caller should get.
 */
final class LeaderRace {

    static final Duration TO_BLOCK = Duration.ofSeconds(10);
    /** How long any caller may still take once nothing holds it back any more. */
    static final Duration AFTER_RELEASE = Duration.ofSeconds(5);
    /** Long enough for the waiters to line up behind the leader first, even on a busy machine. */
    private static final int LEADER_TIMEOUT_SECONDS = 2;

    /** What happens to the leader while it waits for the lock. */
    enum LeaderFault {
        NONE, STATEMENT_CANCEL, CANCEL_BACKEND, QUERY_TIMEOUT, TERMINATE_BACKEND,
        /** The leader, in a transaction holding a row lock, and the lock holder wait for each other. */
        DEADLOCK
    }

    /** A look at the race while the leader is blocked and the waiters have started. */
    @FunctionalInterface
    interface Observation {
        void whileTheLeaderIsBlocked(PostgresAdmin admin, long waitersStartedNanos) throws Exception;
    }

    private final String table;
    private final String sql;
    private final int waiters;
    private String cachedUrl;
    private LeaderFault fault = LeaderFault.NONE;
    private int waiterTimeoutSeconds;
    private String deadlockTable;
    private boolean cancelFirstWaiter;
    private Observation observation = (admin, started) -> { };

    LeaderRace(String table, String sql, int waiters) {
        this.table = table;
        this.sql = sql;
        this.waiters = waiters;
    }

    /** Runs the callers through the caching driver at this URL instead of the plain driver. */
    LeaderRace throughCache(String url) {
        cachedUrl = url;
        return this;
    }

    LeaderRace fault(LeaderFault leaderFault) {
        fault = leaderFault;
        return this;
    }

    /**
     * Makes the leader a deadlock victim: it locks row 1 of this other table with FOR UPDATE in a transaction
     * before its query, and the lock holder then updates that row. The leader, waiting longest, runs PostgreSQL's
     * deadlock check first (after {@code deadlock_timeout}) and is the one aborted.
     */
    LeaderRace deadlockOver(String otherTable) {
        fault = LeaderFault.DEADLOCK;
        deadlockTable = otherTable;
        return this;
    }

    /** Cancels the first waiter's statement with {@link java.sql.Statement#cancel()} while the leader is blocked. */
    LeaderRace cancelFirstWaiter() {
        cancelFirstWaiter = true;
        return this;
    }

    /** Gives every waiter a query timeout; such waiters are expected to end while the lock is still held. */
    LeaderRace waiterTimeoutSeconds(int seconds) {
        waiterTimeoutSeconds = seconds;
        return this;
    }

    LeaderRace observe(Observation look) {
        observation = look;
        return this;
    }

    /** The leader's outcome first, then the waiters' in the order they started. */
    List<CallerOutcome> run() throws Exception {
        List<QueryCaller> callers = new ArrayList<>();
        try (PostgresAdmin admin = new PostgresAdmin();
             PostgresAdmin.TableLock lock = admin.lockExclusively(table)) {
            for (int i = 0; i <= waiters; i++) {
                String name = (i == 0 ? "leader" : "waiter-" + i) + (cachedUrl != null ? "-cached" : "-plain");
                callers.add(new QueryCaller(name, connect()));
            }
            QueryCaller leader = callers.get(0);
            if (fault == LeaderFault.DEADLOCK) {
                lockRowInATransaction(leader.connection());
            }
            leader.start(sql, statement -> statement.setQueryTimeout(
                    fault == LeaderFault.QUERY_TIMEOUT ? LEADER_TIMEOUT_SECONDS : 0));
            admin.awaitBlockedOnLock(sql, 1, TO_BLOCK);

            long coalescedBefore = coalescedWaits(leader.connection());
            long waitersStarted = System.nanoTime();
            for (QueryCaller waiter : callers.subList(1, callers.size())) {
                waiter.start(sql, statement -> statement.setQueryTimeout(waiterTimeoutSeconds));
            }
            if (cachedUrl != null) {
                awaitCoalescedWaits(leader.connection(), coalescedBefore + waiters);
            } else if (waiterTimeoutSeconds == 0) {
                // Not the leader too: with a query timeout of its own it may be gone already.
                admin.awaitBlockedOnLock(sql, waiters, TO_BLOCK);
            }
            observation.whileTheLeaderIsBlocked(admin, waitersStarted);

            switch (fault) {
                case STATEMENT_CANCEL -> leader.statement().cancel();
                case CANCEL_BACKEND -> admin.cancel(leader.backendPid());
                case TERMINATE_BACKEND -> admin.terminate(leader.backendPid());
                case DEADLOCK -> lock.startInItsTransaction("UPDATE " + deadlockTable + " SET v = v + 1 WHERE id = 1");
                case NONE, QUERY_TIMEOUT -> { }
            }
            CallerOutcome[] outcomes = new CallerOutcome[callers.size()];
            if (fault != LeaderFault.NONE) {
                outcomes[0] = leader.outcome(TO_BLOCK);
            }
            if (cancelFirstWaiter) {
                callers.get(1).statement().cancel();
                outcomes[1] = callers.get(1).outcome(TO_BLOCK);
            }
            if (waiterTimeoutSeconds > 0) {
                for (int i = 1; i < outcomes.length; i++) {
                    if (outcomes[i] == null) {
                        outcomes[i] = callers.get(i).outcome(TO_BLOCK);
                    }
                }
            }
            lock.release();
            for (int i = 0; i < outcomes.length; i++) {
                if (outcomes[i] == null) {
                    outcomes[i] = callers.get(i).outcome(AFTER_RELEASE);
                }
            }
            return List.of(outcomes);
        } finally {
            callers.forEach(QueryCaller::close);
        }
    }

    private void lockRowInATransaction(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement();
             ResultSet locked = statement.executeQuery("SELECT id FROM " + deadlockTable + " WHERE id = 1 FOR UPDATE")) {
            locked.next();
        }
    }

    private Connection connect() throws SQLException {
        return cachedUrl != null
                ? DriverManager.getConnection(cachedUrl, TestDatabases.postgresCredentials())
                : TestDatabases.postgres();
    }

    private long coalescedWaits(Connection connection) throws SQLException {
        return cachedUrl != null ? connection.unwrap(CacheControl.class).statistics().coalescedWaits() : 0;
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
