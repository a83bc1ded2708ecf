package dev.cachedjdbc.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachedjdbc.result.CachedResultSet;
import dev.cachedjdbc.testing.CountingDriver;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The driver's promises, run against each database: repeated reads come from the cache, every write path
 * invalidates, transactions read their own writes and publish them at commit, concurrent misses load once, and
 * errors reach the caller as the database raised them. Subclasses name the database.
 *
 * <p>Every connection goes through {@link CountingDriver} ({@code jdbc:cached:counting:…}), so the tests count what
 * really reached the database.
 */
abstract class CachingContractTest {

    static final String READ_BY_ID = "select name, qty from drv_item where id = ?";
    static final String READ_ALL = "select id, name, qty from drv_item order by id";

    static {
        CountingDriver.register();
        CachedJdbcDriver.register();
    }

    private final List<Connection> opened = new ArrayList<>();

    /** The plain JDBC URL of the database under test, e.g. {@code jdbc:h2:mem:x}. */
    abstract String plainUrl();

    abstract Properties credentials();

    String cachedUrl() {
        return "jdbc:cached:counting:" + plainUrl().substring("jdbc:".length());
    }

    /** A caching connection; settings are given as name, value pairs of cache properties. */
    Connection cached(String... settings) throws SQLException {
        Properties properties = credentials();
        for (int i = 0; i < settings.length; i += 2) {
            properties.setProperty(settings[i], settings[i + 1]);
        }
        Connection connection = DriverManager.getConnection(cachedUrl(), properties);
        opened.add(connection);
        return connection;
    }

    Connection direct() throws SQLException {
        Connection connection = DriverManager.getConnection(plainUrl(), credentials());
        opened.add(connection);
        return connection;
    }

    @BeforeEach
    void createTables() throws SQLException {
        CountingDriver.reset();
        try (Connection connection = cached(); Statement statement = connection.createStatement()) {
            // Through the driver, so that entries left by earlier tests are invalidated with the tables.
            statement.execute("drop table if exists drv_child");
            statement.execute("drop table if exists drv_item");
            statement.execute("create table drv_item (id int primary key, name varchar(50), qty int)");
            statement.execute("create table drv_child (id int primary key, item_id int references drv_item(id)"
                    + " on delete cascade, note varchar(50))");
            statement.execute("insert into drv_item values (1, 'apple', 10), (2, 'pear', 20), (3, 'plum', 30)");
            statement.execute("insert into drv_child values (1, 1, 'first'), (2, 2, 'second')");
        }
        CountingDriver.reset();
    }

