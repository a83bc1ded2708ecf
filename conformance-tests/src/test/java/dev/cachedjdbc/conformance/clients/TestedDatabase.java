package dev.cachedjdbc.conformance.clients;

import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/** The databases every client runs on: embedded H2, and the PostgreSQL server the tests are pointed at. */
enum TestedDatabase {

    H2 {
        @Override
        ScenarioDatabase create(String name) {
            String url = TestDatabases.uniqueH2Url(name);
            return new ScenarioDatabase(this, url, "", "", () -> shutDownH2(url));
        }
    },

    POSTGRESQL {
        @Override
        ScenarioDatabase create(String name) {
            TestDatabases.assumePostgres();
            String schema = name;
            runOnPostgres("drop schema if exists " + schema + " cascade", "create schema " + schema);
            String separator = TestDatabases.PG_URL.contains("?") ? "&" : "?";
            return new ScenarioDatabase(this, TestDatabases.PG_URL + separator + "currentSchema=" + schema,
                    TestDatabases.PG_USER, TestDatabases.PG_PASSWORD,
                    () -> runOnPostgres("drop schema if exists " + schema + " cascade"));
        }
    };

    /**
     * An empty database for one scenario run: a new in-memory H2 database, or a freshly created PostgreSQL schema
     * that the URL makes current. The name must start with the prefix of these tests.
     */
    abstract ScenarioDatabase create(String name);

    private static void runOnPostgres(String... statements) {
        Properties credentials = TestDatabases.postgresCredentials();
        try (Connection connection = DriverManager.getConnection(TestDatabases.PG_URL, credentials);
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not prepare PostgreSQL for the scenario", e);
        }
    }

    private static void shutDownH2(String url) {
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement()) {
            statement.execute("shutdown");
        } catch (SQLException e) {
            throw new IllegalStateException("could not release the H2 database " + url, e);
        }
    }
}
