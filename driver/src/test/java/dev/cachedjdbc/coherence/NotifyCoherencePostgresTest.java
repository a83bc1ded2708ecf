package dev.cachedjdbc.coherence;

import static dev.cachedjdbc.coherence.FeedProbes.coherence;
import static dev.cachedjdbc.coherence.FeedProbes.suspended;
import static dev.cachedjdbc.coherence.FeedProbes.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.cachedjdbc.driver.CacheControl;
import dev.cachedjdbc.runtime.CacheRuntime;
import dev.cachedjdbc.testing.CountingDriver;
import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances of an application on one PostgreSQL database, each with its own runtime (its own table versions,
 * caches and change feed), as two JVMs would have: a write committed through one is heard by the other within
 * cache.maxStaleness, a rolled-back one is not announced, and the other serves no hit it cannot prove fresh.
 * Needs the PostgreSQL server of {@link TestDatabases}.
 */
class NotifyCoherencePostgresTest {

    private static final Duration BOUND = Duration.ofMillis(500);
    private static final String TABLE = "coh_notify_item";
    private static final String READ = "select name from " + TABLE + " where id = 1";

    private CacheRuntime first;
    private CacheRuntime second;

    @BeforeAll
    static void createTable() throws SQLException {
        TestDatabases.assumePostgres();
        CountingDriver.register();
        try (Connection connection = TestDatabases.postgres(); Statement statement = connection.createStatement()) {
            statement.execute("drop table if exists " + TABLE);
            statement.execute("create table " + TABLE + " (id int primary key, name text, qty int default 0)");
            statement.execute("insert into " + TABLE + " values (1, 'apple'), (2, 'pear')");
        }
    }

    @BeforeEach
    void startInstances() throws SQLException {
        try (Connection connection = TestDatabases.postgres(); Statement statement = connection.createStatement()) {
            statement.execute("update " + TABLE + " set name = 'apple', qty = 0 where id = 1");
            statement.execute("update " + TABLE + " set name = 'pear', qty = 0 where id = 2");
        }
        first = new CacheRuntime(Ticker.systemTicker());
        second = new CacheRuntime(Ticker.systemTicker());
        CountingDriver.reset();
    }

    @AfterEach
    void stopInstances() {
        CountingDriver.refuseConnections(false);
        CountingDriver.refuseConnectionsWith(null, null);
        first.close();
        second.close();
    }

    private static Connection open(CacheRuntime instance) throws SQLException {
        Properties properties = TestDatabases.postgresCredentials();
        properties.setProperty("cache.coherence", "notify");
        properties.setProperty("cache.maxStaleness", BOUND.toMillis() + "ms");
        return instance.connect("jdbc:cached:counting:" + TestDatabases.PG_URL.substring("jdbc:".length()), properties);
    }

