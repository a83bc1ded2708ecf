package dev.cachedjdbc.conformance.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A one-row PostgreSQL table for a fault test, created and dropped through the caching driver (so that the driver
 * knows it from its catalog), with the checks that follow every fault: reads through the cache return what the
 * database holds, before and after a later write through the driver.
 */
final class FaultTable implements AutoCloseable {

    private final String name;

    FaultTable(String name) throws SQLException {
        TestDatabases.assumePostgres();
        this.name = name;
        try (Connection connection = cachedConnection(TestDatabases.cachedPostgresUrl());
             Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + name);
            statement.execute("CREATE TABLE " + name + " (id INT PRIMARY KEY, v INT NOT NULL)");
            statement.executeUpdate("INSERT INTO " + name + " (id, v) VALUES (1, 1)");
        }
    }

    String name() {
        return name;
    }

    static Connection cachedConnection(String url) throws SQLException {
        return DriverManager.getConnection(url, TestDatabases.postgresCredentials());
    }

    /**
     * After a fault: this query, read through the cache at {@code cachedUrl} (where the faulted callers ran it),
     * returns what the plain driver returns, and still does after a write through the driver changed the row.
     */
    void assertCacheServesCurrentData(String cachedUrl, String sql) throws SQLException {
        assertSameRowsThroughCache(cachedUrl, sql);
        try (Connection connection = cachedConnection(cachedUrl);
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE " + name + " SET v = v + 1 WHERE id = 1");
        }
        assertSameRowsThroughCache(cachedUrl, sql);
    }

    static void assertSameRowsThroughCache(String cachedUrl, String sql) throws SQLException {
        String inDatabase;
        try (Connection plain = TestDatabases.postgres()) {
            inDatabase = rows(plain, sql);
        }
        try (Connection cached = cachedConnection(cachedUrl)) {
            // Twice: the first read may load, the second is answered from whatever the first one stored.
            assertThat(rows(cached, sql)).as("read through the cache after recovery: " + sql).isEqualTo(inDatabase);
            assertThat(rows(cached, sql)).as("second read through the cache after recovery: " + sql)
                    .isEqualTo(inDatabase);
        }
    }

    private static String rows(Connection connection, String sql) throws SQLException {
        StringBuilder text = new StringBuilder();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                for (int column = 1; column <= columns; column++) {
                    text.append(column == 1 ? "" : "|").append(rows.getString(column));
                }
                text.append('\n');
            }
        }
        return text.toString();
    }

    @Override
    public void close() throws SQLException {
        try (Connection connection = cachedConnection(TestDatabases.cachedPostgresUrl());
             Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + name);
        }
    }
}
