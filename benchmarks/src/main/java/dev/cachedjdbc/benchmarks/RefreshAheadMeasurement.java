package dev.cachedjdbc.benchmarks;

import dev.cachedjdbc.benchmarks.workload.LatencyHistogram;
import dev.cachedjdbc.driver.CacheControl;
import dev.cachedjdbc.driver.CacheStatistics;
import dev.cachedjdbc.testing.CountingDriver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One hot query read by several threads across 10 expiries of its entry (cache.ttl=1s, no jitter), with
 * refresh-ahead off and on, alternating (off, on, on, off) so that both see the same drift of a shared machine.
 * Not a JMH benchmark: what matters is the tail of the latency across expiries, and how many executions reach the
 * database per lifetime (counted below the caching driver by {@link CountingDriver}).
 *
 * <p>Each thread has its own connection and a fixed schedule (one request every {@code intervalMicros}, the threads'
 * schedules evenly staggered), and a request's latency is counted from when the schedule says it should start, not
 * from when it did: a thread held up by a miss would otherwise send fewer requests during the miss, and the tail
 * would hide exactly what is measured (coordinated omission). Threads sleep between requests and spin only for the
 * last 50 µs, so that they leave the cores to the database.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.cachedjdbc.benchmarks.RefreshAheadMeasurement [h2] [postgresql]</pre>
 *
 * Settings: {@code -Drefresh.threads=4}, {@code -Drefresh.intervalMicros=500}, {@code -Drefresh.cycles=10},
 * {@code -Drefresh.warmUpSeconds=3}, {@code -Drefresh.output=benchmarks/results/refresh-ahead.md}.
 */
public final class RefreshAheadMeasurement {

    /** The stampede measurement's aggregate over the whole table: milliseconds on PostgreSQL. */
    static final String QUERY = StampedeMeasurement.QUERY;
    static final long TTL_NANOS = TimeUnit.SECONDS.toNanos(1);
    static final int THREADS = Integer.getInteger("refresh.threads", 4);
    static final long INTERVAL_NANOS = TimeUnit.MICROSECONDS.toNanos(Integer.getInteger("refresh.intervalMicros", 500));
    static final int CYCLES = Integer.getInteger("refresh.cycles", 10);
    static final long WARM_UP_NANOS = TimeUnit.SECONDS.toNanos(Integer.getInteger("refresh.warmUpSeconds", 3));
    static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    static final long SLOW_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** Two blocks of off, on, on, off. */
    static final boolean[] ORDER = {false, true, true, false, false, true, true, false};

    /** One measured run of one mode. */
    record Run(String database, boolean refreshAhead, LatencyHistogram latencies, long maxNanos, long slowRequests,
               int executions, long shortestGapNanos, long hits, long misses, long refreshes,
               long coalescedWaits) {

        String line() {
            return String.format(Locale.ROOT, "| %s | %s | %,d | %.1f | %.1f | %.1f | %.1f | %,d | %d | %s | %d | %d | %d |",
                    database, refreshAhead ? "on" : "off", latencies.count(), micros(latencies.percentileNanos(0.5)),
                    micros(latencies.percentileNanos(0.99)), micros(latencies.percentileNanos(0.999)),
                    micros(maxNanos), slowRequests, executions,
                    shortestGapNanos < 0 ? "-" : String.format(Locale.ROOT, "%.0f", shortestGapNanos / 1e6),
                    refreshes, misses, coalescedWaits);
        }
    }

