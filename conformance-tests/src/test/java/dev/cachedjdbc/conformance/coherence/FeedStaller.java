package dev.cachedjdbc.conformance.coherence;

import dev.cachedjdbc.conformance.coherence.FeedBackends.Backend;
import dev.cachedjdbc.testing.TestDatabases;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Stalls change-feed connections without closing them: the backend processes behind them on the server are stopped
 * ({@code kill -STOP}) and continued ({@code kill -CONT}) later, as a frozen server process, a full socket buffer or a
 * network path that drops packets without resetting would stall them. The feed's connection stays open and its
 * thread waits on it; nothing tells the driver that anything is wrong. This needs the server on this machine, in
 * this PID namespace, and the right to signal its processes (root or the server's user): {@link #whyNotHere} says
 * when that is not so.
 *
 * <p>A watchdog process continues the backends a few seconds after the stall should have ended, even when this JVM
 * dies in the meantime: a backend left stopped would hold its notification queue position for good.
 */
final class FeedStaller implements AutoCloseable {

    /** How long after the planned end the watchdog continues the backends if this JVM has not. */
    private static final Duration WATCHDOG_GRACE = Duration.ofSeconds(5);

    private final Connection admin;
    private final List<Fault> faults;
    private final List<String> locksHeldWhenStopped = new ArrayList<>();

    FeedStaller(List<Fault> faults) throws SQLException {
        this.faults = faults;
        admin = TestDatabases.postgres();
    }

    /** The feed backends on this database now. */
    List<Backend> feedBackends() throws SQLException {
        return FeedBackends.on(admin);
    }

    /**
     * Why these backends cannot be stopped from here, or empty when they can: each must be a process of this
     * machine whose title names the client port of its connection, and this user must be allowed to signal it.
     */
    static Optional<String> whyNotHere(List<Backend> backends) throws IOException, InterruptedException {
        if (backends.isEmpty()) {
            return Optional.of("no change-feed connection is open on the test database");
        }
        for (Backend backend : backends) {
            Path commandLine = Path.of("/proc", Integer.toString(backend.pid()), "cmdline");
            if (!Files.isReadable(commandLine)) {
                return Optional.of("the feed backend's process " + backend.pid() + " (pg_stat_activity) is not a"
                        + " process of this machine: the server runs elsewhere (another machine, container or PID"
                        + " namespace)");
            }
            String title = new String(Files.readAllBytes(commandLine), StandardCharsets.UTF_8).replace('\0', ' ');
            if (!title.contains("postgres") || !title.contains("(" + backend.clientPort() + ")")) {
                return Optional.of("process " + backend.pid() + " of this machine is not the server's backend of the"
                        + " feed connection from port " + backend.clientPort() + " (its title: " + title.strip()
                        + "): the server runs elsewhere (another machine, container or PID namespace)");
            }
            if (signal("-0", List.of(backend)) != 0) {
                return Optional.of("this user may not signal the server's process " + backend.pid()
                        + "; run the tests as root or as the server's user");
            }
        }
        return Optional.empty();
    }

    /**
     * Stops every feed backend of this database but the spared ones for this long, then continues them. The fault
     * starts once the stop has been delivered (no feed can prove anything later) and ends when the continuation is
     * sent.
     */
    Fault stall(String name, Duration length, Set<Integer> spared) throws SQLException, IOException,
            InterruptedException {
        List<Backend> stalled = new ArrayList<>(feedBackends().stream()
                .filter(backend -> !spared.contains(backend.pid())).toList());
        if (stalled.isEmpty()) {
            throw new AssertionError("no feed backend to stall on the test database");
        }
        Process watchdog = watchdog(stalled, length.plus(WATCHDOG_GRACE));
        try {
            if (signal("-STOP", stalled) != 0) {
                throw new AssertionError("kill -STOP " + stalled + " failed");
            }
            long start = SoakFiles.nowMicros();
            locksHeldWhenStopped.addAll(locksHeld(stalled));
            TimeUnit.NANOSECONDS.sleep(length.toNanos() - (SoakFiles.nowMicros() - start) * 1000);
            long end = SoakFiles.nowMicros();
            if (signal("-CONT", stalled) != 0) {
                throw new AssertionError("kill -CONT " + stalled + " failed; the watchdog continues them");
            }
            Fault fault = new Fault(name, start, end, stalled.size(), stalled.size()
                    + " feed backends stopped (SIGSTOP) and continued (SIGCONT): pids "
                    + stalled.stream().map(Backend::pid).toList() + (locksHeldWhenStopped.isEmpty() ? ""
                    : "; stopped holding " + locksHeldWhenStopped));
            faults.add(fault);
            return fault;
        } finally {
            signal("-CONT", stalled);
            watchdog.destroy();
        }
    }

    /**
     * The locks the stopped backends hold, which every session that needs them waits for until the stall ends: a
     * backend stopped while it commits a notification holds the lock that orders every notifying commit of the
     * server, so then no other feed can prove itself either. Empty in nearly every run (a feed is committing for a
     * millisecond or so of every heartbeat interval).
     */
    List<String> locksHeldWhenStopped() {
        return locksHeldWhenStopped;
    }

    private List<String> locksHeld(List<Backend> stopped) throws SQLException {
        List<String> held = new ArrayList<>();
        try (PreparedStatement statement = admin.prepareStatement("select pid, locktype, mode from pg_locks"
                + " where granted and locktype <> 'virtualxid' and pid = any (?)")) {
            statement.setArray(1, admin.createArrayOf("int4", stopped.stream().map(Backend::pid).toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    held.add(rows.getInt(1) + ": " + rows.getString(2) + " " + rows.getString(3));
                }
            }
        }
        return held;
    }

    /** A process that continues the backends after this long, even if this JVM is gone by then. */
    private static Process watchdog(List<Backend> backends, Duration after) throws IOException {
        String pids = String.join(" ", backends.stream().map(backend -> Integer.toString(backend.pid())).toList());
        String script = "sleep " + Math.max(1, after.toSeconds()) + "; kill -CONT " + pids;
        return new ProcessBuilder("sh", "-c", script).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static int signal(String signal, List<Backend> backends) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kill", signal));
        backends.forEach(backend -> command.add(Integer.toString(backend.pid())));
        Process kill = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS)) {
            kill.destroyForcibly();
            return -1;
        }
        return kill.exitValue();
    }

    @Override
    public void close() throws SQLException {
        admin.close();
    }
}
