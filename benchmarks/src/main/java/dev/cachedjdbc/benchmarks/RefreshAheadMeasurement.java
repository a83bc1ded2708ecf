package dev.cachedjdbc.benchmarks;

import dev.cachedjdbc.benchmarks.workload.LatencyHistogram;
import dev.cachedjdbc.driver.CacheControl;
import dev.cachedjdbc.driver.CacheStatistics;
import dev.cachedjdbc.driver.CachedDataSource;
import dev.cachedjdbc.testing.CountingDriver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One hot query read across 10 expiries of its entry (cache.ttl=1s, no jitter) by two groups of threads at the same
 * time, one through a cache with refresh-ahead off and one through a cache with it on, each group with connections
 * and a runtime of its own: whatever else the machine is doing at a moment, both groups meet it. Not a JMH
 * benchmark: what matters is the tail of the latency across expiries, and how many executions reach the database per
 * lifetime (counted below the caching driver by {@link CountingDriver}, by the group whose thread ran them).
 *
 * <p>Each thread has its own connection and a fixed schedule (one request every {@code intervalMicros}, all threads'
 * schedules evenly staggered), and a request's latency is counted from when the schedule says it should start, not
 * from when it did: a thread held up by a miss would otherwise send fewer requests during the miss, and the tail
 * would hide exactly what is measured (coordinated omission). Threads sleep between requests and spin only for the
 * last 50 µs, so that they leave the cores to the database.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.cachedjdbc.benchmarks.RefreshAheadMeasurement [h2] [postgresql]</pre>
 *
 * Settings: {@code -Drefresh.threads=4} (per group), {@code -Drefresh.intervalMicros=1000}, {@code -Drefresh.cycles=10},
 * {@code -Drefresh.rounds=3}, {@code -Drefresh.warmUpSeconds=3},
 * {@code -Drefresh.output=benchmarks/results/refresh-ahead.md}.
 */
public final class RefreshAheadMeasurement {

    /** The stampede measurement's aggregate over the whole table: milliseconds on PostgreSQL. */
    static final String QUERY = StampedeMeasurement.QUERY;
    static final long TTL_NANOS = TimeUnit.SECONDS.toNanos(1);
    static final int THREADS = Integer.getInteger("refresh.threads", 4);
    static final long INTERVAL_NANOS = TimeUnit.MICROSECONDS.toNanos(Integer.getInteger("refresh.intervalMicros", 1000));
    static final int CYCLES = Integer.getInteger("refresh.cycles", 10);
    static final long WARM_UP_NANOS = TimeUnit.SECONDS.toNanos(Integer.getInteger("refresh.warmUpSeconds", 3));
    static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    static final long SLOW_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    static final int ROUNDS = Integer.getInteger("refresh.rounds", 3);