    private static String read(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(READ)) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }

    /** Reads twice, the second time from the cache. */
    private static void warm(Connection connection) throws SQLException {
        read(connection);
        long hits = statistics(connection).hits();
        read(connection);
        assertThat(statistics(connection).hits()).as("the second read is a hit").isEqualTo(hits + 1);
    }

    private static dev.cachedjdbc.driver.CacheStatistics statistics(Connection connection) throws SQLException {
        return connection.unwrap(CacheControl.class).statistics();
    }

    /** How long until the other instance's read returns the new value, read again and again. */
    private static Duration untilRead(Connection connection, String expected, long since) throws SQLException {
        long deadline = since + Duration.ofSeconds(10).toNanos();
        while (!read(connection).equals(expected)) {
            assertThat(System.nanoTime()).as("the new value is read before long").isLessThan(deadline);
        }
        return Duration.ofNanos(System.nanoTime() - since);
    }

    @Test
    void aTransactionCommittedThroughOneInstanceIsHeardByTheOtherWithinTheBound() throws Exception {
        try (Connection writer = open(first); Connection reader = open(second)) {
            warm(reader);
            writer.setAutoCommit(false);
            try (Statement statement = writer.createStatement()) {
                statement.executeUpdate("update " + TABLE + " set name = 'apricot' where id = 1");
            }
            writer.commit();
            long committed = System.nanoTime();

            assertThat(untilRead(reader, "apricot", committed)).isLessThanOrEqualTo(BOUND);
            assertThat(coherence(reader).invalidationsReceived()).isPositive();
            assertThat(coherence(writer).announcementsSent()).isPositive();
        }
    }

    @Test
    void anAutocommitWriteThroughOneInstanceIsHeardByTheOtherWithinTheBound() throws Exception {
        try (Connection writer = open(first); Connection reader = open(second)) {
            warm(reader);
            try (Statement statement = writer.createStatement()) {
                statement.executeUpdate("update " + TABLE + " set name = 'avocado' where id = 1");
            }
            long committed = System.nanoTime();

            assertThat(untilRead(reader, "avocado", committed)).isLessThanOrEqualTo(BOUND);
        }
    }

    @Test
    void aRolledBackTransactionIsNotAnnounced() throws Exception {
        try (Connection writer = open(first); Connection reader = open(second)) {
            warm(reader);
            long announcedBefore = coherence(writer).announcementsSent();
            long heardBefore = coherence(reader).invalidationsReceived();
            writer.setAutoCommit(false);
            try (Statement statement = writer.createStatement()) {
                statement.executeUpdate("update " + TABLE + " set name = 'almond' where id = 1");
            }
            writer.rollback();
            waitFor(() -> proofAge(reader) >= 0 && proofAge(reader) < BOUND.toMillis() / 2, "a fresh proof");
            Thread.sleep(BOUND.toMillis());

            assertThat(coherence(writer).announcementsSent()).isEqualTo(announcedBefore);
            assertThat(coherence(reader).invalidationsReceived()).isEqualTo(heardBefore);
            long hits = statistics(reader).hits();
            assertThat(read(reader)).isEqualTo("apple");
            assertThat(statistics(reader).hits()).as("the cached result stays").isEqualTo(hits + 1);
        }
    }

    /**
     * Rows are announced by their key: the other instance takes such a write as one of those keys for reads by the
     * key, and as one of any row for reads by other columns.
     */
    @Test
    void aWriteByKeyHeardFromTheOtherInstanceReachesReadsByAnotherColumnAndLeavesReadsOfOtherKeys() throws Exception {
        String byName = "select count(*) from " + TABLE + " where name = 'apple'";
        String otherKey = "select name from " + TABLE + " where id = 2";
        try (Connection writer = open(first); Connection reader = open(second)) {
            assertThat(warmSingle(reader, byName)).isEqualTo("1");
            warmSingle(reader, otherKey);
            try (Statement statement = writer.createStatement()) {
                statement.executeUpdate("update " + TABLE + " set name = 'apricot' where id = 1");
            }
            long committed = System.nanoTime();

            assertThat(untilSingle(reader, byName, "0", committed)).isLessThanOrEqualTo(BOUND);
            long hits = statistics(reader).hits();
            assertThat(single(reader, otherKey)).isEqualTo("pear");
            assertThat(statistics(reader).hits()).as("key 2 stays cached").isEqualTo(hits + 1);
        }
    }

    @Test
    void aWriteByAnotherColumnHeardFromTheOtherInstanceReachesReadsByKey() throws Exception {
        String otherKey = "select qty from " + TABLE + " where id = 2";
        try (Connection writer = open(first); Connection reader = open(second)) {
            assertThat(warmSingle(reader, otherKey)).isEqualTo("0");
            try (Statement statement = writer.createStatement()) {
                statement.executeUpdate("update " + TABLE + " set qty = 5 where name = 'pear'");
            }
            long committed = System.nanoTime();

            assertThat(untilSingle(reader, otherKey, "5", committed)).isLessThanOrEqualTo(BOUND);
        }
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }

    /** Reads twice, the second time from the cache, and returns what it read. */
    private static String warmSingle(Connection connection, String sql) throws SQLException {
        String value = single(connection, sql);
        long hits = statistics(connection).hits();
        assertThat(single(connection, sql)).isEqualTo(value);
        assertThat(statistics(connection).hits()).as("the second read is a hit").isEqualTo(hits + 1);
        return value;
    }

    private static Duration untilSingle(Connection connection, String sql, String expected, long since)
            throws SQLException {
        long deadline = since + Duration.ofSeconds(10).toNanos();
        while (!single(connection, sql).equals(expected)) {
            assertThat(System.nanoTime()).as("the new value is read before long").isLessThan(deadline);
        }
        return Duration.ofNanos(System.nanoTime() - since);
    }

    @Test
    void withTheChannelDownHitsStopWithinTheBoundAndResumeAfterReconnecting() throws Exception {
        try (Connection reader = open(second)) {
            warm(reader);
            CountingDriver.refuseConnections(true);
            long downSince = System.nanoTime();
            terminateFeedConnections();

            waitFor(() -> {
                readQuietly(reader);
                return suspended(reader);
            }, "hits suspended");
            assertThat(Duration.ofNanos(System.nanoTime() - downSince))
                    .as("hits stop within the bound of the last proof").isLessThanOrEqualTo(BOUND.plusMillis(150));
            int executions = CountingDriver.executions(READ);
            read(reader);
            assertThat(CountingDriver.executions(READ)).as("a suspended read goes to the database").isEqualTo(executions + 1);
            assertThat(coherence(reader).suspendedReads()).isPositive();
            assertThat(reader.unwrap(CacheControl.class).explain(READ)).contains("hits suspended now");

            CountingDriver.refuseConnections(false);
            waitFor(() -> {
                readQuietly(reader);
                return !suspended(reader);
            }, "hits served again");
            read(reader);
            long hits = statistics(reader).hits();
            read(reader);
            assertThat(statistics(reader).hits()).as("hits again after reconnecting").isEqualTo(hits + 1);
            assertThat(reader.unwrap(CacheControl.class).explain(READ)).contains("heard within cache.maxStaleness");
        }
    }

    @Test
    void aConnectionIsNotHeldUpByAFeedThatCannotConnect() throws Exception {
        CountingDriver.refuseConnectionsWith("ApplicationName", "cached-jdbc change feed");
        long opening = System.nanoTime();
        try (Connection reader = open(first)) {
            assertThat(Duration.ofNanos(System.nanoTime() - opening)).as("opening the connection")
                    .isLessThan(BOUND.dividedBy(2));
            assertThat(coherence(reader).connected()).isFalse();
            int executions = CountingDriver.executions(READ);
            read(reader);
            read(reader);
            assertThat(CountingDriver.executions(READ)).as("without a proof every read goes to the database")
                    .isEqualTo(executions + 2);
        }
    }

    private static void terminateFeedConnections() throws SQLException {
        try (Connection connection = TestDatabases.postgres(); Statement statement = connection.createStatement()) {
            statement.execute("select pg_terminate_backend(pid) from pg_stat_activity"
                    + " where application_name = 'cached-jdbc change feed'");
        }
    }

    private static void readQuietly(Connection connection) {
        try {
            read(connection);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static long proofAge(Connection connection) {
        try {
            return coherence(connection).proofAgeMillis();
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
