package dev.cachedjdbc.conformance.faults;

import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.postgresql.PGConnection;

/**
 * The operator's side of a fault on PostgreSQL: plain connections, outside the caching driver, that terminate or
 * cancel other backends, hold table locks and watch who is blocked on them.
 */
final class PostgresAdmin implements AutoCloseable {

    private final Connection admin;

    PostgresAdmin() throws SQLException {
        admin = TestDatabases.postgres();
    }

    /** The backend serving a connection, as pgjdbc's connection underneath any wrapper knows it. */
    static int backendPid(Connection connection) throws SQLException {
        return connection.unwrap(PGConnection.class).getBackendPID();
    }

    /** Terminates the backend (its connection is gone); false when there was no such backend. */
    boolean terminate(int pid) throws SQLException {
        return signal("pg_terminate_backend", pid);
    }

    /** Cancels the backend's current query; false when there was no such backend. */
    boolean cancel(int pid) throws SQLException {
        return signal("pg_cancel_backend", pid);
    }

    private boolean signal(String function, int pid) throws SQLException {
        try (PreparedStatement statement = admin.prepareStatement("SELECT " + function + "(?)")) {
            statement.setInt(1, pid);
            try (ResultSet signalled = statement.executeQuery()) {
                signalled.next();
                return signalled.getBoolean(1);
            }
        }
    }

    /** Those of these backends that are running a query or are inside a transaction. */
    List<Integer> busyAmong(Collection<Integer> pids) throws SQLException {
        List<Integer> busy = new ArrayList<>();
        try (PreparedStatement statement = admin.prepareStatement(
                "SELECT pid FROM pg_stat_activity WHERE pid = ANY (?) AND state <> 'idle'")) {
            statement.setArray(1, admin.createArrayOf("int4", pids.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    busy.add(rows.getInt(1));
                }
            }
        }
        return busy;
    }

    /** Waits until the backend has exited, and with it rolled back whatever its transaction had written. */
    void awaitGone(int pid, Duration timeout) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (PreparedStatement statement = admin.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE pid = ?")) {
            statement.setInt(1, pid);
            while (true) {
                try (ResultSet count = statement.executeQuery()) {
                    count.next();
                    if (count.getInt(1) == 0) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("backend " + pid + " still runs " + timeout + " after it was terminated");
                }
                Thread.sleep(10);
            }
        }
    }

    /**
     * Takes an ACCESS EXCLUSIVE lock on the table in a transaction of its own: every query of the table then waits
     * until the lock is released, which makes a cacheable query as slow as a test needs it to be.
     */
    TableLock lockExclusively(String table) throws SQLException {
        Connection holder = TestDatabases.postgres();
        holder.setAutoCommit(false);
        try (Statement statement = holder.createStatement()) {
            statement.execute("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE");
        }
        return new TableLock(holder);
    }

    /** Waits until this many backends run exactly this text and wait for a lock. */
    void awaitBlockedOnLock(String sql, int backends, Duration timeout) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int blocked;
        while ((blocked = blockedOnLock(sql)) < backends) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(blocked + " backends instead of " + backends + " waited within " + timeout
                        + " for a lock while running: " + sql);
            }
            Thread.sleep(10);
        }
    }

    int blockedOnLock(String sql) throws SQLException {
        try (PreparedStatement statement = admin.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query = ?"
                        + " AND wait_event_type = 'Lock'")) {
            statement.setString(1, sql);
            try (ResultSet count = statement.executeQuery()) {
                count.next();
                return count.getInt(1);
            }
        }
    }

    @Override
    public void close() throws SQLException {
        admin.close();
    }

    /** A held table lock; releasing it (or closing) rolls its transaction back. */
    static final class TableLock implements AutoCloseable {

        private final Connection holder;
        private CompletableFuture<Void> pending;

        private TableLock(Connection holder) {
            this.holder = holder;
        }

        /** Runs a statement in the lock's transaction on a thread of its own, since it may wait for a lock too. */
        void startInItsTransaction(String sql) {
            pending = CompletableFuture.runAsync(() -> {
                try (Statement statement = holder.createStatement()) {
                    statement.execute(sql);
                } catch (SQLException e) {
                    throw new CompletionException(e);
                }
            });
        }

        void release() throws SQLException {
            if (pending != null) {
                try {
                    pending.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    // whether the statement worked is not the point: its transaction is rolled back either way
                } catch (InterruptedException | TimeoutException e) {
                    throw new AssertionError("the lock holder's statement did not end", e);
                }
                pending = null;
            }
            if (!holder.isClosed()) {
                holder.rollback();
                holder.close();
            }
        }

        @Override
        public void close() throws SQLException {
            release();
        }
    }
}
