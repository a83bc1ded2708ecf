package dev.cachedjdbc.conformance.soak;

import com.zaxxer.hikari.HikariDataSource;
import dev.cachedjdbc.driver.CacheControl;
import dev.cachedjdbc.driver.CacheStatistics;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Writers and readers on one small hot table for a fixed time, through HikariCP pools. Every row carries a version
 * that only grows; each reader takes the committed versions before its read begins and counts every value it reads
 * below them as a stale read.
 *
 * <p>Half the writers run one UPDATE in autocommit, the other half run transactions of one to three UPDATEs, a
 * quarter of which they roll back. Half the readers read in autocommit, the other half in read-only transactions
 * of three reads. Reads alternate between the whole table through a {@link Statement} and one row through a
 * {@link PreparedStatement}, so several cache keys depend on the same table.
 *
 * <p>Readers always go through the caching driver. Writers do too, unless the run is told to write around it: then
 * the driver cannot invalidate, and the checker has to report the stale reads that the cache serves.
 *
 * <p>A {@link Disruption} may strike throughout the run; statements that fail on connections it hit are counted by
 * the kind of exception, and a failure on a connection it did not hit is counted apart.
 */
public final class FreshnessSoak {

    static final int ROWS = 4;
    private static final int AUTOCOMMIT_WRITERS = 2;
    private static final int TRANSACTIONAL_WRITERS = 2;
    private static final int READERS = 6;
    private static final int READS_PER_READ_ONLY_TRANSACTION = 3;
    private static final double ROLLBACK_SHARE = 0.25;
    private static final long MAX_WRITER_PAUSE_NANOS = Duration.ofMillis(20).toNanos();

    private final SoakDatabase database;
    private final String table;
    private final boolean writesBypassDriver;
    private final CommittedVersions versions = new CommittedVersions(ROWS);

    private final LongAdder reads = new LongAdder();
    private final LongAdder commits = new LongAdder();
    private final LongAdder rollbacks = new LongAdder();
    private final LongAdder writerErrors = new LongAdder();
    private final LongAdder staleReads = new LongAdder();
    private final LongAdder rolledBackValuesRead = new LongAdder();
    private final AtomicReference<String> firstStaleRead = new AtomicReference<>();
    private final AtomicReference<Throwable> unexpected = new AtomicReference<>();
    private final ConcurrentHashMap<String, LongAdder> failureKinds = new ConcurrentHashMap<>();
    private final LongAdder failuresOnConnectionsNotHit = new LongAdder();
    private final AtomicReference<SQLException> firstFailureNotHit = new AtomicReference<>();
    private final LongAdder strikes = new LongAdder();

    private Disruption disruption;
    private volatile long deadline;

    /**
     * @param table              the hot table, created and dropped by {@link #run}
     * @param writesBypassDriver whether writers use the plain driver, so that the cache cannot learn of their writes
     */
    public FreshnessSoak(SoakDatabase database, String table, boolean writesBypassDriver) {
        this.database = database;
        this.table = table;
        this.writesBypassDriver = writesBypassDriver;
    }

    public FreshnessSoak disruptedBy(Disruption fault) {
        disruption = fault;
        return this;
    }

