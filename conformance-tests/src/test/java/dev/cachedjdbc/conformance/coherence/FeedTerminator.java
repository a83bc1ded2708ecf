package dev.cachedjdbc.conformance.coherence;

import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * The operator's side of the faults: a plain connection that terminates the change-feed connections of the
 * instances (found by the application_name the driver gives them) on this test's database only, sparing those named.
 */
final class FeedTerminator implements AutoCloseable {

    private final Connection admin;
    private final List<Fault> faults;

    FeedTerminator(List<Fault> faults) throws SQLException {
        this.faults = faults;
        admin = TestDatabases.postgres();
    }

    /** The backends of the feed connections on this database now. */
    List<Integer> feedBackends() throws SQLException {
        return FeedBackends.on(admin).stream().map(FeedBackends.Backend::pid).toList();
    }

    /** Terminates every feed backend on this database but the spared ones; returns how many. */
    int terminateOnce(Set<Integer> spared) throws SQLException {
        try (PreparedStatement statement = admin.prepareStatement("select count(*) filter (where"
                + " pg_terminate_backend(pid)) from pg_stat_activity where application_name = any (?)"
                + " and datname = current_database() and pid <> all (?)")) {
            statement.setArray(1, admin.createArrayOf("text", FeedBackends.FEED_APPLICATION_NAMES));
            statement.setArray(2, admin.createArrayOf("int4", spared.toArray()));
            try (ResultSet count = statement.executeQuery()) {
                count.next();
                return count.getInt(1);
            }
        }
    }

    /** One termination of every feed but the spared ones, recorded as a fault. */
    Fault terminate(String name, Set<Integer> spared) throws SQLException {
        long start = SoakFiles.nowMicros();
        int terminated = terminateOnce(spared);
        Fault fault = new Fault(name, start, SoakFiles.nowMicros(), terminated, terminated
                + " feed backends terminated");
        faults.add(fault);
        return fault;
    }

    /**
     * Keeps the feeds down for this long: terminates them again every few milliseconds, so that each reconnection
     * is cut before it can prove a heartbeat.
     */
    Fault keepDown(String name, Duration length, Set<Integer> spared) throws SQLException {
        long start = SoakFiles.nowMicros();
        long deadline = System.nanoTime() + length.toNanos();
        int terminated = 0;
        int rounds = 0;
        while (System.nanoTime() < deadline) {
            terminated += terminateOnce(spared);
            rounds++;
            LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
        }
        Fault fault = new Fault(name, start, SoakFiles.nowMicros(), terminated, terminated
                + " feed backends terminated in " + rounds + " rounds");
        faults.add(fault);
        return fault;
    }

    @Override
    public void close() throws SQLException {
        admin.close();
    }
}