    private RefreshAheadMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        List<String> databases = args.length == 0 ? List.of("h2", "postgresql") : List.of(args);
        String loadBefore = loadAverage();
        Instant began = Instant.now();
        StringBuilder report = new StringBuilder();
        for (String name : databases) {
            report.append(measure(BenchmarkDatabase.named(name, "1s")));
        }
        String text = header(began, loadBefore, loadAverage()) + report;
        Path output = Path.of(System.getProperty("refresh.output", "benchmarks/results/refresh-ahead.md"));
        Files.createDirectories(output.toAbsolutePath().getParent());
        Files.writeString(output, text);
        System.out.println(text);
    }

    static String measure(BenchmarkDatabase database) throws Exception {
        CountingDriver.register();
        try (Connection setup = database.plain()) {
            ItemsTable.create(setup);
            try {
                double queryMillis = plainQueryMillis(setup);
                run(database, true, 2); // warms up the JVM's compiled code for both modes; not reported
                List<Run> runs = new ArrayList<>();
                for (boolean refreshAhead : ORDER) {
                    runs.add(run(database, refreshAhead, CYCLES));
                }
                StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                        "%n## %s%n%nThe query through the plain driver: median %.2f ms of 21 runs.%n%n",
                        database.name(), queryMillis));
                text.append("| database | refresh-ahead | requests | p50 µs | p99 µs | p99.9 µs | max µs | over 1 ms"
                        + " | executions | shortest gap between executions, ms | refreshes | misses | coalesced waits |\n");
                text.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
                for (Run run : runs) {
                    text.append(run.line()).append('\n');
                }
                for (boolean refreshAhead : new boolean[] {false, true}) {
                    text.append(merged(runs, refreshAhead).line().replace("| " + database.name() + " |",
                            "| " + database.name() + ", all runs |")).append('\n');
                }
                return text.toString();
            } finally {
                ItemsTable.drop(setup);
            }
        }
    }

    /** The runs of one mode as one: their latencies together, the sums of their counts, the largest maximum. */
    private static Run merged(List<Run> runs, boolean refreshAhead) {
        LatencyHistogram latencies = new LatencyHistogram();
        long max = 0;
        long slow = 0;
        int executions = 0;
        long shortestGap = -1;
        long hits = 0;
        long misses = 0;
        long refreshes = 0;
        long coalescedWaits = 0;
        String database = null;
        for (Run run : runs) {
            if (run.refreshAhead() != refreshAhead) {
                continue;
            }
            database = run.database();
            latencies.add(run.latencies());
            max = Math.max(max, run.maxNanos());
            slow += run.slowRequests();
            executions += run.executions();
            if (run.shortestGapNanos() >= 0) {
                shortestGap = shortestGap < 0 ? run.shortestGapNanos() : Math.min(shortestGap, run.shortestGapNanos());
            }
            hits += run.hits();
            misses += run.misses();
            refreshes += run.refreshes();
            coalescedWaits += run.coalescedWaits();
        }
        return new Run(database, refreshAhead, latencies, max, slow, executions, shortestGap, hits, misses, refreshes,
                coalescedWaits);
    }

    private static Run run(BenchmarkDatabase database, boolean refreshAhead, int cycles) throws Exception {
        String countingUrl = database.cachedUrl().replaceFirst("^jdbc:cached:", "jdbc:cached:counting:");
        Properties properties = database.credentials();
        properties.setProperty("cache.ttlJitter", "0");
        properties.setProperty("cache.refreshAhead", Boolean.toString(refreshAhead));
        properties.setProperty("cache.coherence", "local");
        List<Connection> connections = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        ConcurrentLinkedQueue<Long> executedAt = new ConcurrentLinkedQueue<>();
        try {
            for (int i = 0; i < THREADS; i++) {
                connections.add(DriverManager.getConnection(countingUrl, properties));
            }
            CacheControl control = connections.get(0).unwrap(CacheControl.class);
            CountingDriver.reset();
            CountingDriver.afterQuery(sql -> {
                if (sql.equals(QUERY)) {
                    executedAt.add(System.nanoTime());
                }
            });
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
            long measureFrom = start + WARM_UP_NANOS;
            long end = measureFrom + cycles * TTL_NANOS;
            List<Future<long[]>> workers = new ArrayList<>();
            List<LatencyHistogram> histograms = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                Connection connection = connections.get(i);
                LatencyHistogram latencies = new LatencyHistogram();
                histograms.add(latencies);
                long phase = i * INTERVAL_NANOS / THREADS;
                workers.add(threads.submit(() -> readOnSchedule(connection, start + phase, measureFrom, end,
                        latencies)));
            }
            LockSupport.parkNanos(measureFrom - System.nanoTime());
            CacheStatistics before = control.statistics();
            long maxNanos = 0;
            long slow = 0;
            for (Future<long[]> worker : workers) {
                long[] outcome = worker.get(cycles * 10L + 60, TimeUnit.SECONDS);
                maxNanos = Math.max(maxNanos, outcome[0]);
                slow += outcome[1];
            }
            CacheStatistics after = control.statistics();
            LatencyHistogram all = new LatencyHistogram();
            histograms.forEach(all::add);
            long[] measured = executedAt.stream().mapToLong(Long::longValue)
                    .filter(at -> at - measureFrom >= 0 && at - end < 0).sorted().toArray();
            long shortestGap = -1;
            for (int i = 1; i < measured.length; i++) {
                long gap = measured[i] - measured[i - 1];
                shortestGap = shortestGap < 0 ? gap : Math.min(shortestGap, gap);
            }
            return new Run(database.name(), refreshAhead, all, maxNanos, slow, measured.length, shortestGap,
                    after.hits() - before.hits(),
                    after.misses() - before.misses(), after.refreshes() - before.refreshes(),
                    after.coalescedWaits() - before.coalescedWaits());
        } finally {
            CountingDriver.reset();
            threads.shutdownNow();
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }

    /** Returns the largest latency measured and how many were over 1 ms. */
    private static long[] readOnSchedule(Connection connection, long first, long measureFrom, long end,
                                         LatencyHistogram latencies) throws SQLException {
        long max = 0;
        long slow = 0;
        for (long intended = first; intended - end < 0; intended += INTERVAL_NANOS) {
            waitUntil(intended);
            readAll(connection);
            long latency = System.nanoTime() - intended;
            if (intended - measureFrom >= 0) {
                latencies.record(latency);
                max = Math.max(max, latency);
                if (latency > SLOW_NANOS) {
                    slow++;
                }
            }
        }
        return new long[] {max, slow};
    }

    private static void waitUntil(long tick) {
        long sleepUntil = tick - SPIN_NANOS;
        for (long now = System.nanoTime(); now - sleepUntil < 0; now = System.nanoTime()) {
            LockSupport.parkNanos(sleepUntil - now);
        }
        while (System.nanoTime() - tick < 0) {
            Thread.onSpinWait();
        }
    }

    private static int readAll(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(QUERY);
             ResultSet result = statement.executeQuery()) {
            int rows = 0;
            while (result.next()) {
                result.getInt(1);
                result.getLong(2);
                result.getBigDecimal(3);
                rows++;
            }
            return rows;
        }
    }

    private static double plainQueryMillis(Connection plain) throws SQLException {
        long[] nanos = new long[21];
        for (int i = 0; i < nanos.length; i++) {
            long began = System.nanoTime();
            readAll(plain);
            nanos[i] = System.nanoTime() - began;
        }
        Arrays.sort(nanos);
        return nanos[nanos.length / 2] / 1e6;
    }

    private static String header(Instant began, String loadBefore, String loadAfter) {
        return String.format(Locale.ROOT, "# Refresh-ahead: a hot query across expiries%n%n"
                        + "`java -cp benchmarks/target/benchmarks.jar dev.cachedjdbc.benchmarks.RefreshAheadMeasurement`,"
                        + " started %s. %d threads, each on its own connection, each sending `%s` every %d µs on a"
                        + " fixed schedule (latency counted from the scheduled start); cache.ttl=1s, cache.ttlJitter=0,"
                        + " cache.coherence=local; %d s warm-up, then %d lifetimes of 1 s measured. Runs alternate in"
                        + " two blocks of off, on, on, off; the last two rows of each table merge the runs of each mode."
                        + " Executions are those that reached the database, counted below the caching driver; one"
                        + " execution per lifetime shows as gaps of about 1 s. Before the runs of each database, an"
                        + " unreported 2 s run warms up the JVM.%n%n"
                        + "%d cores; load average (1, 5, 15 min) %s before, %s after. The machine is shared with"
                        + " other builds: absolute times move from one minute to the next.%n",
                began, THREADS, QUERY, INTERVAL_NANOS / 1000, WARM_UP_NANOS / 1_000_000_000L, CYCLES,
                Runtime.getRuntime().availableProcessors(), loadBefore, loadAfter);
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + ", " + fields[1] + ", " + fields[2];
        } catch (Exception unavailable) {
            return "unknown";
        }
    }

    private static double micros(long nanos) {
        return nanos / 1e3;
    }
}
