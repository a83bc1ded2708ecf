package dev.cachedjdbc.conformance.faults;

import dev.cachedjdbc.conformance.soak.Disruption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An operator who terminates, at every strike, one backend among those serving the soak's pools (as
 * {@code pg_terminate_backend} from an admin connection): one that is running a query or inside a transaction
 * when there is one, else one idle in the pool.
 */
final class BackendKiller implements Disruption, AutoCloseable {

    private final Duration interval;
    private final PostgresAdmin admin;
    private final Set<Integer> seen = ConcurrentHashMap.newKeySet();
    private final Set<Integer> killed = ConcurrentHashMap.newKeySet();

    BackendKiller(Duration interval) throws SQLException {
        this.interval = interval;
        this.admin = new PostgresAdmin();
    }

    @Override
    public Duration interval() {
        return interval;
    }

    @Override
    public boolean strike() throws SQLException {
        List<Integer> alive = new ArrayList<>(seen);
        alive.removeAll(killed);
        if (alive.isEmpty()) {
            return false;
        }
        // Prefer a backend at work (running a query or inside a transaction): that is where a kill can do harm.
        List<Integer> busy = admin.busyAmong(alive);
        List<Integer> candidates = busy.isEmpty() ? alive : busy;
        int victim = candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
        // Marked before the kill, so that a caller failing a moment later already finds its connection hit.
        killed.add(victim);
        return admin.terminate(victim);
    }

    @Override
    public Object victimKey(Connection connection) throws SQLException {
        // pgjdbc knows its backend's pid from the start: borrowing stays free of extra round trips.
        int pid = PostgresAdmin.backendPid(connection);
        seen.add(pid);
        return pid;
    }

    @Override
    public boolean hit(Object victimKey) {
        return killed.contains(victimKey);
    }

    @Override
    public void close() throws SQLException {
        admin.close();
    }
}
