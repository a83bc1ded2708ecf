package dev.cachedjdbc.conformance.coherence;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * What the instances of {@link MultiInstanceNotifyTest} record and where: one CSV file per instance and kind, in
 * microseconds of the wall clock ({@link #nowMicros()}), which every JVM on the machine reads alike.
 */
final class SoakFiles {

    static final String TABLE = "mi_soak_item";
    static final int ROWS = 20;

    static final long AUTOCOMMIT = 0;
    static final long COMMITTED = 1;
    static final long ROLLED_BACK = 2;

    private SoakFiles() {
    }

    /** The wall clock in microseconds (Instant.now() is that precise on Linux). */
    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    /**
     * A write: its row's new version as {@code returning} gave it, when the update was sent and when its commit
     * returned (for an autocommit write, the update's return), and how it ended.
     */
    record Write(String instance, int id, long version, long startMicros, long commitMicros, long kind) {

        boolean committed() {
            return kind != ROLLED_BACK;
        }
    }

    /** A read of a row's version: when the query was sent and when its result had been read. */
    record Read(String instance, int id, long version, long startMicros, long endMicros) {
    }

    /** A sample of an instance's CoherenceStatus and statistics. */
    record Sample(String instance, long micros, boolean connected, boolean hitsSuspended, long proofAgeMillis,
            long suspendedReads, long suspendedMillis, long invalidationsReceived, long announcementsSent, long hits,
            long misses) {
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

    static List<Sample> readSamples(Path directory, String instance) throws IOException {
        List<Sample> samples = new ArrayList<>();
        for (String line : Files.readAllLines(samples(directory, instance))) {
            String[] f = line.split(",");
            samples.add(new Sample(f[0], Long.parseLong(f[1]), f[2].equals("1"), f[3].equals("1"),
                    Long.parseLong(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6]), Long.parseLong(f[7]),
                    Long.parseLong(f[8]), Long.parseLong(f[9]), Long.parseLong(f[10])));
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
