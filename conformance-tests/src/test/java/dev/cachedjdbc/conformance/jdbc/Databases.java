package dev.cachedjdbc.conformance.jdbc;

import dev.cachedjdbc.testing.CountingDriver;
import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * One database reached two ways: directly through its own driver, and through the caching driver stacked on the
 * counting driver, so that a test can compare the two and see which queries really reached the database.
 */
record Databases(String plainUrl, Properties credentials) {

    static {
        CountingDriver.register();
    }

    static Databases postgres() {
        TestDatabases.assumePostgres();
        return new Databases(TestDatabases.PG_URL, TestDatabases.postgresCredentials());
    }

    static Databases h2(String prefix) {
        return new Databases(TestDatabases.uniqueH2Url(prefix), new Properties());
    }

    boolean isPostgres() {
        return plainUrl.startsWith("jdbc:postgresql:");
    }

    Connection direct() throws SQLException {
        return DriverManager.getConnection(plainUrl, credentials);
    }

    /** Through the caching driver, with these extra properties (cache.*) on top of the credentials. */
    Connection cached(String... properties) throws SQLException {
        Properties info = new Properties();
        info.putAll(credentials);
        info.setProperty("cache.jmx", "false");
        for (int i = 0; i + 1 < properties.length; i += 2) {
            info.setProperty(properties[i], properties[i + 1]);
        }
        return DriverManager.getConnection(cachedUrl(), info);
    }

    String cachedUrl() {
        return "jdbc:cached:counting:" + plainUrl.substring("jdbc:".length());
    }

    /** Runs setup or cleanup statements through the caching driver, so that every cache of the database sees them. */
    void run(String... statements) throws SQLException {
        try (Connection connection = cached(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