    public SoakOutcome run(Duration duration) throws Exception {
        // DDL through the driver, so that it reads the catalog again and knows the new table.
        try (Connection ddl = DriverManager.getConnection(database.cachedUrl(), database.credentials());
             Statement statement = ddl.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + table);
            statement.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, version BIGINT NOT NULL)");
            for (int row = 0; row < ROWS; row++) {
                statement.executeUpdate("INSERT INTO " + table + " (id, version) VALUES (" + row + ", 0)");
            }
        }
        int writers = AUTOCOMMIT_WRITERS + TRANSACTIONAL_WRITERS;
        try (HikariDataSource readPool = database.cachedPool("sk_soak_readers", READERS);
             HikariDataSource writePool = writesBypassDriver
                     ? database.plainPool("sk_soak_plain_writers", writers)
                     : database.cachedPool("sk_soak_writers", writers)) {
            CacheStatistics before = statistics(readPool);
            long start = System.nanoTime();
            deadline = start + duration.toNanos();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                boolean transactional = i >= AUTOCOMMIT_WRITERS;
                threads.add(start("sk-soak-writer-" + i, () -> write(writePool, transactional)));
            }
            for (int i = 0; i < READERS; i++) {
                boolean inTransactions = i % 2 == 1;
                threads.add(start("sk-soak-reader-" + i, () -> read(readPool, inTransactions)));
            }
            if (disruption != null) {
                threads.add(start("sk-soak-disruption", this::disrupt));
            }
            long joinDeadline = deadline + Duration.ofSeconds(60).toNanos();
            for (Thread thread : threads) {
                thread.join(Math.max(1, (joinDeadline - System.nanoTime()) / 1_000_000));
                if (thread.isAlive()) {
                    throw new AssertionError(thread.getName() + " still runs a minute after the soak ended");
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            CacheStatistics after = statistics(readPool);
            if (unexpected.get() != null) {
                throw new AssertionError("a soak thread failed", unexpected.get());
            }
            Map<String, Long> failures = new TreeMap<>();
            failureKinds.forEach((kind, count) -> failures.put(kind, count.sum()));
            return new SoakOutcome(database.name(), writesBypassDriver ? "around the driver" : "through the driver",
                    seconds, writers, READERS, reads.sum(), after.hits() - before.hits(),
                    after.misses() - before.misses(), commits.sum(), rollbacks.sum(), writerErrors.sum(),
                    staleReads.sum(), rolledBackValuesRead.sum(), firstStaleRead.get(),
                    finalReadIsCurrent(readPool), disruption == null ? null : new SoakOutcome.Disrupted(
                            strikes.sum(), failures, failuresOnConnectionsNotHit.sum(), firstFailureNotHit.get()));
        } finally {
            try (Connection ddl = DriverManager.getConnection(database.cachedUrl(), database.credentials());
                 Statement statement = ddl.createStatement()) {
                statement.execute("DROP TABLE IF EXISTS " + table);
            }
        }
    }

    private Thread start(String name, ThrowingRunnable body) {
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable failure) {
                unexpected.compareAndSet(null, failure);
            }
        }, name);
        thread.start();
        return thread;
    }

    private boolean running() {
        return System.nanoTime() < deadline && unexpected.get() == null;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Writers

    private void write(HikariDataSource pool, boolean transactional) throws SQLException {
        String update = "UPDATE " + table + " SET version = ? WHERE id = ? AND version < ?";
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (running()) {
            try (Connection connection = pool.getConnection()) {
                Object victimKey = disruption == null ? null : disruption.victimKey(connection);
                try (PreparedStatement statement = connection.prepareStatement(update)) {
                    if (transactional) {
                        writeTransaction(connection, statement, random);
                    } else {
                        int row = random.nextInt(ROWS);
                        long version = versions.allocate(row);
                        if (setVersion(statement, row, version)) {
                            versions.committed(row, version);
                        }
                        commits.increment();
                    }
                } catch (SQLException e) {
                    // Lock timeouts and the like: the write did not happen, or its outcome is unknown and not claimed.
                    writerErrors.increment();
                    if (disruption != null) {
                        recordFailure(victimKey, e);
                    }
                }
            }
            LockSupport.parkNanos(random.nextLong(MAX_WRITER_PAUSE_NANOS));
        }
    }

    private void writeTransaction(Connection connection, PreparedStatement statement, ThreadLocalRandom random)
            throws SQLException {
        connection.setAutoCommit(false);
        // Rows in ascending order, so that two transactions never wait for each other's locks in a cycle.
        int first = random.nextInt(ROWS);
        int last = Math.min(ROWS - 1, first + random.nextInt(3));
        List<long[]> written = new ArrayList<>();
        for (int row = first; row <= last; row++) {
            long version = versions.allocate(row);
            if (setVersion(statement, row, version)) {
                written.add(new long[] {row, version});
            }
        }
        if (random.nextDouble() < ROLLBACK_SHARE) {
            connection.rollback();
            written.forEach(rowAndVersion -> versions.rolledBack((int) rowAndVersion[0], rowAndVersion[1]));
            rollbacks.increment();
        } else {
            connection.commit();
            written.forEach(rowAndVersion -> versions.committed((int) rowAndVersion[0], rowAndVersion[1]));
            commits.increment();
        }
    }

    /** True when the row took the version; false when a larger one was written first. */
    private static boolean setVersion(PreparedStatement statement, int row, long version) throws SQLException {
        statement.setLong(1, version);
        statement.setInt(2, row);
        statement.setLong(3, version);
        return statement.executeUpdate() == 1;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Readers

    private void read(HikariDataSource pool, boolean inTransactions) throws SQLException {
        String wholeTable = "SELECT id, version FROM " + table + " ORDER BY id";
        String oneRow = "SELECT version FROM " + table + " WHERE id = ?";
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (running()) {
            try (Connection connection = pool.getConnection()) {
                Object victimKey = disruption == null ? null : disruption.victimKey(connection);
                try (Statement statement = connection.createStatement();
                     PreparedStatement prepared = connection.prepareStatement(oneRow)) {
                    connection.setAutoCommit(!inTransactions);
                    int readsNow = inTransactions ? READS_PER_READ_ONLY_TRANSACTION : 1;
                    for (int i = 0; i < readsNow; i++) {
                        if (random.nextBoolean()) {
                            readWholeTable(statement, wholeTable);
                        } else {
                            readOneRow(prepared, random.nextInt(ROWS));
                        }
                    }
                    if (inTransactions) {
                        connection.commit();
                    }
                } catch (SQLException e) {
                    if (disruption == null) {
                        throw e;
                    }
                    recordFailure(victimKey, e);
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Disruption

    private void disrupt() throws Exception {
        while (running()) {
            LockSupport.parkNanos(disruption.interval().toNanos());
            if (running() && disruption.strike()) {
                strikes.increment();
            }
        }
    }

    private void recordFailure(Object victimKey, SQLException failure) {
        failureKinds.computeIfAbsent(failure.getClass().getName() + " SQLState " + failure.getSQLState(),
                kind -> new LongAdder()).increment();
        if (!disruption.hit(victimKey)) {
            failuresOnConnectionsNotHit.increment();
            firstFailureNotHit.compareAndSet(null, failure);
        }
    }

    /** After the run: the whole table read through the cache is what the database holds. */
    private boolean finalReadIsCurrent(HikariDataSource cachedPool) throws SQLException {
        String sql = "SELECT id, version FROM " + table + " ORDER BY id";
        try (Connection cached = cachedPool.getConnection();
             Connection plain = DriverManager.getConnection(database.plainUrl(), database.credentials())) {
            return rows(cached, sql).equals(rows(plain, sql));
        }
    }

    private static List<Long> rows(Connection connection, String sql) throws SQLException {
        List<Long> versionsRead = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                versionsRead.add(rows.getLong(2));
            }
        }
        return versionsRead;
    }

    private void readWholeTable(Statement statement, String sql) throws SQLException {
        long[] floor = versions.snapshot();
        StringBuilder staleRows = new StringBuilder();
        boolean rolledBackValue = false;
        try (ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                int row = rows.getInt(1);
                long version = rows.getLong(2);
                if (version < floor[row]) {
                    staleRows.append(staleRows.isEmpty() ? "" : ", ").append(staleRow(row, version, floor));
                }
                rolledBackValue |= versions.wasRolledBack(row, version);
            }
        }
        record(staleRows.isEmpty() ? null : staleRows.toString(), rolledBackValue);
    }

    private void readOneRow(PreparedStatement statement, int row) throws SQLException {
        long[] floor = versions.snapshot();
        statement.setInt(1, row);
        try (ResultSet rows = statement.executeQuery()) {
            if (!rows.next()) {
                throw new AssertionError("row " + row + " of " + table + " is missing");
            }
            long version = rows.getLong(1);
            record(version < floor[row] ? staleRow(row, version, floor) : null, versions.wasRolledBack(row, version));
        }
    }

    /** Counts one read; a read with several stale rows is one stale read. */
    private void record(String staleness, boolean rolledBackValue) {
        reads.increment();
        if (staleness != null) {
            staleReads.increment();
            firstStaleRead.compareAndSet(null, staleness);
        }
        if (rolledBackValue) {
            rolledBackValuesRead.increment();
        }
    }

    private static String staleRow(int row, long version, long[] floor) {
        return "row " + row + " read as version " + version + " after version " + floor[row] + " had committed";
    }

    private static CacheStatistics statistics(HikariDataSource pool) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            return connection.unwrap(CacheControl.class).statistics();
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
