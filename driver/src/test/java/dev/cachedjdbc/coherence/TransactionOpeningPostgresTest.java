package dev.cachedjdbc.coherence;

import static dev.cachedjdbc.coherence.FeedProbes.coherence;
import static dev.cachedjdbc.coherence.FeedProbes.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.cachedjdbc.runtime.CacheRuntime;
import dev.cachedjdbc.testing.CountingDriver;
import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * A transaction's writes are opened on the change channel before its commit and closed after it (see
 * {@code PostgresNotifyFeed}): two instances of an application on one PostgreSQL database, each with its own runtime,
 * as two JVMs would have. The writer's commit is held at the database's door ({@link CountingDriver#beforeCommit}) to
 * see what the other instance does between the opening and the commit. Needs the PostgreSQL server of
 * {@link TestDatabases}.
 */
class TransactionOpeningPostgresTest {

    private static final Duration BOUND = Duration.ofMillis(500);
    private static final String TABLE = "coh_opening_item";
    private static final String READ = "select name from " + TABLE + " where id = 1";
    private static final String SENDER = "cached-jdbc change sender";
    /** Concurrent writers in the tests of the server's notification lock. */
    private static final int WRITERS = 8;

    private CacheRuntime first;
    private CacheRuntime second;
    private ExecutorService committer;
    /** Opens when the commit held by {@link #holdNextCommit} has reached the database's door. */
    private final CountDownLatch heldAtCommit = new CountDownLatch(1);
    private final CountDownLatch releaseCommit = new CountDownLatch(1);

    @BeforeAll
    static void createTable() throws SQLException {
        TestDatabases.assumePostgres();
        CountingDriver.register();
        try (Connection connection = TestDatabases.postgres(); Statement statement = connection.createStatement()) {
            statement.execute("drop table if exists " + TABLE);
            statement.execute("create table " + TABLE + " (id int primary key, name text)");
            statement.execute("insert into " + TABLE + " values (1, 'apple'), (2, 'pear')");
        }
    }

    @BeforeEach
    void startInstances() throws SQLException {
        try (Connection connection = TestDatabases.postgres(); Statement statement = connection.createStatement()) {
            statement.execute("update " + TABLE + " set name = 'apple' where id = 1");
        }
        first = new CacheRuntime(Ticker.systemTicker());
        second = new CacheRuntime(Ticker.systemTicker());
        committer = Executors.newSingleThreadExecutor();
        CountingDriver.reset();
    }

    @AfterEach
    void stopInstances() throws InterruptedException {
        CountingDriver.reset();
        committer.shutdownNow();
        committer.awaitTermination(10, TimeUnit.SECONDS);
        first.close();
        second.close();
    }

    static Connection open(CacheRuntime instance) throws SQLException {
        return open(instance, TestDatabases.PG_URL);
    }

    /** A caching connection with notify and the test's bound, counted, to the database of this plain URL. */
    static Connection open(CacheRuntime instance, String plainUrl) throws SQLException {
        Properties properties = TestDatabases.postgresCredentials();
        properties.setProperty("cache.coherence", "notify");
        properties.setProperty("cache.maxStaleness", BOUND.toMillis() + "ms");
        return instance.connect("jdbc:cached:counting:" + plainUrl.substring("jdbc:".length()), properties);
    }

    private static String read(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(READ)) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }

    /** Whether a read is a hit (it is read twice, the second time from the cache) within this time; read again until. */
    private static boolean hitWithin(Connection connection, Duration atMost) throws Exception {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            read(connection);
            int executions = CountingDriver.executions(READ);
            read(connection);
            if (CountingDriver.executions(READ) == executions) {
                return true;
            }
            Thread.sleep(5);
        }
        return false;
    }

    /** How many of the next reads went to the database. */
    private static int readsSentToTheDatabase(Connection connection, int reads) throws SQLException {
        int executions = CountingDriver.executions(READ);
        for (int i = 0; i < reads; i++) {
            read(connection);
        }
        return CountingDriver.executions(READ) - executions;
    }

    /** Announcements a transaction made inside itself: the writer's connection sends them, guarded for standbys. */
    static int announcementsInsideTransactions() {
        return CountingDriver.executionsWhere(text -> text.contains("pg_notify")
                && text.endsWith("WHERE NOT pg_catalog.pg_is_in_recovery()"));
    }

    private static void update(Connection writer, int id, String name) throws SQLException {
        try (Statement statement = writer.createStatement()) {
            statement.executeUpdate("update " + TABLE + " set name = '" + name + "' where id = " + id);
        }
    }

    /**
     * Commits transactions that write row 2 until one is opened before its commit rather than announced inside: the
     * first finds no sending connection, and the feed's thread opens one for those that follow.
     */
    static void untilTransactionsAreOpened(Connection writer, Runnable write) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            int inside = announcementsInsideTransactions();
            write.run();
            writer.commit();
            if (announcementsInsideTransactions() == inside) {
                return;
            }
            assertThat(System.nanoTime()).as("a transaction opened before its commit").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private void untilOpened(Connection writer) throws Exception {
        untilTransactionsAreOpened(writer, () -> {
            try {
                update(writer, 2, "pear");
            } catch (SQLException e) {
                throw new AssertionError(e);
            }
        });
    }

    /** Holds the next commit that reaches the database until {@link #releaseCommit} opens. */
    private void holdNextCommit() {
        CountingDriver.beforeCommit(() -> {
            if (heldAtCommit.getCount() > 0) {
                heldAtCommit.countDown();
                try {
                    releaseCommit.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
    }

    private Future<?> commitInBackground(Connection writer) {
        return committer.submit(() -> {
            writer.commit();
            return null;
        });
    }

    @Test
    void theOpeningIsHeardBeforeTheCommitAndKeepsTheOtherInstanceFromFillingUntilTheClosing() throws Exception {
        try (Connection writer = open(first); Connection reader = open(second)) {
            writer.setAutoCommit(false);
            untilOpened(writer);
            assertThat(hitWithin(reader, Duration.ofSeconds(5))).as("the reader's result is cached").isTrue();
            int inside = announcementsInsideTransactions();

            update(writer, 1, "apricot");
            holdNextCommit();
            Future<?> commit = commitInBackground(writer);
            assertThat(heldAtCommit.await(10, TimeUnit.SECONDS)).isTrue();

            // The transaction has not committed: only its opening can have reached the reader.
            waitFor(() -> readsQuietly(reader) > 0, "the reader to hear the opening before the commit");
            assertThat(read(reader)).as("not committed yet").isEqualTo("apple");
            assertThat(readsSentToTheDatabase(reader, 3)).as("no read fills while the write is open").isEqualTo(3);

            releaseCommit.countDown();
            commit.get(10, TimeUnit.SECONDS);
            long committed = System.nanoTime();
            assertThat(announcementsInsideTransactions()).as("nothing announced inside the transaction")
                    .isEqualTo(inside);
            while (!read(reader).equals("apricot")) {
                assertThat(Duration.ofNanos(System.nanoTime() - committed)).isLessThanOrEqualTo(BOUND);
            }
            assertThat(hitWithin(reader, BOUND)).as("the closing releases the write: reads fill and hit again")
                    .isTrue();
            assertThat(read(reader)).isEqualTo("apricot");
        }
    }

    @Test
    void aWriteWhoseClosingNeverComesStaysClosedToFillsUntilTheTimeoutAndIsThenInvalidated() throws Exception {
        try (Connection writer = open(first); Connection reader = open(second)) {
            writer.setAutoCommit(false);
            untilOpened(writer);
            assertThat(hitWithin(reader, Duration.ofSeconds(5))).as("the reader's result is cached").isTrue();
            long expiredBefore = coherence(reader).remoteWritesExpired();

            update(writer, 1, "apricot");
            holdNextCommit();
            long opening = System.nanoTime();
            Future<?> commit = commitInBackground(writer);
            assertThat(heldAtCommit.await(10, TimeUnit.SECONDS)).isTrue();
            waitFor(() -> readsQuietly(reader) > 0, "the reader to hear the opening");
            // The writer's instance stops between its commit and its closing, as a JVM that dies there would.
            first.close();
            releaseCommit.countDown();
            commit.get(10, TimeUnit.SECONDS);

            assertThat(read(reader)).isEqualTo("apricot");
            Thread.sleep(Duration.ofSeconds(5).toMillis());
            assertThat(readsSentToTheDatabase(reader, 3)).as("still no fill, seconds after the commit").isEqualTo(3);
            assertThat(hitWithin(reader, Duration.ofSeconds(20))).as("released after the timeout").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - opening)).as("not released before the timeout")
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(10));
            assertThat(read(reader)).isEqualTo("apricot");
            assertThat(coherence(reader).remoteWritesExpired()).isEqualTo(expiredBefore + 1);
        }
    }

    @Test
    void withoutASendingConnectionATransactionAnnouncesItselfInsideAndIsHeardWithinTheBound() throws Exception {
        CountingDriver.refuseConnectionsWith("ApplicationName", SENDER);
        try (Connection writer = open(first); Connection reader = open(second)) {
            writer.setAutoCommit(false);
            for (int i = 0; i < 3; i++) {
                update(writer, 2, "pear");
                writer.commit();
                Thread.sleep(50);
            }
            assertThat(hitWithin(reader, Duration.ofSeconds(5))).as("the reader's result is cached").isTrue();
            int inside = announcementsInsideTransactions();

            update(writer, 1, "apricot");
            holdNextCommit();
            Future<?> commit = commitInBackground(writer);
            assertThat(heldAtCommit.await(10, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(BOUND.toMillis());
            assertThat(readsSentToTheDatabase(reader, 2)).as("nothing is heard before the commit").isZero();
            releaseCommit.countDown();
            commit.get(10, TimeUnit.SECONDS);
            long committed = System.nanoTime();

            assertThat(announcementsInsideTransactions()).as("announced inside the transaction").isEqualTo(inside + 1);
            while (!read(reader).equals("apricot")) {
                assertThat(Duration.ofNanos(System.nanoTime() - committed)).isLessThanOrEqualTo(BOUND);
            }
        }
    }

    @Test
    void whenTheSendingConnectionFailsTheTransactionAnnouncesItselfInsideAndIsHeardWithinTheBound() throws Exception {
        try (Connection writer = open(first); Connection reader = open(second)) {
            writer.setAutoCommit(false);
            untilOpened(writer);
            assertThat(hitWithin(reader, Duration.ofSeconds(5))).as("the reader's result is cached").isTrue();
            terminateSendingConnections();
            int inside = announcementsInsideTransactions();

            update(writer, 1, "apricot");
            writer.commit();
            long committed = System.nanoTime();

            assertThat(announcementsInsideTransactions()).as("announced inside the transaction").isEqualTo(inside + 1);
            while (!read(reader).equals("apricot")) {
                assertThat(Duration.ofNanos(System.nanoTime() - committed)).isLessThanOrEqualTo(BOUND);
            }
            assertThat(hitWithin(reader, Duration.ofSeconds(2))).as("no write is left open on the reader").isTrue();
            untilOpened(writer);
        }
    }

    private static void terminateSendingConnections() throws SQLException {
        try (Connection connection = TestDatabases.postgres(); Statement statement = connection.createStatement()) {
            statement.execute("select pg_terminate_backend(pid) from pg_stat_activity"
                    + " where application_name = '" + SENDER + "' and datname = current_database()");
        }
    }

    private static int readsQuietly(Connection reader) {
        try {
            return readsSentToTheDatabase(reader, 1);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void concurrentWritingTransactionsDoNotHoldTheServersNotificationLockThroughTheirCommits() throws Exception {
        LockWatch watch = writeConcurrently(Duration.ofSeconds(3), false);

        assertThat(watch.samples).as("pg_locks was looked at while the writers committed").isGreaterThan(50);
        assertThat(watch.committed).as("transactions committed").isGreaterThan(WRITERS * 10);
        assertThat(watch.announcedInside).as("transactions announced inside themselves").isZero();
        assertThat(watch.samplesWithTheLock).as("samples where a writer held or awaited the lock of pg_database")
                .isZero();
    }

    /** The other side of the test above: it shows that watching pg_locks so sees the lock when writers take it. */
    @Test
    void transactionsThatAnnounceThemselvesInsideHoldTheServersNotificationLockThroughTheirCommits() throws Exception {
        CountingDriver.refuseConnectionsWith("ApplicationName", SENDER);

        LockWatch watch = writeConcurrently(Duration.ofSeconds(10), true);

        assertThat(watch.announcedInside).as("transactions announced inside themselves").isPositive();
        assertThat(watch.samplesWithTheLock).as("samples where a writer held or awaited the lock of pg_database")
                .isPositive();
    }

    /** What watching pg_locks saw while writers committed concurrently. */
    private static final class LockWatch {
        private volatile int samples;
        private volatile int samplesWithTheLock;
        private volatile int committed;
        private volatile int announcedInside;
    }

    /**
     * {@link #WRITERS} connections of one instance commit one-row updates, each its own row, for this long (or, when
     * {@code untilLockSeen}, until a sample shows the lock), while a plain connection samples pg_locks for the object
     * lock of pg_database (the lock PostgreSQL takes to commit notifications in order) held or awaited by their
     * backends.
     */
    private LockWatch writeConcurrently(Duration atMost, boolean untilLockSeen) throws Exception {
        try (Connection setup = TestDatabases.postgres(); Statement statement = setup.createStatement()) {
            statement.execute("insert into " + TABLE + " select g, 'row' from generate_series(101, " + (100 + WRITERS)
                    + ") g on conflict (id) do nothing");
        }
        LockWatch watch = new LockWatch();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        Connection[] connections = new Connection[WRITERS];
        try (Connection monitor = TestDatabases.postgres()) {
            Integer[] pids = new Integer[WRITERS];
            for (int i = 0; i < WRITERS; i++) {
                connections[i] = open(first);
                connections[i].setAutoCommit(false);
                pids[i] = connections[i].unwrap(PGConnection.class).getBackendPID();
            }
            if (!untilLockSeen) {
                Connection primed = connections[0];
                untilTransactionsAreOpened(primed, () -> {
                    try {
                        update(primed, 101, "primed");
                    } catch (SQLException e) {
                        throw new AssertionError(e);
                    }
                });
            }
            int insideBefore = announcementsInsideTransactions();
            long deadline = System.nanoTime() + atMost.toNanos();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger committed = new AtomicInteger();
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                Connection writer = connections[i];
                int row = 101 + i;
                running.add(writers.submit(() -> {
                    for (int n = 0; !stop.get(); n++) {
                        update(writer, row, "v" + n);
                        writer.commit();
                        committed.incrementAndGet();
                    }
                    return null;
                }));
            }
            try (PreparedStatement sample = monitor.prepareStatement("select count(*) from pg_catalog.pg_locks"
                    + " where locktype = 'object' and classid = 'pg_catalog.pg_database'::pg_catalog.regclass"
                    + " and pid = any (?)")) {
                sample.setArray(1, monitor.createArrayOf("int4", pids));
                while (System.nanoTime() < deadline && !(untilLockSeen && watch.samplesWithTheLock > 0)) {
                    try (ResultSet rows = sample.executeQuery()) {
                        rows.next();
                        watch.samples++;
                        if (rows.getInt(1) > 0) {
                            watch.samplesWithTheLock++;
                        }
                    }
                }
            }
            stop.set(true);
            for (Future<?> writing : running) {
                writing.get(30, TimeUnit.SECONDS);
            }
            watch.committed = committed.get();
            watch.announcedInside = announcementsInsideTransactions() - insideBefore;
        } finally {
            writers.shutdownNow();
            for (Connection connection : connections) {
                if (connection != null) {
                    connection.close();
                }
            }
        }
        return watch;
    }
}