    /** One measured run of one mode. */
    record Run(String database, boolean refreshAhead, LatencyHistogram latencies, long maxNanos, long slowRequests,
               int executions, long shortestGapNanos, long hits, long misses, long refreshes,
               long coalescedWaits, int driverStatements) {

        String line() {
            return String.format(Locale.ROOT, "| %s | %s | %,d | %.1f | %.1f | %.1f | %.1f | %,d | %d | %s | %d | %d | %d | %d |",
                    database, refreshAhead ? "on" : "off", latencies.count(), micros(latencies.percentileNanos(0.5)),
                    micros(latencies.percentileNanos(0.99)), micros(latencies.percentileNanos(0.999)),
                    micros(maxNanos), slowRequests, executions,
                    shortestGapNanos < 0 ? "-" : String.format(Locale.ROOT, "%.0f", shortestGapNanos / 1e6),
                    refreshes, misses, coalescedWaits, driverStatements);
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
                round(database, 2); // warms up the JVM's compiled code for both modes; not reported
                List<Run> runs = new ArrayList<>();
                for (int round = 0; round < ROUNDS; round++) {
                    runs.addAll(round(database, CYCLES));
                }
                StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                        "%n## %s%n%nThe query through the plain driver: median %.2f ms of 21 runs.%n%n",
                        database.name(), queryMillis));
                text.append("| database | refresh-ahead | requests | p50 µs | p99 µs | p99.9 µs | max µs | over 1 ms"
                        + " | executions | shortest gap between executions, ms | refreshes | misses | coalesced waits"
                        + " | catalog statements |\n");
                text.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
                for (Run run : runs) {
                    text.append(run.line()).append('\n');
                }
                for (boolean refreshAhead : new boolean[] {false, true}) {
                    text.append(merged(runs, refreshAhead).line().replace("| " + database.name() + " |",
                            "| " + database.name() + ", all rounds |")).append('\n');
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
        int driverStatements = 0;
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
            driverStatements += run.driverStatements();
        }
        return new Run(database, refreshAhead, latencies, max, slow, executions, shortestGap, hits, misses, refreshes,
                coalescedWaits, driverStatements);
    }

    /** One round: both modes at the same time, each on threads, connections and a runtime of its own. */
    private static List<Run> round(BenchmarkDatabase database, int cycles) throws Exception {
        List<Side> sides = List.of(new Side(database, false), new Side(database, true));
        try {
            for (Side side : sides) {
                side.connect();
            }
            CountingDriver.reset();
            CountingDriver.afterQuery(sql -> {
                for (Side side : sides) {
                    if (side.readers.contains(Thread.currentThread())) {
                        (sql.equals(QUERY) ? side.executedAt : side.driverStatementsAt).add(System.nanoTime());
                    }
                }
            });
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
            long measureFrom = start + WARM_UP_NANOS;
            long end = measureFrom + cycles * TTL_NANOS;
            for (int i = 0; i < sides.size(); i++) {
                // every reader of both sides evenly staggered over one interval
                sides.get(i).start(start + i * INTERVAL_NANOS / (2L * THREADS), measureFrom, end);
            }
            LockSupport.parkNanos(measureFrom - System.nanoTime());
            for (Side side : sides) {
                side.before = side.control.statistics();
            }
            List<Run> runs = new ArrayList<>();
            for (Side side : sides) {
                runs.add(side.finish(cycles, measureFrom, end));
            }
            return runs;
        } finally {
            CountingDriver.reset();
            for (Side side : sides) {
                side.close();
            }
        }
    }

    /** One mode of a round: its readers, their connections, and a runtime of its own. */
    private static final class Side implements AutoCloseable {

        final String database;
        final boolean refreshAhead;
        final CachedDataSource source = new CachedDataSource();
        final List<Connection> connections = new ArrayList<>();
        final ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        final Set<Thread> readers = ConcurrentHashMap.newKeySet();
        final ConcurrentLinkedQueue<Long> executedAt = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<Long> driverStatementsAt = new ConcurrentLinkedQueue<>();
        final List<LatencyHistogram> histograms = new ArrayList<>();
        final List<Future<long[]>> workers = new ArrayList<>();
        CacheControl control;
        CacheStatistics before;

        /**
         * A runtime of its own per mode and round: each starts with an empty cache and the catalog just read, so that
         * the driver's new read of the catalog every 60 s never falls within a round.
         */
        Side(BenchmarkDatabase database, boolean refreshAhead) {
            this.database = database.name();
            this.refreshAhead = refreshAhead;
            Properties properties = database.credentials();
            properties.setProperty("cache.ttlJitter", "0");
            properties.setProperty("cache.refreshAhead", Boolean.toString(refreshAhead));
            properties.setProperty("cache.coherence", "local");
            properties.setProperty("cache.jmx", "false");
            source.setUrl(database.cachedUrl().replaceFirst("^jdbc:cached:", "jdbc:cached:counting:"));
            source.setProperties(properties);
            source.setOwnRuntime(true);
        }

        void connect() throws SQLException {
            for (int i = 0; i < THREADS; i++) {
                connections.add(source.getConnection());
            }
            control = connections.get(0).unwrap(CacheControl.class);
        }

        void start(long first, long measureFrom, long end) {
            for (int i = 0; i < THREADS; i++) {
                Connection connection = connections.get(i);
                LatencyHistogram latencies = new LatencyHistogram();
                histograms.add(latencies);
                long phase = first + i * INTERVAL_NANOS / THREADS;
                workers.add(threads.submit(() -> {
                    readers.add(Thread.currentThread());
                    return readOnSchedule(connection, phase, measureFrom, end, latencies);
                }));
            }
        }

        Run finish(int cycles, long measureFrom, long end) throws Exception {
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
            int statements = (int) driverStatementsAt.stream()
                    .filter(at -> at - measureFrom >= 0 && at - end < 0).count();
            return new Run(database, refreshAhead, all, maxNanos, slow, measured.length, shortestGap,
                    after.hits() - before.hits(), after.misses() - before.misses(),
                    after.refreshes() - before.refreshes(), after.coalescedWaits() - before.coalescedWaits(),
                    statements);
        }

        @Override
        public void close() {
            threads.shutdownNow();
            for (Connection connection : connections) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // the round is over; a connection that fails to close changes nothing measured
                }
            }
            source.close();
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
                        + " started %s. Two groups of %d threads read at the same time, one through a cache with"
                        + " refresh-ahead off, one with it on; each thread on its own connection sends `%s` every %d µs"
                        + " on a fixed schedule (latency counted from the scheduled start); cache.ttl=1s,"
                        + " cache.ttlJitter=0, cache.coherence=local; %d s warm-up, then %d lifetimes of 1 s measured,"
                        + " in %d rounds; the last two rows of each table merge the rounds of each mode. Executions are"
                        + " those that reached the database, counted below the caching driver; one execution per"
                        + " lifetime shows as gaps of about 1 s. Catalog statements are the queries the driver itself"
                        + " ran meanwhile (its catalog fingerprint check, at most every 2 s, on a miss). Each group has a"
                        + " runtime of its own in each round (CachedDataSource.setOwnRuntime), so that it starts with an"
                        + " empty cache and a catalog just read, and the driver's new read of the catalog every 60 s,"
                        + " after which each connection's next miss runs outside the cache, never falls within a round."
                        + " Before the rounds of each database, an unreported 2 s round warms up the JVM.%n%n"
                        + "%d cores; load average (1, 5, 15 min) %s before, %s after. The machine is shared with"
                        + " other builds: absolute times move from one minute to the next.%n",
                began, THREADS, QUERY, INTERVAL_NANOS / 1000, WARM_UP_NANOS / 1_000_000_000L, CYCLES, ROUNDS,
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
