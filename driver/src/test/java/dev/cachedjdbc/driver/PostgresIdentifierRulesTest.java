package dev.cachedjdbc.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.testing.CountingDriver;
import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL keeps the first 63 bytes of a longer name, quoted or not, so a table may be named by its long spelling
 * and by the spelling it is stored under: a write through either must reach a cached read through the other, and a
 * name a user gives the driver (cache.excludeTables, invalidateTable) must match both.
 */
class PostgresIdentifierRulesTest {

    private static final String LONG = "cj_identifier_rules_with_a_name_longer_than_postgresql_keeps_in_a_catalog";
    private static final String STORED = LONG.substring(0, 63);
    /** Forty two-byte letters: 80 bytes, stored as the 31 letters that fit in 63 bytes. */
    private static final String ACCENTED = "cj_" + "é".repeat(40);
    private static final String ACCENTED_STORED = "cj_" + "é".repeat(30);

    @BeforeAll
    static void createTables() throws SQLException {
        CountingDriver.register();
        try (Connection plain = TestDatabases.postgres(); Statement statement = plain.createStatement()) {
            statement.execute("drop table if exists " + STORED);
            statement.execute("drop table if exists \"" + ACCENTED_STORED + "\"");
            statement.execute("create table " + LONG + " (id int)");
            statement.execute("create table \"" + ACCENTED + "\" (id int)");
        }
    }

    @AfterAll
    static void dropTables() throws SQLException {
        try (Connection plain = TestDatabases.postgres(); Statement statement = plain.createStatement()) {
            statement.execute("drop table if exists " + STORED);
            statement.execute("drop table if exists \"" + ACCENTED_STORED + "\"");
        }
    }

    /** Empties the tables through the driver, so that no cached count outlives the rows it counted. */
    @BeforeEach
    void emptyTables() throws SQLException {
        try (Connection connection = cached(); Statement statement = connection.createStatement()) {
            statement.execute("delete from " + STORED);
            statement.execute("delete from \"" + ACCENTED_STORED + "\"");
        }
    }

    private static Connection cached(Properties extra) throws SQLException {
        Properties properties = TestDatabases.postgresCredentials();
        properties.putAll(extra);
        return DriverManager.getConnection("jdbc:cached:counting:" + TestDatabases.PG_URL.substring("jdbc:".length()),
                properties);
    }

    private static Connection cached() throws SQLException {
        return cached(new Properties());
    }

