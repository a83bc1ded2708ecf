package dev.cachedjdbc.conformance.coherence;

import dev.cachedjdbc.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The parent's side of a run of {@link ApplicationInstance}s: resets the table, starts the JVMs with the run's
 * coherence mode, lets them go together, keeps the time of the faults it injects (through its {@link FeedTerminator},
 * {@link FeedStaller} and {@link ServerRestarter}), and collects what every instance recorded into an
 * {@link InstancesOutcome}. Records stay in {@code target/multi-instance/<run>}.
 */
final class InstancesRun implements AutoCloseable {

    private final Path directory;
    private final CoherenceMode mode;
    private final Duration run;
    private final Duration bound;
    private final List<Fault> faults = new ArrayList<>();
    private final List<InstanceProcess> processes = new ArrayList<>();
    private final Map<String, InstanceRole> roles = new LinkedHashMap<>();
    private final long seed = System.nanoTime();
    private FeedTerminator terminator;
    private FeedStaller staller;
    private long origin;

    InstancesRun(String name, Duration run, Duration bound) throws SQLException, IOException {
        this(name, CoherenceMode.NOTIFY, run, bound);
    }

    InstancesRun(String name, CoherenceMode mode, Duration run, Duration bound) throws SQLException, IOException {
        TestDatabases.assumePostgres();
        this.mode = mode;
        this.run = run;
        this.bound = bound;
        directory = Path.of("target", "multi-instance", name + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))).toAbsolutePath();
        Files.createDirectories(directory);
        try (Connection connection = TestDatabases.postgres(); Statement statement = connection.createStatement()) {
            statement.execute("drop table if exists " + SoakFiles.TABLE);
            statement.execute("create table " + SoakFiles.TABLE + " (id int primary key, version bigint not null)");
            statement.execute("insert into " + SoakFiles.TABLE + " select g, 0 from generate_series(1, "
                    + SoakFiles.ROWS + ") g");
        }
    }

    /** Starts an instance in a JVM of its own; {@link #awaitReady()} waits for all started so far. */
    void start(String instance, InstanceRole role) throws IOException {
        processes.add(InstanceProcess.start(instance, directory, mode, run, bound, role, seed + processes.size()));
        roles.put(instance, role);
    }

    void awaitReady() throws InterruptedException {
        for (InstanceProcess process : processes) {
            process.awaitReady(Duration.ofSeconds(60));
        }
    }

    /** Lets every instance run; the run's clock starts now. */
    void go() throws IOException {
        origin = SoakFiles.nowMicros();
        for (InstanceProcess process : processes) {
            process.go();
        }
    }

    FeedTerminator terminator() throws SQLException {
        if (terminator == null) {
            terminator = new FeedTerminator(faults);
        }
        return terminator;
    }

    FeedStaller staller() throws SQLException {
        if (staller == null) {
            staller = new FeedStaller(faults);
        }
        return staller;
    }

    ServerRestarter restarter() {
        return new ServerRestarter(faults);
    }

    void sleepUntil(long millisAfterGo) throws InterruptedException {
        long wait = origin / 1000 + millisAfterGo - SoakFiles.nowMicros() / 1000;
        if (wait > 0) {
            TimeUnit.MILLISECONDS.sleep(wait);
        }
    }

    /** Waits for every instance to end and reads what each recorded. */
    InstancesOutcome finish() throws InterruptedException, IOException {
        Map<String, Integer> exits = new LinkedHashMap<>();
        Map<String, String> outputs = new LinkedHashMap<>();
        for (InstanceProcess process : processes) {
            exits.put(process.name(), process.awaitExit(run.plusSeconds(60), directory));
            outputs.put(process.name(), process.output());
        }
        List<SoakFiles.Write> writes = new ArrayList<>();
        List<SoakFiles.Read> reads = new ArrayList<>();
        List<SoakFiles.Failure> failures = new ArrayList<>();
        Map<String, List<SoakFiles.Sample>> samples = new LinkedHashMap<>();
        Map<String, Properties> summaries = new LinkedHashMap<>();
        for (String instance : exits.keySet()) {
            if (exits.get(instance) != 0) {
                continue; // its records may be missing; the exit status is asserted
            }
            writes.addAll(SoakFiles.readWrites(directory, instance));
            reads.addAll(SoakFiles.readReads(directory, instance));
            failures.addAll(SoakFiles.readFailures(directory, instance));
            samples.put(instance, SoakFiles.readSamples(directory, instance));
            summaries.put(instance, SoakFiles.readSummary(directory, instance));
        }
        InstancesOutcome outcome = new InstancesOutcome(directory, mode, bound, run, origin, roles, exits, outputs,
                writes, reads, failures, samples, summaries, List.copyOf(faults));
        Files.writeString(directory.resolve("report.txt"), outcome.report());
        System.out.println(outcome.report());
        return outcome;
    }

    @Override
    public void close() throws SQLException {
        processes.forEach(InstanceProcess::close);
        if (terminator != null) {
            terminator.close();
        }
        if (staller != null) {
            staller.close();
        }
    }
}
