package dev.cachedjdbc.driver;

import dev.cachedjdbc.testing.CountingDriver;
import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;

/**
 * What a focused contract needs of the database it runs on: caching connections through {@link CountingDriver}, plain
 * ones, and a few one-line helpers. Subclasses name the database.
 */
abstract class OneDatabaseTest {

    static {
        CountingDriver.register();
        CachedJdbcDriver.register();
    }

    private final List<Connection> opened = new ArrayList<>();

    /** The plain JDBC URL of the database under test. */
    abstract String plainUrl();

    abstract Properties credentials();

    final boolean onPostgres() {
        return plainUrl().startsWith("jdbc:postgresql:");
    }

    /** A caching connection that counts what reaches the database; settings are name, value pairs. */
    final Connection cached(String... settings) throws SQLException {
        Properties properties = credentials();
        for (int i = 0; i < settings.length; i += 2) {
            properties.setProperty(settings[i], settings[i + 1]);
        }
        Connection connection = DriverManager.getConnection(
                "jdbc:cached:counting:" + plainUrl().substring("jdbc:".length()), properties);
        opened.add(connection);
        return connection;
    }

    /** A caching connection straight on the database's driver, with nothing in between. */
    final Connection cachedWithoutCounting() throws SQLException {
        Connection connection = DriverManager.getConnection(
                "jdbc:cached:" + plainUrl().substring("jdbc:".length()), credentials());
        opened.add(connection);
        return connection;
    }

    final Connection direct() throws SQLException {
        Connection connection = DriverManager.getConnection(plainUrl(), credentials());
        opened.add(connection);
        return connection;
    }

    /** Runs each statement through a caching connection, so that DDL makes the driver read the catalog again. */
    final void run(String... statements) throws SQLException {
        try (Connection connection = cached(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** The first column of the first row, as a string; null when there is no row. */
    static String first(Connection connection, String query) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(query)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    static String explain(Connection connection, String sql) throws SQLException {
        return connection.unwrap(CacheControl.class).explain(sql);
    }

    @AfterEach
    void closeConnections() {
        for (Connection connection : opened) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the test may have closed it already
            }
        }
        opened.clear();
        CountingDriver.reset();
    }

    /** The PostgreSQL server of {@link TestDatabases}; skipped, or failed where required, when it does not answer. */
    static String postgresUrl() {
        TestDatabases.assumePostgres();
        return TestDatabases.PG_URL;
    }
}
