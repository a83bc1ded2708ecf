package dev.cachedjdbc.benchmarks.workload;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.cachedjdbc.benchmarks.BenchmarkDatabase;
import dev.cachedjdbc.driver.CacheControl;
import dev.cachedjdbc.driver.CacheStatistics;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One configuration of the service simulation: request threads sharing a HikariCP pool, each operation a read (with
 * the given probability) or a write of a Zipf-chosen item. Every read is checked for freshness: before it begins it
 * notes the highest version of its item whose write has committed, and the version it reads must not be lower.
 */
final class WorkloadRun {

    private final BenchmarkDatabase database;
    private final boolean cached;
    private final int readPercent;
    private final WriteTarget writeTarget;
    private final WorkloadSettings settings;

    /** Where the writes of a run go. */
    enum WriteTarget {
        /** Every write updates a catalogue item: each one makes the cached catalogue results stale. */
        CATALOGUE,
        /**
         * Writes place orders, and one write in {@link #CATALOGUE_UPDATE_EVERY} updates a catalogue item (so that
         * freshness is still checked): the catalogue stays cached between its rarer updates.
         */
        ORDERS;

        static final int CATALOGUE_UPDATE_EVERY = 20;
    }

    WorkloadRun(BenchmarkDatabase database, boolean cached, int readPercent, WriteTarget writeTarget,
            WorkloadSettings settings) {
        this.database = database;
        this.cached = cached;
        this.readPercent = readPercent;
        this.writeTarget = writeTarget;
        this.settings = settings;
    }

