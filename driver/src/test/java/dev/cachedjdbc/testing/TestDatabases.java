package dev.cachedjdbc.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the tests find their databases. H2 is embedded; PostgreSQL is the server named by the environment, and its
 * tests are skipped when it does not answer unless {@code CACHED_JDBC_REQUIRE_POSTGRES=true} makes them required.
 */
public final class TestDatabases {

    public static final String PG_URL = env("CACHED_JDBC_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String PG_USER = env("CACHED_JDBC_PG_USER", "postgres");
    public static final String PG_PASSWORD = env("CACHED_JDBC_PG_PASSWORD", "");

    private static final AtomicLong H2_NAMES = new AtomicLong();
    private static volatile Boolean postgresAnswers;

    private TestDatabases() {
    }

    /** The plain PostgreSQL URL with the cached prefix. */
    public static String cachedPostgresUrl() {
        return "jdbc:cached:" + PG_URL.substring("jdbc:".length());
    }

    public static Properties postgresCredentials() {
        Properties properties = new Properties();
        properties.setProperty("user", PG_USER);
        properties.setProperty("password", PG_PASSWORD);
        return properties;
    }

    /** A direct connection to PostgreSQL; skips or fails the calling test when the server does not answer. */
    public static Connection postgres() throws SQLException {
        assumePostgres();
        return DriverManager.getConnection(PG_URL, postgresCredentials());
    }

    /** Skips the calling test (or fails it where PostgreSQL is required) when the server does not answer. */
    public static void assumePostgres() {
        if (postgresAnswers == null) {
            postgresAnswers = probePostgres();
        }
        if (postgresAnswers) {
            return;
        }
        String message = "PostgreSQL does not answer at " + PG_URL + " as " + PG_USER
                + "; start it (pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start) or point"
                + " CACHED_JDBC_PG_URL, CACHED_JDBC_PG_USER and CACHED_JDBC_PG_PASSWORD at a server";
        if (Boolean.parseBoolean(System.getenv("CACHED_JDBC_REQUIRE_POSTGRES"))) {
            throw new AssertionError(message + " (CACHED_JDBC_REQUIRE_POSTGRES=true makes these tests required)");
        }
        Assumptions.abort(message);
    }

    /**
     * Skips the calling test (or fails it where PostgreSQL is required) unless the server allows logical decoding
     * ({@code wal_level=logical}) and prepared transactions, which {@code cache.coherence=logical} and its tests need.
     */
    public static void assumeLogicalDecoding() {
        assumePostgres();
        String walLevel;
        int preparedTransactions;
        try (Connection connection = DriverManager.getConnection(PG_URL, postgresCredentials());
                java.sql.Statement statement = connection.createStatement();
                java.sql.ResultSet row = statement.executeQuery("select current_setting('wal_level'),"
                        + " current_setting('max_prepared_transactions')::int")) {
            row.next();
            walLevel = row.getString(1);
            preparedTransactions = row.getInt(2);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        if ("logical".equals(walLevel) && preparedTransactions > 0) {
            return;
        }
        String message = "The PostgreSQL server at " + PG_URL + " has wal_level=" + walLevel
                + " and max_prepared_transactions=" + preparedTransactions + "; the logical-decoding tests need"
                + " wal_level=logical and max_prepared_transactions > 0: run ALTER SYSTEM SET wal_level = logical;"
                + " ALTER SYSTEM SET max_prepared_transactions = 20; and restart the server (.ci/run does this)";
        if (Boolean.parseBoolean(System.getenv("CACHED_JDBC_REQUIRE_POSTGRES"))) {
            throw new AssertionError(message + " (CACHED_JDBC_REQUIRE_POSTGRES=true makes these tests required)");
        }
        Assumptions.abort(message);
    }

    /** A fresh, uniquely named in-memory H2 database URL that lives until the JVM ends. */
    public static String uniqueH2Url(String prefix) {
        return "jdbc:h2:mem:" + prefix + "_" + H2_NAMES.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
    }

    private static boolean probePostgres() {
        Properties properties = postgresCredentials();
        properties.setProperty("connectTimeout", "3");
        try (Connection ignored = DriverManager.getConnection(PG_URL, properties)) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
