package dev.cachedjdbc.benchmarks.mixes;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.cachedjdbc.benchmarks.BenchmarkDatabase;
import dev.cachedjdbc.benchmarks.workload.LatencyHistogram;
import dev.cachedjdbc.driver.CacheControl;
import dev.cachedjdbc.driver.CacheStatistics;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One run of one mix through one driver, in a JVM of its own so that no run inherits another's cache, JIT state
 * or garbage: client threads share a HikariCP pool, warm up, are measured, and the result is printed as one line
 * for {@link Mixes} to collect.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.cachedjdbc.benchmarks.mixes.MixRun MIX LABEL plain|cached</pre>
 */
public final class MixRun {

    private final Mix mix;
    private final String driver;
    private final boolean cached;
    private final MixSettings settings;

    private MixRun(Mix mix, String driver, boolean cached, MixSettings settings) {
        this.mix = mix;
        this.driver = driver;
        this.cached = cached;
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3 || !(args[2].equals("plain") || args[2].equals("cached"))) {
            throw new IllegalArgumentException("usage: MixRun MIX LABEL plain|cached");
        }
        MixRun run = new MixRun(Mix.named(args[0]), args[1], args[2].equals("cached"),
                MixSettings.fromSystemProperties());
        System.out.println(run.run().toLine());
    }

    private MixRunResult run() throws Exception {
        BenchmarkDatabase database = BenchmarkDatabase.postgresqlWithDefaultCacheSettings();
        boolean bypass = cached && settings.writesBypassCache();
        try (Connection plain = database.plain();
             HikariDataSource pool = pool(database, cached ? cachedUrl(database) : database.plainUrl(), "mx-pool");
             HikariDataSource writesPool = bypass ? pool(database, database.plainUrl(), "mx-bypass") : null) {
            Mix.Session session = mix.open(plain, settings, pool, bypass ? writesPool : pool);
            return drive(session, pool);
        }
    }

    /** The caching driver's URL at its defaults, or with the settings of {@code -Dmixes.cacheSettings}. */
    private static String cachedUrl(BenchmarkDatabase database) {
        String settings = System.getProperty("mixes.cacheSettings", "").trim();
        if (settings.isEmpty()) {
            return database.cachedUrl();
        }
        return database.cachedUrl() + (database.cachedUrl().contains("?") ? "&" : "?") + settings;
    }

    private HikariDataSource pool(BenchmarkDatabase database, String url, String name) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setDataSourceProperties(database.credentials());
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(settings.poolSize());
        config.setPoolName(name);
        return new HikariDataSource(config);
    }

    private MixRunResult drive(Mix.Session session, HikariDataSource pool) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long start = System.nanoTime();
        long measureFrom = start + settings.warmUpSeconds() * 1_000_000_000L;
        long end = measureFrom + settings.seconds() * 1_000_000_000L;
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < settings.threads(); i++) {
            Client client = new Client(session, measureFrom, end, failure);
            client.setName("mx-client-" + i);
            clients.add(client);
            client.start();
        }
        sleepUntil(measureFrom, failure);
        CacheStatistics before = statistics(pool);
        double compilerCpuBefore = CompilerCpu.seconds();
        long processCpuBefore = processCpuNanos();
        sleepUntil(end, failure);
        long processCpuNanos = processCpuNanos() - processCpuBefore;
        double compilerCpuAfter = CompilerCpu.seconds();
        long compileMillis = compilerCpuBefore < 0 || compilerCpuAfter < 0 ? -1
                : Math.round((compilerCpuAfter - compilerCpuBefore) * 1000);
        CacheStatistics after = statistics(pool);
        LatencyHistogram latencies = new LatencyHistogram();
        long measuredReads = 0;
        long checkedReads = 0;
        long staleReads = 0;
        for (Client client : clients) {
            client.join();
            latencies.add(client.latencies);
            measuredReads += client.measuredReads;
            checkedReads += client.check.checkedReads();
            staleReads += client.check.staleReads();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("An operation of " + mix.name() + " failed", failure.get());
        }
        boolean statistics = before != null && after != null;
        return new MixRunResult(mix.name(), driver, latencies.count() / (settings.seconds() * 1.0),
                latencies.percentileNanos(0.50) / 1e3, latencies.percentileNanos(0.99) / 1e3, measuredReads,
                checkedReads, staleReads, statistics,
                statistics ? after.hits() - before.hits() : 0,
                statistics ? after.misses() - before.misses() : 0,
                statistics ? after.loads() - before.loads() : 0,
                statistics ? after.coalescedWaits() - before.coalescedWaits() : 0,
                statistics ? after.evictions() - before.evictions() : 0, compileMillis,
                latencies.count() == 0 ? 0 : processCpuNanos / 1e3 / latencies.count());
    }

    /** A client thread: operations back to back; those that start in the measured window are counted. */
    private static final class Client extends Thread {
        private final Mix.Session session;
        private final long measureFrom;
        private final long end;
        private final AtomicReference<Throwable> failure;
        final LatencyHistogram latencies = new LatencyHistogram();
        final ReadCheck check = new ReadCheck();
        long measuredReads;

        Client(Mix.Session session, long measureFrom, long end, AtomicReference<Throwable> failure) {
            this.session = session;
            this.measureFrom = measureFrom;
            this.end = end;
            this.failure = failure;
        }

        @Override
        public void run() {
            try {
                long now = System.nanoTime();
                while (now < end && failure.get() == null) {
                    long readsBefore = check.readStatements();
                    session.perform(check);
                    long finished = System.nanoTime();
                    if (now >= measureFrom) {
                        latencies.record(finished - now);
                        measuredReads += check.readStatements() - readsBefore;
                    }
                    now = finished;
                }
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        }
    }

    /** CPU time this JVM has used, all its threads, user and system. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The caching driver's counters now, or null through the plain driver. */
    private CacheStatistics statistics(HikariDataSource pool) throws SQLException {
        if (!cached) {
            return null;
        }
        try (Connection connection = pool.getConnection()) {
            return connection.unwrap(CacheControl.class).statistics();
        }
    }

    private static void sleepUntil(long nanoTime, AtomicReference<Throwable> failure) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        while (left > 0 && failure.get() == null) {
            Thread.sleep(Math.max(1, Math.min(100, left / 1_000_000)));
            left = nanoTime - System.nanoTime();
        }
    }
}