    private static long count(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).isTrue();
            return rows.getLong(1);
        }
    }

    /** Reads twice, proving the second read is served from the cache, then writes, then reads again. */
    private static void assertWriteReachesCachedRead(String read, String write) throws SQLException {
        try (Connection connection = cached(); Statement statement = connection.createStatement()) {
            CountingDriver.reset();
            assertThat(count(statement, read)).isZero();
            assertThat(count(statement, read)).isZero();
            assertThat(CountingDriver.executions(read)).as("the second read is served from the cache").isEqualTo(1);
            statement.executeUpdate(write);
            assertThat(count(statement, read)).as("a read after " + write).isEqualTo(1);
        }
    }

    @Test
    void aWriteThroughTheStoredSpellingReachesAReadThroughTheLongOne() throws SQLException {
        assertWriteReachesCachedRead("select count(*) from " + LONG, "insert into " + STORED + " values (1)");
    }

    @Test
    void aWriteThroughTheLongSpellingReachesAReadThroughTheStoredOne() throws SQLException {
        assertWriteReachesCachedRead("select count(*) from " + STORED, "insert into " + LONG + " values (1)");
    }

    @Test
    void quotedAndUpperCaseSpellingsMeetTheSameWay() throws SQLException {
        assertWriteReachesCachedRead("select count(*) from \"" + LONG + "\"",
                "insert into " + STORED.toUpperCase(Locale.ROOT) + " values (1)");
        emptyTables();
        assertWriteReachesCachedRead("select count(*) from " + LONG.toUpperCase(Locale.ROOT),
                "insert into \"" + STORED + "\" values (1)");
    }

    @Test
    void aNameOfMultibyteLettersIsCutAtAWholeLetter() throws SQLException {
        assertWriteReachesCachedRead("select count(*) from \"" + ACCENTED + "\"",
                "insert into \"" + ACCENTED_STORED + "\" values (1)");
        emptyTables();
        assertWriteReachesCachedRead("select count(*) from \"" + ACCENTED_STORED + "\"",
                "insert into \"" + ACCENTED + "\" values (1)");
    }

    @Test
    void anExclusionByTheLongNameCoversReadsThroughTheStoredOne() throws SQLException {
        Properties exclusion = new Properties();
        exclusion.setProperty("cache.excludeTables", LONG);
        String read = "select count(*) from " + STORED;
        try (Connection connection = cached(exclusion); Statement statement = connection.createStatement();
             Connection plain = TestDatabases.postgres(); Statement outside = plain.createStatement()) {
            assertThat(count(statement, read)).isZero();
            outside.executeUpdate("insert into " + STORED + " values (1)");
            assertThat(count(statement, read)).isEqualTo(1);
        }
    }

    @Test
    void anExclusionByTheStoredNameCoversReadsThroughTheLongOne() throws SQLException {
        Properties exclusion = new Properties();
        exclusion.setProperty("cache.excludeTables", "\"" + ACCENTED_STORED + "\"");
        String read = "select count(*) from \"" + ACCENTED + "\"";
        try (Connection connection = cached(exclusion); Statement statement = connection.createStatement();
             Connection plain = TestDatabases.postgres(); Statement outside = plain.createStatement()) {
            assertThat(count(statement, read)).isZero();
            outside.executeUpdate("insert into \"" + ACCENTED_STORED + "\" values (1)");
            assertThat(count(statement, read)).isEqualTo(1);
        }
    }

    @Test
    void invalidatingATableByEitherSpellingReachesReadsThroughTheOther() throws SQLException {
        String read = "select count(*) from " + STORED;
        try (Connection connection = cached(); Statement statement = connection.createStatement();
             Connection plain = TestDatabases.postgres(); Statement outside = plain.createStatement()) {
            assertThat(count(statement, read)).isZero();
            outside.executeUpdate("insert into " + STORED + " values (1)");
            assertThat(count(statement, read)).as("served from the cache until invalidated").isZero();
            connection.unwrap(CacheControl.class).invalidateTable("public." + LONG.toUpperCase(Locale.ROOT));
            assertThat(count(statement, read)).isEqualTo(1);
        }
        String readLong = "select count(*) from \"" + ACCENTED + "\"";
        try (Connection connection = cached(); Statement statement = connection.createStatement();
             Connection plain = TestDatabases.postgres(); Statement outside = plain.createStatement()) {
            assertThat(count(statement, readLong)).isZero();
            outside.executeUpdate("insert into \"" + ACCENTED_STORED + "\" values (1)");
            connection.unwrap(CacheControl.class).invalidateTable("\"" + ACCENTED_STORED + "\"");
            assertThat(count(statement, readLong)).isEqualTo(1);
        }
    }

    @Test
    void unquotedWordsSpeltInAnyCaseShareAnEntryBecausePostgresqlFoldsThem() throws SQLException {
        String first = "select count(*) from " + STORED;
        String second = "SELECT COUNT(*) FROM " + STORED.toUpperCase(Locale.ROOT);
        try (Connection connection = cached(); Statement statement = connection.createStatement()) {
            CountingDriver.reset();
            assertThat(count(statement, first)).isZero();
            assertThat(count(statement, second)).isZero();
            assertThat(CountingDriver.executions(first)).isEqualTo(1);
            assertThat(CountingDriver.executions(second)).isZero();
        }
    }
}
