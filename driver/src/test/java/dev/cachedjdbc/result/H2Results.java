package dev.cachedjdbc.result;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** An H2 database of small tables for the tests that need a real driver's result but no particular types. */
final class H2Results implements AutoCloseable {

    final Connection connection;

    H2Results() throws SQLException {
        connection = DriverManager.getConnection(TestDatabases.uniqueH2Url("rs"));
    }

    /** A table {@code name} with rows id 1..rows and a label 'row N' (NULL for every third row). */
    H2Results numbered(String name, int rows) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + name + " (id INT PRIMARY KEY, label VARCHAR(40))");
            statement.execute("INSERT INTO " + name + " SELECT x, CASE WHEN MOD(x, 3) = 0 THEN NULL"
                    + " ELSE 'row ' || x END FROM SYSTEM_RANGE(1, " + rows + ")");
        }
        return this;
    }

    void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Captures a query's whole result, which must fit. */
    CachedResult capture(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet resultSet = statement.executeQuery(sql)) {
            CaptureOutcome outcome = ResultCapture.capture(resultSet, statement, Integer.MAX_VALUE, Long.MAX_VALUE);
            assertThat(outcome.isCached()).as("captured %s", outcome).isTrue();
            return outcome.result();
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
