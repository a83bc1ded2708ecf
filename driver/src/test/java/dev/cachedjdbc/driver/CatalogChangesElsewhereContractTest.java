package dev.cachedjdbc.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.analysis.Dialect;
import dev.cachedjdbc.runtime.CacheRuntime;
import dev.cachedjdbc.runtime.CatalogChangeCheck;
import dev.cachedjdbc.vendor.DatabaseSupport;
import dev.cachedjdbc.testing.CountingDriver;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DDL run by another client (a migration tool, an administrator, another application) after the caching driver has
 * read the catalog is seen within the bound: once it has passed, a write through the driver reaches what the new
 * trigger, foreign key, view or replaced table makes it reach, and what was cached before the change is not served
 * stale. The runtime's clock is the test's, so that the bound passes without waiting. Entries live for an hour and
 * the driver reads the catalog on its own only every hour, so nothing but the change check can make a result fresh.
 */
abstract class CatalogChangesElsewhereContractTest {

    /** The bound within which catalog changes made elsewhere are seen. */
    static final Duration BOUND = CatalogChangeCheck.INTERVAL;

    static {
        CountingDriver.register();
    }

    final FakeTicker ticker = new FakeTicker();
    private CacheRuntime runtime;
    /** The caches of other runtimes, which may share this test's database identity. */
    private Set<ObjectName> mbeansBefore;
    private final List<Connection> opened = new ArrayList<>();

    /** The plain JDBC URL of the database under test. */
    abstract String plainUrl();

    abstract Properties credentials();

    /** DDL that makes every insert into {@code table} insert the new row's id into cw_copy (id int). */
    abstract List<String> triggerCopyingInsertsIntoCopy(String table);

    /** DDL that creates a temporary table of the session that runs it. */
    abstract String createTemporaryTable(String name);

    @BeforeEach
    void startRuntime() throws Exception {
        mbeansBefore = ManagementFactory.getPlatformMBeanServer()
                .queryNames(new ObjectName("dev.cachedjdbc:type=QueryCache,*"), null);
        runtime = new CacheRuntime(ticker);
        CountingDriver.reset();
    }

