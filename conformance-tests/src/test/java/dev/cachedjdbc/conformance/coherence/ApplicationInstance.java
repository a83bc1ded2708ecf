package dev.cachedjdbc.conformance.coherence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.cachedjdbc.driver.CacheControl;
import dev.cachedjdbc.driver.CacheStatistics;
import dev.cachedjdbc.driver.CoherenceStatus;
import dev.cachedjdbc.testing.TestDatabases;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One instance of an application in a JVM of its own, started by an {@link InstancesRun}: a HikariCP pool of the
 * caching driver with the run's {@code cache.coherence} mode, reader threads that read rows of {@link SoakFiles#TABLE}
 * by key (and now and then the whole table), and writer threads that raise a row's version in autocommit, in
 * committed transactions and in rolled-back ones, as its {@link InstanceRole} says. The external writer's pool is of
 * plain pgjdbc instead: another application writing the same table without the cache. Every read, write and failed
 * statement is recorded with the wall clock in microseconds, the clock all instances on the machine share; a monitor
 * samples {@link CoherenceStatus} every few milliseconds.
 *
 * <p>Protocol: prints {@code ready} once its pool and change feed are up, waits for {@code go} on its standard input,
 * runs for the given time, writes its records into the output directory ({@link SoakFiles}) and exits 0. An
 * application statement that fails is recorded and counted, and the first stack traces printed; it does not stop the
 * run.
 *
 * <p>Arguments: the instance's name, the output directory, the run's length in milliseconds, the staleness bound in
 * milliseconds, the role ({@link InstanceRole#argument()}), a random seed and the coherence mode
 * ({@link CoherenceMode#property()}).
 */
public final class ApplicationInstance {

    private static final int READER_THREADS = 2;
    private static final int WRITER_THREADS = 2;
    /** Smaller than the number of threads: callers wait for connections now and then, as behind a real pool. */
    private static final int POOL_SIZE = 4;
    private static final long READ_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    private static final int MONITOR_MILLIS = 5;
    private static final int OBSERVER_MILLIS = 50;
    private static final String READ_ONE = "select version from " + SoakFiles.TABLE + " where id = ?";
    private static final String READ_ALL = "select id, version from " + SoakFiles.TABLE + " order by id";
    private static final String WRITE = "update " + SoakFiles.TABLE + " set version = version + 1 where id = ?"
            + " returning version";

    private final String name;
    private final long endMicros;
    private final InstanceRole role;
    private final HikariDataSource pool;
    private final AtomicLong failedStatements = new AtomicLong();
    private final AtomicLong expectedAnnouncements = new AtomicLong();
    private final List<long[]> reads = Collections.synchronizedList(new ArrayList<>());
    private final List<long[]> writes = Collections.synchronizedList(new ArrayList<>());
    private final List<long[]> samples = new ArrayList<>();
    /** The cache the monitor samples: the one behind the connection the pool handed out last. */
    private volatile CacheControl observed;
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());

    private ApplicationInstance(String name, long endMicros, InstanceRole role, HikariDataSource pool,
            CacheControl first) {
        this.name = name;
        this.endMicros = endMicros;
        this.role = role;
        this.pool = pool;
        this.observed = first;
    }

    public static void main(String[] args) throws Exception {
        String name = args[0];
        Path output = Path.of(args[1]);
        long runMillis = Long.parseLong(args[2]);
        long boundMillis = Long.parseLong(args[3]);
        InstanceRole role = InstanceRole.of(args[4]);
        long seed = Long.parseLong(args[5]);
        CoherenceMode mode = CoherenceMode.of(args[6]);

        try (HikariDataSource pool = new HikariDataSource(poolConfig(name, role, mode, boundMillis))) {
            // The first connection starts the change feed and waits for its first proof; a read warms the driver.
            CacheControl first = null;
            try (Connection connection = pool.getConnection()) {
                if (role.caches()) {
                    first = connection.unwrap(CacheControl.class);
                    CoherenceStatus status = first.coherence();
                    if (!role.coherence(mode).equals(status.mode())) {
                        throw new IllegalStateException("coherence is " + status + ", not " + role.coherence(mode));
                    }
                }
                try (PreparedStatement statement = connection.prepareStatement(READ_ALL);
                        ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        rows.getLong(2);
                    }
                }
            }
            System.out.println("ready");
            System.out.flush();
            BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line = input.readLine();
            if (!"go".equals(line)) {
                throw new IllegalStateException("expected go, read " + line);
            }
            long start = SoakFiles.nowMicros();
            ApplicationInstance instance = new ApplicationInstance(name, start + runMillis * 1000, role, pool, first);
            instance.run(seed);
            if (mode.announces()) {
                instance.settle(boundMillis);
            }
            instance.write(output, start);
        }
        System.exit(0);
    }

    /** A pool of the caching driver, or of plain pgjdbc for the external writer. */
    private static HikariConfig poolConfig(String name, InstanceRole role, CoherenceMode mode, long boundMillis) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("instance-" + name);
        Properties properties = TestDatabases.postgresCredentials();
        if (role.caches()) {
            config.setJdbcUrl(TestDatabases.cachedPostgresUrl());
            properties.setProperty("cache.coherence", role.coherence(mode));
            properties.setProperty("cache.maxStaleness", boundMillis + "ms");
            properties.setProperty("cache.jmx", "false");
        } else {
            config.setJdbcUrl(TestDatabases.PG_URL);
        }
        config.setDataSourceProperties(properties);
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(POOL_SIZE);
        config.setConnectionTimeout(10_000);
        return config;
    }

    private void run(long seed) throws InterruptedException {
        SplittableRandom seeds = new SplittableRandom(seed);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; role.reads() && i < READER_THREADS; i++) {
            SplittableRandom random = seeds.split();
            threads.add(new Thread(() -> readLoop(random), name + "-reader-" + i));
        }
        for (int i = 0; role.writes() && i < WRITER_THREADS; i++) {
            SplittableRandom random = seeds.split();
            threads.add(new Thread(() -> writeLoop(random), name + "-writer-" + i));
        }
        threads.forEach(Thread::start);
        monitorUntilEnd();
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private boolean running() {
        return SoakFiles.nowMicros() < endMicros;
    }

    private void readLoop(SplittableRandom random) {
        while (running()) {
            try (Connection connection = pool.getConnection()) {
                if (random.nextInt(25) == 0) {
                    readAll(connection);
                } else {
                    readOne(connection, 1 + random.nextInt(SoakFiles.ROWS));
                }
            } catch (SQLException | RuntimeException e) {
                failed("read", e);
            }
            LockSupport.parkNanos(READ_PAUSE_NANOS);
        }
    }

    private void readOne(Connection connection, int id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(READ_ONE)) {
            statement.setInt(1, id);
            long started = SoakFiles.nowMicros();
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw new SQLException("row " + id + " is missing");
                }
                long version = rows.getLong(1);
                reads.add(new long[] {id, version, started, SoakFiles.nowMicros()});
            }
        }
    }

    /** The whole table, whose cached result any write of any row makes stale: one record per row. */
    private void readAll(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(READ_ALL)) {
            long started = SoakFiles.nowMicros();
            List<long[]> rowsRead = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    rowsRead.add(new long[] {rows.getInt(1), rows.getLong(2)});
                }
            }
            long ended = SoakFiles.nowMicros();
            if (rowsRead.size() != SoakFiles.ROWS) {
                throw new SQLException(rowsRead.size() + " rows read instead of " + SoakFiles.ROWS);
            }
            for (long[] row : rowsRead) {
                reads.add(new long[] {row[0], row[1], started, ended});
            }
        }
    }

    private void writeLoop(SplittableRandom random) {
        while (running()) {
            int kind = role.autocommitOnly() ? 0 : random.nextInt(20);
            try {
                if (kind < 9) {
                    writeInAutocommit(1 + random.nextInt(SoakFiles.ROWS));
                } else {
                    writeInTransaction(random, kind < 16);
                }
            } catch (SQLException | RuntimeException e) {
                failed("write", e);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20 + random.nextInt(30)));
        }
    }

    private void writeInAutocommit(int id) throws SQLException {
        try (Connection connection = pool.getConnection();
                PreparedStatement statement = connection.prepareStatement(WRITE)) {
            long started = SoakFiles.nowMicros();
            long version;
            try {
                version = update(statement, id);
            } catch (SQLException | RuntimeException e) {
                // It may have committed all the same (the server going down as it answers), at a version unknown.
                writes.add(new long[] {id, SoakFiles.UNKNOWN_VERSION, started, SoakFiles.nowMicros(),
                    SoakFiles.IN_DOUBT});
                throw e;
            }
            writes.add(new long[] {id, version, started, SoakFiles.nowMicros(), SoakFiles.AUTOCOMMIT});
            expectedAnnouncements.incrementAndGet();
        }
    }

    /** One or two rows, locked in the order of their keys so that writers never deadlock, then commit or rollback. */
    private void writeInTransaction(SplittableRandom random, boolean commit) throws SQLException {
        int first = 1 + random.nextInt(SoakFiles.ROWS);
        int second = 1 + random.nextInt(SoakFiles.ROWS);
        int[] ids = first == second || random.nextBoolean() ? new int[] {first}
                : new int[] {Math.min(first, second), Math.max(first, second)};
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(WRITE)) {
                long started = SoakFiles.nowMicros();
                long[] versions = new long[ids.length];
                for (int i = 0; i < ids.length; i++) {
                    versions[i] = update(statement, ids[i]);
                }
                if (commit) {
                    try {
                        connection.commit();
                    } catch (SQLException | RuntimeException e) {
                        // It may have committed all the same (the server going down as it answers).
                        long failed = SoakFiles.nowMicros();
                        for (int i = 0; i < ids.length; i++) {
                            writes.add(new long[] {ids[i], versions[i], started, failed, SoakFiles.IN_DOUBT});
                        }
                        throw e;
                    }
                    expectedAnnouncements.incrementAndGet();
                } else {
                    connection.rollback();
                }
                long ended = SoakFiles.nowMicros();
                for (int i = 0; i < ids.length; i++) {
                    writes.add(new long[] {ids[i], versions[i], started, ended,
                        commit ? SoakFiles.COMMITTED : SoakFiles.ROLLED_BACK});
                }
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    private static long update(PreparedStatement statement, int id) throws SQLException {
        statement.setInt(1, id);
        try (ResultSet returned = statement.executeQuery()) {
            if (!returned.next()) {
                throw new SQLException("row " + id + " is missing");
            }
            return returned.getLong(1);
        }
    }

    private void failed(String what, Exception e) {
        long at = SoakFiles.nowMicros();
        failures.add(SoakFiles.failureLine(name, at, what, e));
        long count = failedStatements.incrementAndGet();
        if (count <= 20) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            System.out.println("FAILED " + what + " at " + at + ": " + trace);
        }
    }

    /**
     * Samples the coherence status of the cache it last saw behind a pool connection until the run ends; the parent
     * matches suspensions against its faults. A sample reads counters only and never waits for the pool, so that it
     * goes on while the pool cannot hand out a connection (the server restarting, say) and shows what the cache
     * behind the connections already handed out does meanwhile. Each sample also says which database runtime it
     * saw, counted from 0: the driver takes a restarted server for a new database, with caches and a feed of its own.
     */
    private void monitorUntilEnd() throws InterruptedException {
        if (!role.caches()) {
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(Math.max(0, endMicros - SoakFiles.nowMicros())));
            return;
        }
        Thread observer = new Thread(this::observeUntilEnd, name + "-observer");
        observer.start();
        String identity = null;
        long runtime = -1;
        while (running()) {
            try {
                CacheControl control = observed;
                if (!control.databaseIdentity().equals(identity)) {
                    identity = control.databaseIdentity();
                    runtime++;
                }
                CoherenceStatus status = control.coherence();
                CacheStatistics statistics = control.statistics();
                samples.add(new long[] {SoakFiles.nowMicros(), status.connected() ? 1 : 0,
                    status.hitsSuspended() ? 1 : 0, status.proofAgeMillis(), status.suspendedReads(),
                    status.suspendedMillis(), status.invalidationsReceived(), status.announcementsSent(),
                    statistics.hits(), statistics.misses(), runtime});
            } catch (RuntimeException e) {
                failed("status", e);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(MONITOR_MILLIS));
        }
        observer.join();
    }

    /** Keeps {@link #observed} the cache behind a connection the pool hands out now, waiting for the pool if need be. */
    private void observeUntilEnd() {
        while (running()) {
            try (Connection connection = pool.getConnection()) {
                observed = connection.unwrap(CacheControl.class);
            } catch (SQLException | RuntimeException e) {
                failed("status", e);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(OBSERVER_MILLIS));
        }
    }

    /**
     * Waits, for a few bounds at most, until the feed has sent every announcement this instance owes (autocommit
     * writes are announced after their commit, by the feed's thread), so that the count the parent checks is final.
     */
    private void settle(long boundMillis) throws SQLException, InterruptedException {
        if (!role.caches()) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(boundMillis * 4);
        try (Connection connection = pool.getConnection()) {
            CacheControl control = connection.unwrap(CacheControl.class);
            while (control.coherence().announcementsSent() < expectedAnnouncements.get()
                    && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }
    }

    private void write(Path output, long start) throws IOException, SQLException {
        Files.createDirectories(output);
        List<String> readLines = new ArrayList<>();
        synchronized (reads) {
            reads.forEach(read -> readLines.add(name + "," + read[0] + "," + read[1] + "," + read[2] + "," + read[3]));
        }
        Files.write(SoakFiles.reads(output, name), readLines);
        List<String> writeLines = new ArrayList<>();
        synchronized (writes) {
            writes.forEach(write -> writeLines.add(name + "," + write[0] + "," + write[1] + "," + write[2] + ","
                    + write[3] + "," + write[4]));
        }
        Files.write(SoakFiles.writes(output, name), writeLines);
        List<String> sampleLines = new ArrayList<>();
        samples.forEach(sample -> {
            StringBuilder text = new StringBuilder(name);
            for (long value : sample) {
                text.append(',').append(value);
            }
            sampleLines.add(text.toString());
        });
        Files.write(SoakFiles.samples(output, name), sampleLines);
        synchronized (failures) {
            Files.write(SoakFiles.failures(output, name), failures);
        }

        Properties summary = new Properties();
        if (role.caches()) {
            summarizeCache(summary);
        }
        summary.setProperty("expectedAnnouncements", Long.toString(expectedAnnouncements.get()));
        summary.setProperty("failedStatements", Long.toString(failedStatements.get()));
        summary.setProperty("startMicros", Long.toString(start));
        summary.setProperty("endMicros", Long.toString(endMicros));
        try (var out = Files.newBufferedWriter(SoakFiles.summary(output, name))) {
            summary.store(out, "instance " + name);
        }
        System.out.println("summary " + summary);
    }

    /** The cache's and the change feed's final figures. */
    private void summarizeCache(Properties summary) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            CacheControl control = connection.unwrap(CacheControl.class);
            CacheStatistics statistics = control.statistics();
            CoherenceStatus status = control.coherence();
            summary.setProperty("hits", Long.toString(statistics.hits()));
            summary.setProperty("misses", Long.toString(statistics.misses()));
            summary.setProperty("invalidations", Long.toString(statistics.invalidations()));
            summary.setProperty("suspendedReads", Long.toString(status.suspendedReads()));
            summary.setProperty("suspendedMillis", Long.toString(status.suspendedMillis()));
            summary.setProperty("invalidationsReceived", Long.toString(status.invalidationsReceived()));
            summary.setProperty("announcementsSent", Long.toString(status.announcementsSent()));
            summary.setProperty("connected", Boolean.toString(status.connected()));
        }
    }
}