    WorkloadResult run() throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(cached ? database.cachedUrl() : database.plainUrl());
        config.setDataSourceProperties(database.credentials());
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(settings.poolSize());
        config.setPoolName("bm_workload");
        try (Connection counters = database.plain()) {
            long statementsBefore;
            Measurement measurement;
            try (HikariDataSource pool = new HikariDataSource(config);
                 HikariDataSource bypass = writesBypassTheCache() ? new HikariDataSource(bypassConfig()) : null) {
                CatalogueService service = new CatalogueService(pool, bypass == null ? pool : bypass);
                service.createCatalogue(settings.items());
                statementsBefore = catalogueStatements(counters);
                measurement = drive(service, pool);
            }
            long statements = settledCatalogueStatements(counters) - statementsBefore;
            try (Statement drop = counters.createStatement()) {
                drop.execute("DROP TABLE IF EXISTS " + CatalogueService.TABLE);
                drop.execute("DROP TABLE IF EXISTS " + CatalogueService.ORDERS);
            }
            LatencyHistogram latencies = measurement.latencies;
            return new WorkloadResult(cached ? "cached" : "plain", readPercent,
                    readPercent == 100 ? "none" : writeTarget.name().toLowerCase(java.util.Locale.ROOT),
                    latencies.count() / (measurement.measuredNanos / 1e9),
                    latencies.percentileNanos(0.50) / 1e3, latencies.percentileNanos(0.99) / 1e3,
                    measurement.hitRatio, statements / (double) measurement.allOperations, measurement.reads,
                    measurement.staleReads);
        }
    }

    /**
     * A negative control for the freshness check: catalogue updates go through the plain driver, which the cache
     * cannot see, so cached reads turn stale and the check must count them.
     */
    private boolean writesBypassTheCache() {
        return cached && Boolean.getBoolean("workload.writesBypassCache");
    }

    private HikariConfig bypassConfig() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database.plainUrl());
        config.setDataSourceProperties(database.credentials());
        config.setMaximumPoolSize(settings.poolSize());
        config.setPoolName("bm_workload_bypass");
        return config;
    }

    private static final class Measurement {
        final LatencyHistogram latencies = new LatencyHistogram();
        long allOperations;
        long reads;
        long staleReads;
        long measuredNanos;
        double hitRatio = Double.NaN;
    }

    private Measurement drive(CatalogueService service, HikariDataSource pool) throws Exception {
        ZipfKeys keys = new ZipfKeys(settings.items(), settings.zipfExponent());
        AtomicLongArray committed = new AtomicLongArray(settings.items() + 1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long start = System.nanoTime();
        long measureFrom = start + settings.warmUpSeconds() * 1_000_000_000L;
        long end = measureFrom + settings.seconds() * 1_000_000_000L;
        List<Worker> workers = new ArrayList<>();
        for (int i = 0; i < settings.threads(); i++) {
            Worker worker = new Worker(service, keys, committed, measureFrom, end, failure);
            worker.setName("bm-request-" + i);
            workers.add(worker);
            worker.start();
        }
        sleepUntil(measureFrom);
        CacheStatistics cacheBefore = cacheStatistics(pool);
        sleepUntil(end);
        CacheStatistics cacheAfter = cacheStatistics(pool);
        Measurement measurement = new Measurement();
        for (Worker worker : workers) {
            worker.join();
            measurement.latencies.add(worker.latencies);
            measurement.allOperations += worker.operations;
            measurement.reads += worker.reads;
            measurement.staleReads += worker.staleReads;
        }
        if (failure.get() != null) {
            throw new IllegalStateException("an operation failed", failure.get());
        }
        measurement.measuredNanos = end - measureFrom;
        if (cacheBefore != null && cacheAfter != null) {
            long hits = cacheAfter.hits() - cacheBefore.hits();
            long misses = cacheAfter.misses() - cacheBefore.misses();
            measurement.hitRatio = hits + misses == 0 ? 0 : hits / (double) (hits + misses);
        }
        return measurement;
    }

    private final class Worker extends Thread {
        private final CatalogueService service;
        private final ZipfKeys keys;
        private final AtomicLongArray committed;
        private final long measureFrom;
        private final long end;
        private final AtomicReference<Throwable> failure;
        final LatencyHistogram latencies = new LatencyHistogram();
        long operations;
        long reads;
        long staleReads;

        Worker(CatalogueService service, ZipfKeys keys, AtomicLongArray committed, long measureFrom, long end,
                AtomicReference<Throwable> failure) {
            this.service = service;
            this.keys = keys;
            this.committed = committed;
            this.measureFrom = measureFrom;
            this.end = end;
            this.failure = failure;
        }

        @Override
        public void run() {
            try {
                long now = System.nanoTime();
                while (now < end && failure.get() == null) {
                    int id = keys.next();
                    if (ThreadLocalRandom.current().nextInt(100) < readPercent) {
                        long floor = committed.get(id);
                        long version = service.readVersion(id);
                        reads++;
                        if (version < floor) {
                            staleReads++;
                        }
                    } else if (writeTarget == WriteTarget.ORDERS
                            && ThreadLocalRandom.current().nextInt(WriteTarget.CATALOGUE_UPDATE_EVERY) != 0) {
                        service.placeOrder(id);
                    } else {
                        long version = service.write(id);
                        committed.accumulateAndGet(id, version, Math::max);
                    }
                    long finished = System.nanoTime();
                    if (now >= measureFrom) {
                        latencies.record(finished - now);
                    }
                    operations++;
                    now = finished;
                }
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        }
    }

    private CacheStatistics cacheStatistics(HikariDataSource pool) throws SQLException {
        if (!cached) {
            return null;
        }
        try (Connection connection = pool.getConnection()) {
            return connection.unwrap(CacheControl.class).statistics();
        }
    }

    /** Index and sequential scans of the catalogue: every statement that reached it, as the server counts them. */
    private static long catalogueStatements(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_stat_clear_snapshot()");
            try (ResultSet row = statement.executeQuery("SELECT coalesce(seq_scan, 0) + coalesce(idx_scan, 0)"
                    + " FROM pg_stat_user_tables WHERE relname = '" + CatalogueService.TABLE + "'")) {
                return row.next() ? row.getLong(1) : 0;
            }
        }
    }

    /** The count once the pool's server processes, which report at exit, have all reported. */
    private static long settledCatalogueStatements(Connection connection) throws Exception {
        long previous = -1;
        long current = catalogueStatements(connection);
        for (int i = 0; i < 20 && current != previous; i++) {
            Thread.sleep(500);
            previous = current;
            current = catalogueStatements(connection);
        }
        return current;
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, left / 1_000_000));
        }
    }
}
