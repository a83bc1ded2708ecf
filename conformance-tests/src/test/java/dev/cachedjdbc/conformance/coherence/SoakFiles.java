package dev.cachedjdbc.conformance.coherence;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * What the {@link ApplicationInstance}s of a run record and where: one CSV file per instance and kind, in
 * microseconds of the wall clock ({@link #nowMicros()}), which every JVM on the machine reads alike.
 */
final class SoakFiles {

    static final String TABLE = "mi_soak_item";
    static final int ROWS = 20;

    static final long AUTOCOMMIT = 0;
    static final long COMMITTED = 1;
    static final long ROLLED_BACK = 2;
    /** A write whose commit failed: it may have committed all the same, as when the server goes down as it answers. */
    static final long IN_DOUBT = 3;
    /** The version of an autocommit write in doubt: its statement failed before it returned one. */
    static final long UNKNOWN_VERSION = -1;

    private SoakFiles() {
    }

    /** The wall clock in microseconds (Instant.now() is that precise on Linux). */
    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    /**
     * A write: its row's new version as {@code returning} gave it, when the update was sent and when its commit
     * returned (for an autocommit write, the update's return; for one in doubt, when its commit failed), and how it
     * ended.
     */
    record Write(String instance, int id, long version, long startMicros, long commitMicros, long kind) {

        /** Known to have committed. */
        boolean committed() {
            return kind == AUTOCOMMIT || kind == COMMITTED;
        }

        boolean inDoubt() {
            return kind == IN_DOUBT;
        }
    }

    /** A read of a row's version: when the query was sent and when its result had been read. */
    record Read(String instance, int id, long version, long startMicros, long endMicros) {
    }

    /**
     * An application statement that failed: when, what the instance was doing, and the exception's class, SQLState
     * and first line of its message.
     */
    record Failure(String instance, long micros, String what, String exception, String sqlState, String message) {

        String describe(long originMicros) {
            return String.format("%s %s failed at +%.3f ms: %s [%s] %s", instance, what,
                    (micros - originMicros) / 1000.0, exception, sqlState, message);
        }
    }

    /**
     * A sample of an instance's CoherenceStatus and statistics, and which of the database runtimes the driver made
     * for it so far the sample saw (0 until a server restart makes the driver start another).
     */
    record Sample(String instance, long micros, boolean connected, boolean hitsSuspended, long proofAgeMillis,
            long suspendedReads, long suspendedMillis, long invalidationsReceived, long announcementsSent, long hits,
            long misses, long runtime) {
    }

    static Path reads(Path directory, String instance) {
        return directory.resolve(instance + "-reads.csv");
    }

    static Path writes(Path directory, String instance) {
        return directory.resolve(instance + "-writes.csv");
    }

    static Path samples(Path directory, String instance) {
        return directory.resolve(instance + "-status.csv");
    }

    static Path failures(Path directory, String instance) {
        return directory.resolve(instance + "-failures.csv");
    }

    static Path summary(Path directory, String instance) {
        return directory.resolve(instance + "-summary.properties");
    }

    static List<Read> readReads(Path directory, String instance) throws IOException {
        List<Read> reads = new ArrayList<>();
        for (String line : Files.readAllLines(reads(directory, instance))) {
            String[] f = line.split(",");
            reads.add(new Read(f[0], Integer.parseInt(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                    Long.parseLong(f[4])));
        }
        return reads;
    }

    static List<Write> readWrites(Path directory, String instance) throws IOException {
        List<Write> writes = new ArrayList<>();
        for (String line : Files.readAllLines(writes(directory, instance))) {
            String[] f = line.split(",");
            writes.add(new Write(f[0], Integer.parseInt(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                    Long.parseLong(f[4]), Long.parseLong(f[5])));
        }
        return writes;
    }

    /** One line of the failures file: its fields free of commas and line breaks. */
    static String failureLine(String instance, long micros, String what, Throwable failure) {
        String sqlState = failure instanceof SQLException sql && sql.getSQLState() != null
                ? sql.getSQLState() : "";
        String message = String.valueOf(failure.getMessage()).lines().findFirst().orElse("");
        return String.join(",", instance, Long.toString(micros), what, failure.getClass().getName(), sqlState,
                message.replace(',', ';'));
    }

    static List<Failure> readFailures(Path directory, String instance) throws IOException {
        List<Failure> failures = new ArrayList<>();
        for (String line : Files.readAllLines(failures(directory, instance))) {
            String[] f = line.split(",", 6);
            failures.add(new Failure(f[0], Long.parseLong(f[1]), f[2], f[3], f[4], f[5]));
        }
        return failures;
    }

    static List<Sample> readSamples(Path directory, String instance) throws IOException {
        List<Sample> samples = new ArrayList<>();
        for (String line : Files.readAllLines(samples(directory, instance))) {
            String[] f = line.split(",");
            samples.add(new Sample(f[0], Long.parseLong(f[1]), f[2].equals("1"), f[3].equals("1"),
                    Long.parseLong(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6]), Long.parseLong(f[7]),
                    Long.parseLong(f[8]), Long.parseLong(f[9]), Long.parseLong(f[10]), Long.parseLong(f[11])));
        }
        return samples;
    }

    static Properties readSummary(Path directory, String instance) throws IOException {
        Properties summary = new Properties();
        try (Reader in = Files.newBufferedReader(summary(directory, instance))) {
            summary.load(in);
        }
        return summary;
    }
}