    @AfterEach
    void closeConnections() {
        CountingDriver.reset();
        for (Connection connection : opened) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the test may have closed or broken it on purpose
            }
        }
        opened.clear();
    }

    static String nameById(Connection connection, int id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(READ_BY_ID)) {
            statement.setInt(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    static CacheStatistics stats(Connection connection) throws SQLException {
        return connection.unwrap(CacheControl.class).statistics();
    }

    // ------------------------------------------------------------------------------------------------------------
    // Reads

    @Test
    void repeatedPreparedQueryReachesTheDatabaseOnce() throws SQLException {
        Connection connection = cached();
        long hitsBefore = stats(connection).hits();
        assertThat(nameById(connection, 1)).isEqualTo("apple");
        assertThat(nameById(connection, 1)).isEqualTo("apple");
        assertThat(nameById(connection, 1)).isEqualTo("apple");
        assertThat(CountingDriver.executions(READ_BY_ID)).isEqualTo(1);
        assertThat(stats(connection).hits() - hitsBefore).isEqualTo(2);
    }

    @Test
    void connectionOutsideAutocommitCachesAgainAfterDdlItCommitted() throws SQLException {
        Connection connection = cached();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("create table drv_later (v int)");
        }
        connection.commit();
        assertThat(nameById(connection, 2)).isEqualTo("pear");
        assertThat(nameById(connection, 2)).isEqualTo("pear");
        connection.commit();
        try (Statement statement = connection.createStatement()) {
            statement.execute("drop table drv_later");
        }
        connection.commit();
        assertThat(CountingDriver.executions(READ_BY_ID)).isEqualTo(1);
    }

    @Test
    void entriesAreSharedByEveryConnectionWithTheSameSettings() throws SQLException {
        assertThat(nameById(cached(), 2)).isEqualTo("pear");
        assertThat(nameById(cached(), 2)).isEqualTo("pear");
        assertThat(CountingDriver.executions(READ_BY_ID)).isEqualTo(1);
    }

    @Test
    void plainStatementQueriesAreCachedByText() throws SQLException {
        Connection connection = cached();
        for (int i = 0; i < 3; i++) {
            try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(READ_ALL)) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt("id")).isEqualTo(1);
            }
        }
        assertThat(CountingDriver.executions(READ_ALL)).isEqualTo(1);
    }

    @Test
    void executeThenGetResultSetIsServedFromTheCache() throws SQLException {
        Connection connection = cached();
        for (int i = 0; i < 2; i++) {
            try (PreparedStatement statement = connection.prepareStatement(READ_BY_ID)) {
                statement.setInt(1, 3);
                assertThat(statement.execute()).isTrue();
                try (ResultSet rows = statement.getResultSet()) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getString("name")).isEqualTo("plum");
                    assertThat(rows.getStatement()).isSameAs(statement);
                }
                assertThat(statement.getUpdateCount()).isEqualTo(-1);
                assertThat(statement.getMoreResults()).isFalse();
                assertThat(statement.getUpdateCount()).isEqualTo(-1);
            }
        }
        assertThat(CountingDriver.executions(READ_BY_ID)).isEqualTo(1);
    }

    @Test
    void differentParametersAndDifferentBindingsAreDifferentEntries() throws SQLException {
        Connection connection = cached();
        assertThat(nameById(connection, 1)).isEqualTo("apple");
        assertThat(nameById(connection, 2)).isEqualTo("pear");
        try (PreparedStatement statement = connection.prepareStatement(READ_BY_ID)) {
            statement.setLong(1, 1L);
            try (ResultSet rows = statement.executeQuery()) {
                assertThat(rows.next()).isTrue();
            }
        }
        assertThat(CountingDriver.executions(READ_BY_ID)).isEqualTo(3);
    }

    @Test
    void textsThatDifferOnlyInWhitespaceAndCommentsShareAnEntry() throws SQLException {
        Connection connection = cached();
        String first = "select name from drv_item where id = 1";
        String second = "select  name\n from drv_item /* the same */ where id = 1";
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery(first)) {
                assertThat(rows.next()).isTrue();
            }
            try (ResultSet rows = statement.executeQuery(second)) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("apple");
            }
        }
        assertThat(CountingDriver.executions(first)).isEqualTo(1);
        assertThat(CountingDriver.executions(second)).isZero();
    }

    @Test
    void maxRowsIsPartOfTheKey() throws SQLException {
        Connection connection = cached();
        try (Statement statement = connection.createStatement()) {
            statement.setMaxRows(1);
            assertThat(count(statement.executeQuery(READ_ALL))).isEqualTo(1);
            statement.setMaxRows(0);
            assertThat(count(statement.executeQuery(READ_ALL))).isEqualTo(3);
        }
    }

    static int count(ResultSet rows) throws SQLException {
        int n = 0;
        while (rows.next()) {
            n++;
        }
        rows.close();
        return n;
    }

    @Test
    void resultLargerThanTheRowLimitIsStreamedWholeAndNotCached() throws SQLException {
        Connection connection = cached("cache.maxResultRows", "2");
        for (int i = 0; i < 2; i++) {
            try (Statement statement = connection.createStatement()) {
                assertThat(count(statement.executeQuery(READ_ALL))).isEqualTo(3);
            }
        }
        assertThat(CountingDriver.executions(READ_ALL)).isEqualTo(2);
    }

    @Test
    void updatableResultSetsAreNeverCached() throws SQLException {
        Connection connection = cached();
        for (int i = 0; i < 2; i++) {
            try (Statement statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_UPDATABLE);
                 ResultSet rows = statement.executeQuery(READ_ALL)) {
                assertThat(rows.next()).isTrue();
            }
        }
        assertThat(CountingDriver.executions(READ_ALL)).isEqualTo(2);
    }

    @Test
    void excludedTablesAreNeverCached() throws SQLException {
        Connection connection = cached("cache.excludeTables", "other, DRV_ITEM");
        nameById(connection, 1);
        nameById(connection, 1);
        assertThat(CountingDriver.executions(READ_BY_ID)).isEqualTo(2);
    }

    @Test
    void disabledCacheIsAPlainPassThrough() throws SQLException {
        Connection connection = cached("cache.enabled", "false");
        assertThat(connection.isWrapperFor(CacheControl.class)).isFalse();
        nameById(connection, 1);
        nameById(connection, 1);
        assertThat(CountingDriver.executions(READ_BY_ID)).isEqualTo(2);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Writes

    private void assertWriteIsSeen(Connection reader, SqlAction write, String expectedName) throws Exception {
        assertThat(nameById(reader, 1)).isEqualTo("apple");
        assertThat(nameById(reader, 1)).isEqualTo("apple");
        write.run();
        assertThat(nameById(reader, 1)).isEqualTo(expectedName);
        assertThat(nameById(cached(), 1)).isEqualTo(expectedName);
    }

    @FunctionalInterface
    interface SqlAction {
        void run() throws Exception;
    }

    @Test
    void executeUpdateInvalidates() throws Exception {
        Connection connection = cached();
        assertWriteIsSeen(connection, () -> {
            try (Statement statement = connection.createStatement()) {
                assertThat(statement.executeUpdate("update drv_item set name = 'apricot' where id = 1")).isEqualTo(1);
            }
        }, "apricot");
    }

    @Test
    void preparedExecuteUpdateFromAnotherConnectionInvalidates() throws Exception {
        Connection reader = cached();
        Connection writer = cached();
        assertWriteIsSeen(reader, () -> {
            try (PreparedStatement statement = writer.prepareStatement("update drv_item set name = ? where id = ?")) {
                statement.setString(1, "avocado");
                statement.setInt(2, 1);
                statement.executeUpdate();
            }
        }, "avocado");
    }

    @Test
    void writesThroughEveryExecutionPathInvalidate() throws Exception {
        Connection connection = cached();
        String[] names = {"a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8"};
        List<SqlAction> writes = List.of(
                () -> {
                    try (Statement s = connection.createStatement()) {
                        assertThat(s.execute("update drv_item set name = 'a1' where id = 1")).isFalse();
                    }
                },
                () -> {
                    try (Statement s = connection.createStatement()) {
                        s.executeLargeUpdate("update drv_item set name = 'a2' where id = 1");
                    }
                },
                () -> {
                    try (Statement s = connection.createStatement()) {
                        s.addBatch("update drv_item set qty = 1 where id = 2");
                        s.addBatch("update drv_item set name = 'a3' where id = 1");
                        s.executeBatch();
                    }
                },
                () -> {
                    try (PreparedStatement s = connection.prepareStatement("update drv_item set name = ? where id = ?")) {
                        s.setString(1, "a4");
                        s.setInt(2, 1);
                        s.addBatch();
                        s.executeBatch();
                    }
                },
                () -> {
                    try (PreparedStatement s = connection.prepareStatement("update drv_item set name = ? where id = ?")) {
                        s.setString(1, "a5");
                        s.setInt(2, 1);
                        assertThat(s.execute()).isFalse();
                    }
                },
                () -> {
                    try (PreparedStatement s = connection.prepareStatement("update drv_item set name = 'a6' where id = 1",
                            Statement.RETURN_GENERATED_KEYS)) {
                        s.executeLargeUpdate();
                    }
                },
                () -> {
                    try (Statement s = connection.createStatement()) {
                        s.executeUpdate("update drv_item set name = 'a7' where id = 1", Statement.RETURN_GENERATED_KEYS);
                    }
                },
                () -> {
                    try (Statement s = connection.createStatement()) {
                        s.execute("update drv_item set name = 'a8' where id = 1", new String[] {"id"});
                    }
                });
        String previous = "apple";
        for (int i = 0; i < writes.size(); i++) {
            assertThat(nameById(connection, 1)).isEqualTo(previous);
            assertThat(nameById(connection, 1)).isEqualTo(previous);
            writes.get(i).run();
            assertThat(nameById(connection, 1)).as("after write path %d", i).isEqualTo(names[i]);
            previous = names[i];
        }
    }

    @Test
    void deleteAndInsertInvalidate() throws SQLException {
        Connection connection = cached();
        try (Statement statement = connection.createStatement()) {
            assertThat(count(statement.executeQuery(READ_ALL))).isEqualTo(3);
            statement.executeUpdate("delete from drv_child");
            statement.executeUpdate("delete from drv_item where id = 3");
            assertThat(count(statement.executeQuery(READ_ALL))).isEqualTo(2);
            statement.executeUpdate("insert into drv_item (id, name, qty) values (9, 'fig', 1)");
            assertThat(count(statement.executeQuery(READ_ALL))).isEqualTo(3);
        }
    }

    @Test
    void ddlInvalidates() throws SQLException {
        Connection connection = cached();
        String query = "select * from drv_item where id = 1";
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery(query)) {
                assertThat(rows.getMetaData().getColumnCount()).isEqualTo(3);
            }
            statement.execute("alter table drv_item add column color varchar(10)");
            try (ResultSet rows = statement.executeQuery(query)) {
                assertThat(rows.getMetaData().getColumnCount()).isEqualTo(4);
            }
        }
    }

    @Test
    void truncateInvalidates() throws SQLException {
        Connection connection = cached();
        try (Statement statement = connection.createStatement()) {
            statement.execute("create table drv_log (id int)");
            statement.execute("insert into drv_log values (1)");
            assertThat(count(statement.executeQuery("select id from drv_log"))).isEqualTo(1);
            statement.execute("truncate table drv_log");
            assertThat(count(statement.executeQuery("select id from drv_log"))).isZero();
            statement.execute("drop table drv_log");
        }
    }

    @Test
    void cascadingDeleteInvalidatesTheChildTable() throws SQLException {
        Connection connection = cached();
        String children = "select count(*) from drv_child";
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery(children)) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(2);
            }
            statement.executeUpdate("delete from drv_item where id = 1");
            try (ResultSet rows = statement.executeQuery(children)) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(1);
            }
        }
    }

    @Test
    void viewsAreInvalidatedByWritesToTheirTables() throws SQLException {
        Connection connection = cached();
        try (Statement statement = connection.createStatement()) {
            statement.execute("create view drv_item_view as select id, name from drv_item where qty > 5");
            try {
                String query = "select name from drv_item_view where id = 1";
                try (ResultSet rows = statement.executeQuery(query)) {
                    assertThat(rows.next()).isTrue();
                }
                statement.executeUpdate("update drv_item set qty = 0 where id = 1");
                try (ResultSet rows = statement.executeQuery(query)) {
                    assertThat(rows.next()).isFalse();
                }
            } finally {
                statement.execute("drop view drv_item_view");
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Transactions

    @Test
    void transactionReadsItsOwnWritesAndOthersSeeThemAfterCommit() throws SQLException {
        Connection writer = cached();
        Connection reader = cached();
        assertThat(nameById(reader, 1)).isEqualTo("apple");
        writer.setAutoCommit(false);
        assertThat(nameById(writer, 1)).isEqualTo("apple");
        try (Statement statement = writer.createStatement()) {
            statement.executeUpdate("update drv_item set name = 'quince' where id = 1");
        }
        int before = CountingDriver.executions(READ_BY_ID);
        assertThat(nameById(writer, 1)).isEqualTo("quince");
        assertThat(nameById(writer, 1)).isEqualTo("quince");
        assertThat(CountingDriver.executions(READ_BY_ID) - before).as("reads after a write go to the database").isEqualTo(2);
        assertThat(nameById(reader, 1)).isEqualTo("apple");
        writer.commit();
        assertThat(nameById(reader, 1)).isEqualTo("quince");
        writer.setAutoCommit(true);
    }

    @Test
    void rolledBackWritesAreNeverSeen() throws SQLException {
        Connection writer = cached();
        Connection reader = cached();
        writer.setAutoCommit(false);
        try (Statement statement = writer.createStatement()) {
            statement.executeUpdate("update drv_item set name = 'rotten' where id = 1");
        }
        assertThat(nameById(writer, 1)).isEqualTo("rotten");
        assertThat(nameById(reader, 1)).isEqualTo("apple");
        writer.rollback();
        assertThat(nameById(writer, 1)).isEqualTo("apple");
        assertThat(nameById(reader, 1)).isEqualTo("apple");
    }

    @Test
    void nothingReadInATransactionWithUncommittedWritesIsStored() throws SQLException {
        Connection writer = cached();
        writer.setAutoCommit(false);
        try (Statement statement = writer.createStatement()) {
            statement.executeUpdate("update drv_item set name = 'draft' where id = 1");
        }
        assertThat(nameById(writer, 1)).isEqualTo("draft");
        writer.rollback();
        assertThat(nameById(cached(), 1)).isEqualTo("apple");
    }

    @Test
    void closingAConnectionWithAnOpenTransactionEndsItsWriteScope() throws SQLException {
        Connection writer = cached();
        Connection reader = cached();
        writer.setAutoCommit(false);
        try (Statement statement = writer.createStatement()) {
            statement.executeUpdate("update drv_item set name = 'gone' where id = 1");
        }
        writer.close();
        assertThat(nameById(reader, 1)).isEqualTo("apple");
        assertThat(nameById(reader, 1)).isEqualTo("apple");
        int before = CountingDriver.executions(READ_BY_ID);
        assertThat(nameById(reader, 1)).isEqualTo("apple");
        assertThat(CountingDriver.executions(READ_BY_ID)).as("fills resume once the transaction ended").isEqualTo(before);
    }

    @Test
    void commitAndRollbackSentAsSqlEndTheTransaction() throws SQLException {
        Connection writer = cached();
        Connection reader = cached();
        try (Statement statement = writer.createStatement()) {
            statement.execute(beginStatement());
            statement.executeUpdate("update drv_item set name = 'sql-tx' where id = 1");
            assertThat(nameById(reader, 1)).isEqualTo("apple");
            statement.execute("commit");
        }
        assertThat(nameById(reader, 1)).isEqualTo("sql-tx");
    }

    /** The statement that opens a transaction in autocommit mode on this database. */
    abstract String beginStatement();

    @Test
    void writesInAnOpenTransactionKeepOtherConnectionsFromFillingTheCache() throws SQLException {
        Connection writer = cached();
        Connection reader = cached();
        writer.setAutoCommit(false);
        try (Statement statement = writer.createStatement()) {
            statement.executeUpdate("update drv_item set qty = 11 where id = 1");
        }
        nameById(reader, 1);
        nameById(reader, 1);
        assertThat(CountingDriver.executions(READ_BY_ID)).as("no fill while a write is open").isEqualTo(2);
        writer.commit();
    }

    @Test
    void aReadThatCannotBeStoredWhileAWriteIsOpenReadsTheDatabasesRowsWithoutACopy() throws SQLException {
        Connection writer = cached();
        Connection reader = cached();
        writer.setAutoCommit(false);
        try (Statement statement = writer.createStatement()) {
            statement.executeUpdate("update drv_item set qty = 12 where id = 2");
        }
        try (PreparedStatement statement = reader.prepareStatement(READ_BY_ID)) {
            statement.setInt(1, 2);
            try (ResultSet rows = statement.executeQuery()) {
                assertThat(rows).as("the database's own rows, not a snapshot made for nobody")
                        .isNotInstanceOf(CachedResultSet.class);
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("pear");
                assertThat(rows.getStatement()).isSameAs(statement);
                assertThat(rows.next()).isFalse();
            }
        }
        writer.commit();
    }

    @Test
    void repeatableReadDoesNotUseTheCacheByDefault() throws SQLException {
        Connection connection = cached();
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        nameById(connection, 1);
        nameById(connection, 1);
        assertThat(CountingDriver.executions(READ_BY_ID)).isEqualTo(2);
        connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        nameById(connection, 1);
        nameById(connection, 1);
        assertThat(CountingDriver.executions(READ_BY_ID)).isEqualTo(3);
    }

    @Test
    void repeatableReadUsesTheCacheWhenAskedTo() throws SQLException {
        Connection connection = cached("cache.cacheRepeatableRead", "true");
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        nameById(connection, 1);
        nameById(connection, 1);
        assertThat(CountingDriver.executions(READ_BY_ID)).isEqualTo(1);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Session state

    @Test
    void schemaIsPartOfTheKey() throws SQLException {
        Connection connection = cached();
        String query = "select name from drv_same";
        try (Statement statement = connection.createStatement()) {
            statement.execute("create schema drv_s1");
            statement.execute("create schema drv_s2");
            try {
                statement.execute("create table drv_s1.drv_same (name varchar(10))");
                statement.execute("create table drv_s2.drv_same (name varchar(10))");
                statement.execute("insert into drv_s1.drv_same values ('one')");
                statement.execute("insert into drv_s2.drv_same values ('two')");
                connection.setSchema(schemaName("drv_s1"));
                assertThat(single(statement.executeQuery(query))).isEqualTo("one");
                connection.setSchema(schemaName("drv_s2"));
                assertThat(single(statement.executeQuery(query))).isEqualTo("two");
                connection.setSchema(schemaName("drv_s1"));
                assertThat(single(statement.executeQuery(query))).isEqualTo("one");
            } finally {
                connection.setSchema(schemaName(defaultSchema()));
                statement.execute("drop schema drv_s1 cascade");
                statement.execute("drop schema drv_s2 cascade");
            }
        }
    }

    /** The statement that creates a temporary table only this session sees, for a name and column list. */
    abstract String createTemporaryTable(String name, String columns);

    @Test
    void temporaryTablesOfDifferentSessionsNeverShareEntries() throws SQLException {
        Connection first = cached();
        Connection second = cached();
        String query = "select v from drv_scratch";
        try (Statement one = first.createStatement(); Statement two = second.createStatement()) {
            one.execute(createTemporaryTable("drv_scratch", "(v int)"));
            two.execute(createTemporaryTable("drv_scratch", "(v int)"));
            one.execute("insert into drv_scratch values (1)");
            two.execute("insert into drv_scratch values (2)");
            assertThat(single(one.executeQuery(query))).isEqualTo("1");
            assertThat(single(two.executeQuery(query))).isEqualTo("2");
            assertThat(single(one.executeQuery(query))).isEqualTo("1");
        }
    }

    /** How the database spells an unquoted schema name in setSchema. */
    abstract String schemaName(String unquoted);

    abstract String defaultSchema();

    static String single(ResultSet rows) throws SQLException {
        try (rows) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Single flight

    @Test
    void sixtyFourConcurrentIdenticalMissesRunOnce() throws Exception {
        int callers = 64;
        CountDownLatch release = new CountDownLatch(1);
        CountingDriver.afterQuery(sql -> {
            if (sql.equals(READ_BY_ID)) {
                await(release);
            }
        });
        Connection probe = cached();
        long waitsBefore = stats(probe).coalescedWaits();
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            connections.add(cached());
        }
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (Connection connection : connections) {
                results.add(pool.submit(() -> nameById(connection, 2)));
            }
            waitUntil(() -> stats(probe).coalescedWaits() - waitsBefore >= callers - 1);
            release.countDown();
            for (Future<String> result : results) {
                assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo("pear");
            }
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        assertThat(CountingDriver.executions(READ_BY_ID)).isEqualTo(1);
    }

    @Test
    void waitersReceiveTheLeadersDatabaseError() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountingDriver.afterQuery(sql -> {
            if (sql.equals(READ_BY_ID)) {
                await(release);
                throw new SQLException("disk on fire", "58030", 4242);
            }
        });
        Connection probe = cached();
        long waitsBefore = stats(probe).coalescedWaits();
        Connection leader = cached();
        Connection waiter = cached();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<String> first = pool.submit(() -> nameById(leader, 1));
            waitUntil(() -> CountingDriver.executions(READ_BY_ID) == 1);
            Future<String> second = pool.submit(() -> nameById(waiter, 1));
            waitUntil(() -> stats(probe).coalescedWaits() - waitsBefore >= 1);
            release.countDown();
            for (Future<String> result : List.of(first, second)) {
                assertThatThrownBy(() -> result.get(30, TimeUnit.SECONDS))
                        .cause().isInstanceOf(SQLException.class)
                        .hasMessage("disk on fire")
                        .satisfies(e -> {
                            assertThat(((SQLException) e).getSQLState()).isEqualTo("58030");
                            assertThat(((SQLException) e).getErrorCode()).isEqualTo(4242);
                        });
            }
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        assertThat(CountingDriver.executions(READ_BY_ID)).isEqualTo(1);
        CountingDriver.afterQuery(sql -> { });
        assertThat(nameById(cached(), 1)).as("an error is never cached").isEqualTo("apple");
    }

    @Test
    void waitersRunTheQueryThemselvesWhenTheLeaderWasCancelled() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountingDriver.afterQuery(sql -> {
            if (sql.equals(READ_BY_ID) && CountingDriver.executions(READ_BY_ID) == 1) {
                await(release);
                throw new SQLException("canceling statement due to user request", "57014");
            }
        });
        Connection probe = cached();
        long waitsBefore = stats(probe).coalescedWaits();
        Connection leader = cached();
        Connection waiter = cached();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<String> first = pool.submit(() -> nameById(leader, 1));
            waitUntil(() -> CountingDriver.executions(READ_BY_ID) == 1);
            Future<String> second = pool.submit(() -> nameById(waiter, 1));
            waitUntil(() -> stats(probe).coalescedWaits() - waitsBefore >= 1);
            release.countDown();
            assertThatThrownBy(() -> first.get(30, TimeUnit.SECONDS)).cause().hasMessageContaining("canceling");
            assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo("apple");
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        assertThat(CountingDriver.executions(READ_BY_ID)).isEqualTo(2);
    }

    @Test
    void aWaiterWhoseStatementIsCancelledStopsWaitingAndRunsTheQueryItself() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountingDriver.afterQuery(sql -> {
            if (sql.equals(READ_BY_ID) && CountingDriver.executions(READ_BY_ID) == 1) {
                await(release);
            }
        });
        Connection probe = cached();
        long waitsBefore = stats(probe).coalescedWaits();
        Connection leader = cached();
        Connection waiterConnection = cached();
        waiterConnection.prepareStatement(READ_BY_ID).close();
        int preparedBefore = CountingDriver.preparations(READ_BY_ID);
        PreparedStatement waiting = waiterConnection.prepareStatement(READ_BY_ID);
        waiting.setInt(1, 1);
        assertThat(CountingDriver.preparations(READ_BY_ID)).as("the waiter's driver statement is not created yet")
                .isEqualTo(preparedBefore);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<String> first = pool.submit(() -> nameById(leader, 1));
            waitUntil(() -> CountingDriver.executions(READ_BY_ID) == 1);
            Future<String> second = pool.submit(() -> {
                try (ResultSet rows = waiting.executeQuery()) {
                    return rows.next() ? rows.getString(1) : null;
                }
            });
            waitUntil(() -> stats(probe).coalescedWaits() - waitsBefore >= 1);

            waiting.cancel();

            // Without the cancel it would wait for the leader, held until the end of the test.
            assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo("apple");
            assertThat(first.isDone()).as("the leader is still held").isFalse();
            assertThat(waiting.getQueryTimeout()).as("the statement's own query timeout is back").isZero();
            release.countDown();
            assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo("apple");
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        assertThat(CountingDriver.executions(READ_BY_ID)).isEqualTo(2);
    }

    static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void waitUntil(Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within 30 s");
            }
            Thread.sleep(2);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // No stale fill

    /**
     * The classic race: a reader misses and reads the old row; a writer commits; the reader then offers the old row
     * to the cache. A read that begins after the commit must see the new row.
     */
    @Test
    void aResultLoadedBeforeACommitIsNeverServedAfterIt() throws Exception {
        CountDownLatch readerHasOldRow = new CountDownLatch(1);
        CountDownLatch writerCommitted = new CountDownLatch(1);
        CountingDriver.afterQuery(sql -> {
            if (sql.equals(READ_BY_ID) && CountingDriver.executions(READ_BY_ID) == 1) {
                readerHasOldRow.countDown();
                await(writerCommitted);
            }
        });
        Connection reader = cached();
        Connection writer = cached();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<String> slowRead = pool.submit(() -> nameById(reader, 1));
            await(readerHasOldRow);
            try (Statement statement = writer.createStatement()) {
                statement.executeUpdate("update drv_item set name = 'fresh' where id = 1");
            }
            writerCommitted.countDown();
            assertThat(slowRead.get(30, TimeUnit.SECONDS)).as("the read began before the commit").isEqualTo("apple");
        } finally {
            writerCommitted.countDown();
            pool.shutdownNow();
        }
        assertThat(nameById(cached(), 1)).as("a read that began after the commit").isEqualTo("fresh");
    }

    // ------------------------------------------------------------------------------------------------------------
    // Errors and odd input

    @Test
    void databaseErrorsReachTheCallerUnchanged() throws SQLException {
        String missing = "select nothing from drv_missing_table";
        SQLException expected = errorOf(direct(), missing);
        SQLException actual = errorOf(cached(), missing);
        assertThat(actual.getClass()).isEqualTo(expected.getClass());
        assertThat(actual.getSQLState()).isEqualTo(expected.getSQLState());
        assertThat(actual.getErrorCode()).isEqualTo(expected.getErrorCode());
        assertThat(actual.getMessage()).isEqualTo(expected.getMessage());
    }

    private static SQLException errorOf(Connection connection, String sql) {
        try (Statement statement = connection.createStatement()) {
            statement.executeQuery(sql);
        } catch (SQLException e) {
            return e;
        }
        throw new AssertionError("expected an error from " + sql);
    }

    @Test
    void writeErrorsReachTheCallerUnchanged() throws SQLException {
        Connection connection = cached();
        assertThat(nameById(connection, 1)).isEqualTo("apple");
        String duplicate = "insert into drv_item values (1, 'again', 1)";
        SQLException expected = errorOfUpdate(direct(), duplicate);
        SQLException actual = errorOfUpdate(connection, duplicate);
        assertThat(actual.getClass()).isEqualTo(expected.getClass());
        assertThat(actual.getSQLState()).isEqualTo(expected.getSQLState());
        assertThat(actual.getMessage()).isEqualTo(expected.getMessage());
        assertThat(nameById(connection, 1)).isEqualTo("apple");
    }

    private static SQLException errorOfUpdate(Connection connection, String sql) {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        } catch (SQLException e) {
            return e;
        }
        throw new AssertionError("expected an error from " + sql);
    }

    /** A statement the analyser cannot read, which the database accepts; it must work as without the driver. */
    abstract String statementTheAnalyserCannotRead();

    @Test
    void statementsTheAnalyserCannotReadPassThroughAndInvalidateEverything() throws SQLException {
        Connection connection = cached();
        String sql = statementTheAnalyserCannotRead();
        assertThat(connection.unwrap(CacheControl.class).explain(sql)).contains("not cached");
        nameById(connection, 1);
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
        nameById(connection, 1);
        assertThat(CountingDriver.executions(READ_BY_ID)).isEqualTo(2);
    }

    // ------------------------------------------------------------------------------------------------------------
    // By hand

    @Test
    void invalidationByHandReachesEveryConnection() throws SQLException {
        Connection reader = cached();
        nameById(reader, 1);
        try (Connection outside = direct(); Statement statement = outside.createStatement()) {
            statement.executeUpdate("update drv_item set name = 'elsewhere' where id = 1");
        }
        assertThat(nameById(reader, 1)).as("a write the driver did not see").isEqualTo("apple");
        cached().unwrap(CacheControl.class).invalidateTable("DRV_ITEM");
        assertThat(nameById(reader, 1)).isEqualTo("elsewhere");
        try (Connection outside = direct(); Statement statement = outside.createStatement()) {
            statement.executeUpdate("update drv_item set name = 'again' where id = 1");
        }
        reader.unwrap(CacheControl.class).invalidateAll();
        assertThat(nameById(reader, 1)).isEqualTo("again");
    }

    @Test
    void unwrapReachesTheDelegateAndWrappersReturnTheirParents() throws SQLException {
        Connection connection = cached();
        assertThat(connection.isWrapperFor(CacheControl.class)).isTrue();
        try (PreparedStatement statement = connection.prepareStatement(READ_BY_ID)) {
            assertThat(statement.getConnection()).isSameAs(connection);
            statement.setInt(1, 1);
            try (ResultSet rows = statement.executeQuery()) {
                assertThat(rows.getStatement()).isSameAs(statement);
            }
            try (ResultSet rows = statement.executeQuery()) {
                assertThat(rows.getStatement()).as("a hit's result set").isSameAs(statement);
            }
        }
        assertThat(connection.getMetaData().getConnection()).isSameAs(connection);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Writes by key: drv_item's primary key is one integer column, so reads and writes of it match row by row

    static final String RENAME_BY_ID = "update drv_item set name = ? where id = ?";
    static final String COUNT_ITEMS = "select count(*) from drv_item";

    private static void rename(Connection connection, int id, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(RENAME_BY_ID)) {
            statement.setString(1, name);
            statement.setInt(2, id);
            statement.executeUpdate();
        }
    }

    private static long countItems(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(COUNT_ITEMS)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void aWriteByKeyLeavesCachedReadsOfOtherKeysInPlace() throws SQLException {
        Connection connection = cached();
        nameById(connection, 1);
        nameById(connection, 2);

        rename(connection, 2, "pearl");

        assertThat(nameById(connection, 1)).isEqualTo("apple");
        assertThat(CountingDriver.executions(READ_BY_ID)).as("key 1 still served from the cache").isEqualTo(2);
        assertThat(nameById(connection, 2)).isEqualTo("pearl");
        assertThat(nameById(cached(), 2)).isEqualTo("pearl");
        assertThat(CountingDriver.executions(READ_BY_ID)).as("key 2 read again once").isEqualTo(3);
    }

    @Test
    void aWriteByKeyStillInvalidatesReadsOfTheWholeTable() throws SQLException {
        Connection connection = cached();
        assertThat(countItems(connection)).isEqualTo(3);
        try (PreparedStatement delete = connection.prepareStatement("delete from drv_item where id = ?")) {
            delete.setLong(1, 3);
            delete.executeUpdate();
        }

        assertThat(countItems(connection)).isEqualTo(2);
        assertThat(CountingDriver.executions(COUNT_ITEMS)).isEqualTo(2);
    }

    @Test
    void anInsertWithItsKeyReachesACachedReadThatFoundNothing() throws SQLException {
        Connection connection = cached();
        assertThat(nameById(connection, 99)).isNull();
        assertThat(nameById(connection, 1)).isEqualTo("apple");

        try (PreparedStatement insert = connection.prepareStatement("insert into drv_item (name, qty, id) values (?, ?, ?)")) {
            insert.setString(1, "quince");
            insert.setInt(2, 5);
            insert.setInt(3, 99);
            insert.executeUpdate();
        }

        assertThat(nameById(connection, 99)).isEqualTo("quince");
        assertThat(nameById(connection, 1)).isEqualTo("apple");
        assertThat(CountingDriver.executions(READ_BY_ID)).as("99 twice, 1 once").isEqualTo(3);
    }

    @Test
    void anUpdateThatChangesTheKeyReachesReadsOfTheNewKey() throws SQLException {
        Connection connection = cached();
        assertThat(nameById(connection, 50)).isNull();

        try (PreparedStatement renumber = connection.prepareStatement("update drv_item set id = ? where id = ?")) {
            renumber.setInt(1, 50);
            renumber.setInt(2, 3);
            renumber.executeUpdate();
        }

        assertThat(nameById(connection, 50)).isEqualTo("plum");
        assertThat(nameById(connection, 3)).isNull();
    }

    @Test
    void aBatchOfWritesByKeyReachesEachOfItsKeysAndNoOther() throws SQLException {
        Connection connection = cached();
        for (int id = 1; id <= 3; id++) {
            nameById(connection, id);
        }
        try (PreparedStatement rename = connection.prepareStatement(RENAME_BY_ID)) {
            rename.setString(1, "pearl");
            rename.setInt(2, 2);
            rename.addBatch();
            rename.setString(1, "plumb");
            rename.setInt(2, 3);
            rename.addBatch();
            rename.executeBatch();
        }

        assertThat(nameById(connection, 1)).isEqualTo("apple");
        assertThat(nameById(connection, 2)).isEqualTo("pearl");
        assertThat(nameById(connection, 3)).isEqualTo("plumb");
        assertThat(CountingDriver.executions(READ_BY_ID)).as("3 loads, then 2 and 3 again").isEqualTo(5);
    }

    @Test
    void aWriteByKeyWithALiteralKeyInAPlainStatementLeavesOtherKeysInPlace() throws SQLException {
        Connection connection = cached();
        nameById(connection, 1);
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("update drv_item set qty = qty + 1 where id = 2");
        }

        nameById(connection, 1);
        assertThat(CountingDriver.executions(READ_BY_ID)).isEqualTo(1);
    }

    @Test
    void aWriteByAnotherColumnReachesEveryRead() throws SQLException {
        Connection connection = cached();
        nameById(connection, 1);
        try (PreparedStatement statement = connection.prepareStatement("update drv_item set name = ? where qty = ?")) {
            statement.setString(1, "apricot");
            statement.setInt(2, 10);
            statement.executeUpdate();
        }

        assertThat(nameById(connection, 1)).isEqualTo("apricot");
    }

    @Test
    void anOpenTransactionWritingAKeyKeepsOthersFromFillingThatKeyOnly() throws SQLException {
        Connection writer = cached();
        Connection reader = cached();
        writer.setAutoCommit(false);
        rename(writer, 1, "apricot");

        assertThat(nameById(reader, 1)).isEqualTo("apple");
        assertThat(nameById(reader, 1)).isEqualTo("apple");
        assertThat(CountingDriver.executions(READ_BY_ID)).as("no fill of key 1 while its write is open").isEqualTo(2);
        nameById(reader, 2);
        nameById(reader, 2);
        assertThat(CountingDriver.executions(READ_BY_ID)).as("key 2 fills and hits meanwhile").isEqualTo(3);

        writer.commit();

        assertThat(nameById(reader, 1)).isEqualTo("apricot");
        assertThat(nameById(reader, 2)).isEqualTo("pear");
        assertThat(CountingDriver.executions(READ_BY_ID)).isEqualTo(4);
    }

    @Test
    void deletingAParentByKeyReachesEveryReadOfTheTablesItCascadesTo() throws SQLException {
        Connection connection = cached();
        String childNote = "select note from drv_child where id = ?";
        try (PreparedStatement read = connection.prepareStatement(childNote)) {
            read.setInt(1, 1);
            try (ResultSet rows = read.executeQuery()) {
                assertThat(rows.next()).isTrue();
            }
        }
        try (PreparedStatement delete = connection.prepareStatement("delete from drv_item where id = ?")) {
            delete.setInt(1, 1);
            delete.executeUpdate();
        }
        try (PreparedStatement read = connection.prepareStatement(childNote)) {
            read.setInt(1, 1);
            try (ResultSet rows = read.executeQuery()) {
                assertThat(rows.next()).as("the child row went with its parent").isFalse();
            }
        }
    }
}
