package dev.cachedjdbc.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.runtime.CacheRuntime;
import dev.cachedjdbc.testing.CountingDriver;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
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
    static final Duration BOUND = Duration.ofSeconds(2);

    static {
        CountingDriver.register();
    }

    final FakeTicker ticker = new FakeTicker();
    private CacheRuntime runtime;
    private final List<Connection> opened = new ArrayList<>();

    /** The plain JDBC URL of the database under test. */
    abstract String plainUrl();

    abstract Properties credentials();

    /** DDL that makes every insert into {@code table} insert the new row's id into cw_copy (id int). */
    abstract List<String> triggerCopyingInsertsIntoCopy(String table);

    @BeforeEach
    void startRuntime() {
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

    /** A caching connection of this test's runtime: entries and the catalog live an hour, no change feed. */
    Connection cached() throws SQLException {
        return cached(credentials());
    }

    /** A caching connection as {@link #cached()}, logged in with these credentials. */
    Connection cached(Properties credentials) throws SQLException {
        Properties properties = new Properties();
        properties.putAll(credentials);
        properties.setProperty("cache.ttl", "1h");
        properties.setProperty("cache.ttlJitter", "0");
        properties.setProperty("cache.coherence", "local");
        properties.setProperty("cache.jmx", "false");
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
}
