package dev.cachedjdbc.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * One session opened twice, through the caching driver and through the database's own driver: every step runs on
 * both, and every read must give the same outcome (the same rows, or an error with the same SQLState) on both. A
 * session whose key the caching driver gets wrong reads another session's cached rows, and the twins disagree.
 */
final class TwinSession implements AutoCloseable {

    static {
        CachedJdbcDriver.register();
    }

    @FunctionalInterface
    interface Step {
        void on(Connection connection, Map<String, Savepoint> savepoints) throws SQLException;
    }

    private final Connection cached;
    private final Connection direct;
    private final Map<String, Savepoint> cachedSavepoints = new HashMap<>();
    private final Map<String, Savepoint> directSavepoints = new HashMap<>();

    TwinSession(String plainUrl, Properties properties) throws SQLException {
        this.direct = DriverManager.getConnection(plainUrl, properties);
        this.cached = DriverManager.getConnection("jdbc:cached:" + plainUrl.substring("jdbc:".length()), properties);
    }

    Connection cached() {
        return cached;
    }

    /** Runs a statement on both; both must succeed or fail alike. Returns the outcome. */
    String run(String sql) {
        return same("run " + sql, connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
                return "done";
            }
        });
    }

    /** Runs a JDBC step on both; both must succeed or fail alike. */
    String step(String description, Step step) {
        return same(description, connection -> {
            step.on(connection, connection == cached ? cachedSavepoints : directSavepoints);
            return "done";
        });
    }

    void setAutoCommit(boolean autoCommit) {
        step("setAutoCommit " + autoCommit, (connection, savepoints) -> connection.setAutoCommit(autoCommit));
    }

    void savepoint(String name) {
        step("setSavepoint " + name, (connection, savepoints) -> savepoints.put(name, connection.setSavepoint(name)));
    }

    void rollbackTo(String name) {
        step("rollback to " + name, (connection, savepoints) -> connection.rollback(savepoints.get(name)));
    }

    void commit() {
        step("commit", (connection, savepoints) -> connection.commit());
    }

    void rollback() {
        step("rollback", (connection, savepoints) -> connection.rollback());
    }

    /**
     * Reads through a plain statement on both; rows read through the cache are read there again, so that a hit must
     * agree too (an error may have aborted the transaction, and is not repeated).
     */
    String read(String sql) {
        String outcome = same("read " + sql, connection -> rows(connection, sql));
        if (!outcome.startsWith("error")) {
            assertThat(rows(cached, sql)).as("read again through the cache: %s", sql).isEqualTo(outcome);
        }
        return outcome;
    }

    /** Reads through a prepared statement on both. */
    String readPrepared(String sql) {
        return same("prepared read " + sql, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
                return describe(rows);
            }
        });
    }

    private static String rows(Connection connection, String sql) {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            return describe(rows);
        } catch (SQLException e) {
            return "error " + e.getSQLState();
        }
    }

    private static String describe(ResultSet rows) throws SQLException {
        StringBuilder text = new StringBuilder("rows");
        int columns = rows.getMetaData().getColumnCount();
        while (rows.next()) {
            text.append(" [");
            for (int i = 1; i <= columns; i++) {
                text.append(i > 1 ? ", " : "").append(rows.getString(i));
            }
            text.append(']');
        }
        return text.toString();
    }

    @FunctionalInterface
    private interface Action {
        String on(Connection connection) throws SQLException;
    }

    private String same(String description, Action action) {
        String expected = outcome(direct, action);
        String actual = outcome(cached, action);
        assertThat(actual).as(description).isEqualTo(expected);
        return actual;
    }

    private static String outcome(Connection connection, Action action) {
        try {
            return action.on(connection);
        } catch (SQLException e) {
            return "error " + e.getSQLState();
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            cached.close();
        } finally {
            direct.close();
        }
    }
}
