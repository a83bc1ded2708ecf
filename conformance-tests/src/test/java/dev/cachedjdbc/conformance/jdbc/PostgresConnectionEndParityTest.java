package dev.cachedjdbc.conformance.jdbc;

import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.postgresql.PGConnection;

/**
 * {@link ConnectionEndParityContract} on PostgreSQL, where an operator terminates the connection's backend: pgjdbc
 * learns of it only when it next talks to the server, and marks the connection closed then.
 */
class PostgresConnectionEndParityTest extends ConnectionEndParityContract {

    @Override
    Databases connectDatabases() {
        return Databases.postgres();
    }

    /** Terminates the victim's own backend, as pgjdbc's connection underneath any wrapper knows it. */
    @Override
    void loseConnection(Databases database, Connection victim) throws Exception {
        int pid = victim.unwrap(PGConnection.class).getBackendPID();
        try (Connection operator = TestDatabases.postgres()) {
            try (PreparedStatement terminate = operator.prepareStatement("SELECT pg_terminate_backend(?)")) {
                terminate.setInt(1, pid);
                terminate.executeQuery().close();
            }
            awaitGone(operator, pid);
        }
    }

    private static void awaitGone(Connection operator, int pid) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        try (PreparedStatement alive = operator.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE pid = ?")) {
            alive.setInt(1, pid);
            while (true) {
                try (ResultSet count = alive.executeQuery()) {
                    count.next();
                    if (count.getInt(1) == 0) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("backend " + pid + " still runs 10 s after it was terminated");
                }
                Thread.sleep(10);
            }
        }
    }
}