    @AfterEach
    void closeEverything() {
        for (Connection connection : opened) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closed by the test
            }
        }
        opened.clear();
        runtime.close();
        CountingDriver.reset();
    }

    /** A caching connection of this test's runtime: entries and the catalog live an hour, no change feed, JMX on. */
    Connection cached() throws SQLException {
        return cached(credentials());
    }

    /** A caching connection as {@link #cached()}, logged in with these credentials. */
    Connection cached(Properties credentials) throws SQLException {
        Properties properties = new Properties();
        properties.putAll(credentials);
        properties.setProperty("cache.ttl", CATALOG_AGE.toSeconds() + "s");
        properties.setProperty("cache.ttlJitter", "0");
        properties.setProperty("cache.coherence", "local");
        properties.setProperty("cache.jmx", "true");
        Connection connection = runtime.connect("jdbc:cached:counting:" + plainUrl().substring("jdbc:".length()),
                properties);
        opened.add(connection);
        return connection;
    }

    /** Runs statements on a plain connection: the caching driver does not see them. */
    void elsewhere(String... statements) throws SQLException {
        elsewhere(List.of(statements));
    }

    void elsewhere(List<String> statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(plainUrl(), credentials());
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    static void run(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static String first(Connection connection, String query) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(query)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    /** How many times the runtime of this test checked the catalog of the connection's database, as JMX reports it. */
    long catalogChecks(Connection connection) throws Exception {
        return (Long) mbeanAttribute(connection, "CatalogChecks");
    }

    /** An attribute of the MBean of a cache of this test's runtime for the connection's database. */
    Object mbeanAttribute(Connection connection, String attribute) throws Exception {
        String identity = connection.unwrap(CacheControl.class).databaseIdentity();
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName mine = server.queryNames(new ObjectName("dev.cachedjdbc:type=QueryCache,*"), null).stream()
                .filter(name -> !mbeansBefore.contains(name))
                .filter(name -> ObjectName.unquote(name.getKeyProperty("database")).equals(identity))
                .findFirst().orElseThrow();
        return server.getAttribute(mine, attribute);
    }

    /** How many times the runtime of this test noticed DDL run elsewhere, as JMX reports it. */
    long catalogChangesDetected(Connection connection) throws Exception {
        return (Long) mbeanAttribute(connection, "CatalogChangesDetected");
    }

    /** The fingerprint query of the database under test. */
    String fingerprintQuery() {
        return DatabaseSupport.of(plainUrl().startsWith("jdbc:h2:") ? Dialect.H2 : Dialect.POSTGRESQL)
                .catalogFingerprintQuery();
    }

    static CacheStatistics statistics(Connection connection) throws SQLException {
        return connection.unwrap(CacheControl.class).statistics();
    }

    /** Reads the query twice and checks that the second read was a hit, so that its result is cached. */
    static void cache(Connection connection, String query, String expected) throws SQLException {
        assertThat(first(connection, query)).as(query).isEqualTo(expected);
        long hits = statistics(connection).hits();
        assertThat(first(connection, query)).as(query).isEqualTo(expected);
        assertThat(statistics(connection).hits()).as("the second read of " + query + " is a hit").isEqualTo(hits + 1);
    }

    @Test
    void aTriggerCreatedElsewhereWidensTheDriversWritesOnceTheBoundHasPassed() throws SQLException {
        elsewhere("create table cw_source (id int primary key)", "create table cw_copy (id int)");
        Connection driver = cached();
        cache(driver, "select count(*) from cw_copy", "0");

        elsewhere(triggerCopyingInsertsIntoCopy("cw_source"));
        ticker.advance(BOUND);
        run(driver, "insert into cw_source values (1)");

        assertThat(first(driver, "select count(*) from cw_copy")).isEqualTo("1");
    }

    @Test
    void aCascadingForeignKeyAddedElsewhereWidensTheDriversDeletesOnceTheBoundHasPassed() throws SQLException {
        elsewhere("create table cw_parent (id int primary key)",
                "create table cw_child (id int primary key, parent_id int)",
                "insert into cw_parent values (1), (2)",
                "insert into cw_child values (10, 1), (20, 2)");
        Connection driver = cached();
        cache(driver, "select count(*) from cw_child", "2");

        elsewhere("alter table cw_child add constraint cw_child_parent foreign key (parent_id)"
                + " references cw_parent (id) on delete cascade");
        ticker.advance(BOUND);
        run(driver, "delete from cw_parent where id = 1");

        assertThat(first(driver, "select count(*) from cw_child")).isEqualTo("1");
    }

    @Test
    void aViewCreatedElsewhereIsInvalidatedByWritesToItsTableOnceTheBoundHasPassed() throws SQLException {
        elsewhere("create table cw_base (id int primary key, v int)", "insert into cw_base values (1, 10)");
        Connection driver = cached();
        cache(driver, "select v from cw_base where id = 1", "10");

        elsewhere("create view cw_view as select id, v from cw_base");
        cache(driver, "select v from cw_view where id = 1", "10");
        ticker.advance(BOUND);
        run(driver, "update cw_base set v = 11 where id = 1");

        assertThat(first(driver, "select v from cw_view where id = 1")).isEqualTo("11");
    }

    @Test
    void aTableDroppedAndRecreatedElsewhereWithATriggerWidensTheDriversWritesOnceTheBoundHasPassed()
            throws SQLException {
        elsewhere("create table cw_source (id int primary key)", "create table cw_copy (id int)");
        Connection driver = cached();
        run(driver, "insert into cw_source values (1)");
        cache(driver, "select count(*) from cw_copy", "0");

        List<String> recreate = new ArrayList<>(List.of("drop table cw_source",
                "create table cw_source (id int primary key)"));
        recreate.addAll(triggerCopyingInsertsIntoCopy("cw_source"));
        elsewhere(recreate);
        ticker.advance(BOUND);
        run(driver, "insert into cw_source values (2)");

        assertThat(first(driver, "select count(*) from cw_copy")).isEqualTo("1");
    }

    @Test
    void aWriteMadeBeforeTheChangeWasNoticedIsUndoneByNoticingIt() throws SQLException {
        elsewhere("create table cw_source (id int primary key)", "create table cw_copy (id int)",
                "create table cw_other (id int)");
        Connection driver = cached();
        cache(driver, "select count(*) from cw_copy", "0");

        elsewhere(triggerCopyingInsertsIntoCopy("cw_source"));
        run(driver, "insert into cw_source values (1)"); // within the bound: widened by the old catalog
        ticker.advance(BOUND);
        run(driver, "insert into cw_other values (1)");

        assertThat(first(driver, "select count(*) from cw_copy")).isEqualTo("1");
    }

    @Test
    void aTransactionOpenWhileTheChangeIsNoticedCountsAsWritingEverythingWhenItCommits() throws SQLException {
        elsewhere("create table cw_source (id int primary key)", "create table cw_copy (id int)",
                "create table cw_other (id int)");
        Connection writer = cached();
        Connection reader = cached();
        cache(reader, "select count(*) from cw_copy", "0");

        elsewhere(triggerCopyingInsertsIntoCopy("cw_source"));
        writer.setAutoCommit(false);
        run(writer, "insert into cw_source values (1)"); // widened by the old catalog, the trigger's write unseen
        ticker.advance(BOUND);
        run(reader, "insert into cw_other values (1)"); // the change is noticed while the transaction is open
        assertThat(first(reader, "select count(*) from cw_copy")).as("before the commit").isEqualTo("0");
        writer.commit();

        assertThat(first(reader, "select count(*) from cw_copy")).isEqualTo("1");
    }

    /** How long the connections of {@link #cached()} use a catalog read before reading it again (their TTL). */
    static final Duration CATALOG_AGE = Duration.ofHours(1);

    @Test
    void aCatalogReadByAgeThatFindsItChangedUndoesWhatWritesMissedMeanwhile() throws Exception {
        elsewhere("create table cw_source (id int primary key)", "create table cw_copy (id int)",
                "create table cw_other (id int)");
        Connection driver = cached(); // the catalog is read now, and again once it is CATALOG_AGE old
        Duration quarter = BOUND.dividedBy(4);
        ticker.advance(CATALOG_AGE.minus(BOUND).plus(quarter));
        run(driver, "insert into cw_other values (1)"); // a check, which finds nothing: the next is due a bound later
        ticker.advance(quarter);
        cache(driver, "select count(*) from cw_copy where id > 0", "0");

        elsewhere(triggerCopyingInsertsIntoCopy("cw_source"));
        run(driver, "insert into cw_source values (1)"); // neither a check nor a read is due: the old catalog widens it
        ticker.advance(quarter.multipliedBy(2));
        run(driver, "insert into cw_other values (2)"); // the catalog is CATALOG_AGE old, and the check is not due

        assertThat(first(driver, "select count(*) from cw_copy where id > 0")).isEqualTo("1");
        assertThat(catalogChangesDetected(driver)).isEqualTo(1);
    }

    @Test
    void aViewRedefinedElsewhereIsReadAnewAfterTheNextMissOnceTheBoundHasPassed() throws SQLException {
        elsewhere("create table cw_base (id int primary key, v int)", "insert into cw_base values (1, 10)",
                "create view cw_view as select v from cw_base where id = 1");
        Connection driver = cached();
        cache(driver, "select v from cw_view", "10");

        elsewhere("create or replace view cw_view as select v + 100 as v from cw_base where id = 1");
        ticker.advance(BOUND);
        assertThat(first(driver, "select count(*) from cw_base")).as("a miss").isEqualTo("1");

        assertThat(first(driver, "select v from cw_view")).isEqualTo("110");
    }

    @Test
    void cachedResultsOutliveTheChecksWhileNoDdlRunsElsewhere() throws Exception {
        elsewhere("create table cw_kept (id int primary key, v int)", "insert into cw_kept values (1, 10)",
                "create table cw_busy (id int primary key, v int)", "create table cw_written (id int)");
        Connection driver = cached();
        cache(driver, "select v from cw_kept where id = 1", "10");
        long checksBefore = catalogChecks(driver);
        long hitsBefore = statistics(driver).hits();

        for (int round = 1; round <= 3; round++) {
            elsewhere("insert into cw_written values (" + round + ")", "update cw_written set id = id + 10",
                    "delete from cw_written where id > 20");
            try (Connection other = DriverManager.getConnection(plainUrl(), credentials())) {
                run(other, createTemporaryTable("cw_scratch"));
                run(other, "insert into cw_scratch values (1)");
            }
            ticker.advance(BOUND);
            run(driver, "insert into cw_busy values (" + round + ", 0)");
            assertThat(first(driver, "select v from cw_kept where id = 1")).isEqualTo("10");
        }

        assertThat(catalogChecks(driver) - checksBefore).as("one check per bound").isEqualTo(3);
        assertThat(statistics(driver).hits() - hitsBefore).as("every read a hit").isEqualTo(3);
    }

    @Test
    void theCatalogIsCheckedAtMostOncePerBoundHoweverManyStatementsRun() throws Exception {
        elsewhere("create table cw_busy (id int primary key, v int)");
        Connection driver = cached();
        Connection another = cached();
        long checksBefore = catalogChecks(driver);

        for (int i = 0; i < 5; i++) {
            run(driver, "insert into cw_busy values (" + i + ", 0)");
        }
        assertThat(catalogChecks(driver)).as("within the bound").isEqualTo(checksBefore);
        ticker.advance(BOUND);
        for (int i = 5; i < 10; i++) {
            run(i % 2 == 0 ? driver : another, "insert into cw_busy values (" + i + ", 0)");
            first(another, "select count(*) from cw_busy where id = " + i);
        }

        assertThat(catalogChecks(driver)).as("once the bound has passed").isEqualTo(checksBefore + 1);
    }

    @Test
    void theCatalogIsNotCheckedInsideATransactionBegunBySql() throws Exception {
        elsewhere("create table cw_busy (id int primary key, v int)");
        Connection driver = cached();
        long checksBefore = catalogChecks(driver);
        ticker.advance(BOUND);

        run(driver, "begin");
        run(driver, "insert into cw_busy values (1, 0)");
        first(driver, "select count(*) from cw_busy where id = 1");
        assertThat(catalogChecks(driver)).as("inside the transaction").isEqualTo(checksBefore);
        run(driver, "commit");
        run(driver, "insert into cw_busy values (2, 0)");

        assertThat(catalogChecks(driver)).as("after it").isEqualTo(checksBefore + 1);
    }

    @Test
    void aCheckThatFailsCountsAsAChangeAndNeverFailsTheStatement() throws SQLException {
        elsewhere("create table cw_kept (id int primary key, v int)", "insert into cw_kept values (1, 10)",
                "create table cw_busy (id int primary key, v int)");
        Connection driver = cached();
        cache(driver, "select v from cw_kept where id = 1", "10");
        String fingerprintQuery = fingerprintQuery();
        CountingDriver.afterQuery(sql -> {
            if (sql.equals(fingerprintQuery)) {
                throw new SQLException("the catalog cannot be read now (test)");
            }
        });

        ticker.advance(BOUND);
        run(driver, "insert into cw_busy values (1, 0)");
        long loads = statistics(driver).loads();
        assertThat(first(driver, "select v from cw_kept where id = 1")).isEqualTo("10");
        assertThat(statistics(driver).loads()).as("invalidated: read again").isEqualTo(loads + 1);

        CountingDriver.afterQuery(sql -> { });
        ticker.advance(BOUND);
        run(driver, "insert into cw_busy values (2, 0)");
        cache(driver, "select v from cw_kept where id = 1", "10");
    }
}
