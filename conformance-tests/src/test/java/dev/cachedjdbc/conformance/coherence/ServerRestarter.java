package dev.cachedjdbc.conformance.coherence;

import dev.cachedjdbc.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Restarts the PostgreSQL server under the running instances with the command that
 * {@value #COMMAND_VARIABLE} names (run by {@code sh -c}; for a Debian cluster on this machine, run as root,
 * {@code pg_ctlcluster --skip-systemctl-redirect 15 main restart}). A restart disrupts every client of the server,
 * so it happens only when that variable asks for it; tests that need it are skipped otherwise
 * ({@link #HOW_TO_ENABLE}).
 *
 * <p>While the command runs, a probe opens a new plain connection every few milliseconds: the outage, the fault as
 * recorded, lasts from the start of the first probe the server refused to the end of the first it answered again.
 * The server kills every backend, the feeds' included, when it starts refusing connections, so no feed can prove
 * anything after the fault's start (which is at most one probe early, making the time to suspend hits measured from
 * it at most that much longer than it was).
 */
final class ServerRestarter {

    /** The environment variable that holds the restart command and, by being set, allows restarts. */
    static final String COMMAND_VARIABLE = "CACHED_JDBC_PG_RESTART_COMMAND";
    private static final Duration PROBE_PAUSE = Duration.ofMillis(5);
    private static final Duration LONGEST_COMMAND = Duration.ofMinutes(2);
    private static final Duration LONGEST_RECOVERY = Duration.ofMinutes(1);

    private final List<Fault> faults;

    ServerRestarter(List<Fault> faults) {
        this.faults = faults;
    }

    /** Why tests that restart the server are skipped, and how to run them. */
    static final String HOW_TO_ENABLE = "Restarting the PostgreSQL server disrupts every client of it, so this test"
            + " runs only when " + COMMAND_VARIABLE + " holds a command that restarts the server the tests use (run by"
            + " sh -c), e.g. " + COMMAND_VARIABLE + "='pg_ctlcluster --skip-systemctl-redirect 15 main restart' as"
            + " root on the server's machine; .ci/run sets it for the cluster it starts";

    private static String command() {
        String command = System.getenv(COMMAND_VARIABLE);
        return command == null || command.isBlank() ? null : command;
    }

    /** Restarts the server and returns once it answers again; the fault spans the outage the probe saw. */
    Fault restart(String name, int feedsRunning) throws IOException, InterruptedException {
        Probe probe = new Probe();
        Thread probing = new Thread(probe, "restart probe");
        probing.setDaemon(true);
        probing.start();
        long commandStart = SoakFiles.nowMicros();
        // Its output goes to a file: the server it starts may keep the command's output open for as long as it runs.
        Path output = Files.createTempFile("pg-restart", ".txt");
        Process process = new ProcessBuilder("sh", "-c", command()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        boolean ended = process.waitFor(LONGEST_COMMAND.toMillis(), TimeUnit.MILLISECONDS);
        long commandEnd = SoakFiles.nowMicros();
        if (!ended || process.exitValue() != 0) {
            probe.stop();
            process.destroyForcibly();
            throw new AssertionError("the restart command `" + command() + "` " + (ended ? "exited with "
                    + process.exitValue() : "did not end within " + LONGEST_COMMAND) + ": " + Files.readString(output));
        }
        probing.join(LONGEST_RECOVERY.toMillis());
        probe.stop();
        if (probe.refusedAt < 0 || probe.answeredAt < 0) {
            throw new AssertionError("the probe saw no outage (first refused " + probe.refusedAt + ", answered again "
                    + probe.answeredAt + ") around the restart command `" + command() + "`: "
                    + Files.readString(output));
        }
        Files.delete(output);
        Fault fault = new Fault(name, probe.refusedAt, probe.answeredAt, feedsRunning, String.format(
                "server restarted by `%s`, which ran for %d ms from %+d ms of the outage's start; connections refused"
                + " from the outage's start until it ended, %d ms after the command", command(),
                (commandEnd - commandStart) / 1000, (commandStart - probe.refusedAt) / 1000,
                (probe.answeredAt - commandEnd) / 1000));
        faults.add(fault);
        return fault;
    }

    /** Waits until the server answers a new connection, so that whatever runs next finds it up. */
    static void awaitAnswering() {
        long deadline = System.nanoTime() + LONGEST_RECOVERY.toNanos();
        while (!answers()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the server at " + TestDatabases.PG_URL + " does not answer "
                        + LONGEST_RECOVERY + " after its restart");
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }

    private static boolean answers() {
        Properties properties = TestDatabases.postgresCredentials();
        properties.setProperty("connectTimeout", "2");
        properties.setProperty("socketTimeout", "2");
        try (Connection connection = DriverManager.getConnection(TestDatabases.PG_URL, properties);
                Statement statement = connection.createStatement()) {
            statement.execute("select 1");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** New connections until the server has refused one and then answered one. */
    private static final class Probe implements Runnable {

        private volatile long refusedAt = -1;
        private volatile long answeredAt = -1;
        private volatile boolean stopped;

        @Override
        public void run() {
            while (!stopped && answeredAt < 0) {
                long probed = SoakFiles.nowMicros();
                boolean answered = answers();
                if (!answered && refusedAt < 0) {
                    refusedAt = probed;
                } else if (answered && refusedAt >= 0) {
                    answeredAt = SoakFiles.nowMicros();
                }
                LockSupport.parkNanos(PROBE_PAUSE.toNanos());
            }
        }

        void stop() {
            stopped = true;
        }
    }
}
