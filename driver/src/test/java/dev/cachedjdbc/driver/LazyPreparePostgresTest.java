package dev.cachedjdbc.driver;

import dev.cachedjdbc.statement.CachingPreparedStatement;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.testing.CountingDriver;
import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Lazy preparation on PostgreSQL, whose statement keeps the query timeout itself (H2's sets the connection's). */
class LazyPreparePostgresTest {

    private final String table = "lazy_pg_" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
    private String byRange;
    private Connection cached;

    @BeforeEach
    void createTable() throws SQLException {
        CountingDriver.register();
        CountingDriver.reset();
        try (Connection plain = TestDatabases.postgres(); Statement statement = plain.createStatement()) {
            statement.execute("create table " + table + " (id int primary key)");
            statement.execute("insert into " + table + " select generate_series(1, 10)");
        }
        byRange = "select id from " + table + " where id between ? and ? order by id";
        Properties properties = TestDatabases.postgresCredentials();
        properties.setProperty("cache.jmx", "false");
        cached = DriverManager.getConnection(
                "jdbc:cached:counting:" + TestDatabases.PG_URL.substring("jdbc:".length()), properties);
    }

    @AfterEach
    void dropTable() throws SQLException {
        if (cached != null) {
            cached.close();
        }
        try (Connection plain = TestDatabases.postgres(); Statement statement = plain.createStatement()) {
            statement.execute("drop table if exists " + table);
        }
        CountingDriver.reset();
    }

    @Test
    void settingsMadeBeforeAMissReachTheDriversStatementAndAHitCreatesNone() throws SQLException {
        try (PreparedStatement statement = cached.prepareStatement(byRange)) {
            statement.setInt(1, 1);
            statement.setInt(2, 1);
            statement.executeQuery().close();
        }
        try (PreparedStatement statement = cached.prepareStatement(byRange)) {
            statement.setQueryTimeout(7);
            statement.setFetchSize(3);
            statement.setMaxRows(2);
            statement.setInt(1, 4);
            statement.setInt(2, 9);
            assertThat(statement.getQueryTimeout()).isEqualTo(7);
            assertThat(CountingDriver.preparations(byRange)).isEqualTo(1);

            assertThat(ids(statement.executeQuery())).containsExactly(4, 5);

            // unwrap(PGStatement.class) hands out a stand-in without these getters; the driver's own statement is read
            // here from inside the driver.
            Statement driverStatement = ((CachingPreparedStatement) statement).delegate();
            assertThat(driverStatement.getQueryTimeout()).isEqualTo(7);
            assertThat(driverStatement.getFetchSize()).isEqualTo(3);
            assertThat(driverStatement.getMaxRows()).isEqualTo(2);
        }
        try (PreparedStatement statement = cached.prepareStatement(byRange)) {
            statement.setQueryTimeout(7);
            statement.setMaxRows(2);
            statement.setInt(1, 4);
            statement.setInt(2, 9);
            assertThat(ids(statement.executeQuery())).containsExactly(4, 5);
        }
        assertThat(CountingDriver.preparations(byRange)).isEqualTo(2);
        assertThat(CountingDriver.executions(byRange)).isEqualTo(2);
    }

    private static List<Integer> ids(ResultSet rows) throws SQLException {
        try (rows) {
            List<Integer> ids = new ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getInt(1));
            }
            return ids;
        }
    }
}
