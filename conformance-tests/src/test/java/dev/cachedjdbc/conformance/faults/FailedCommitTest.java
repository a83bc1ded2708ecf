package dev.cachedjdbc.conformance.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Commits that fail on PostgreSQL because a deferred constraint is violated: the caller gets the database's
 * exception unchanged (the same as from the plain driver), and the rolled-back writes never show through the
 * cache, neither while the transaction is open nor after its commit failed.
 */
class FailedCommitTest {

    private static final String PARENT = "sk_fault_parent";
    private static final String CHILD = "sk_fault_child";
    private static final String SLOT = "sk_fault_slot";
    private static final String CHILDREN = "SELECT id, parent_id, note FROM " + CHILD + " ORDER BY id";
    private static final String SLOTS = "SELECT id, slot FROM " + SLOT + " ORDER BY id";

    private final String cachedUrl = TestDatabases.cachedPostgresUrl();

    @BeforeEach
    void createTables() throws SQLException {
        TestDatabases.assumePostgres();
        try (Connection connection = cached(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + CHILD + ", " + PARENT + ", " + SLOT);
            statement.execute("CREATE TABLE " + PARENT + " (id INT PRIMARY KEY)");
            statement.execute("CREATE TABLE " + CHILD + " (id INT PRIMARY KEY, parent_id INT REFERENCES " + PARENT
                    + " DEFERRABLE INITIALLY DEFERRED, note TEXT)");
            statement.execute("CREATE TABLE " + SLOT + " (id INT PRIMARY KEY, slot INT,"
                    + " CONSTRAINT sk_fault_slot_unique UNIQUE (slot) DEFERRABLE INITIALLY DEFERRED)");
            statement.executeUpdate("INSERT INTO " + PARENT + " VALUES (1)");
            statement.executeUpdate("INSERT INTO " + CHILD + " VALUES (1, 1, 'committed')");
            statement.executeUpdate("INSERT INTO " + SLOT + " VALUES (1, 1), (2, 2)");
        }
    }

    @AfterEach
    void dropTables() throws SQLException {
        TestDatabases.assumePostgres();
        try (Connection connection = cached(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + CHILD + ", " + PARENT + ", " + SLOT);
        }
    }

    @Test
    void aCommitFailingOnADeferredForeignKeyThrowsTheDatabasesErrorAndItsWritesNeverShow() throws Exception {
        assertFailedCommitLeavesNoTrace(CHILDREN, "23503",
                "UPDATE " + CHILD + " SET note = 'rolled back' WHERE id = 1",
                "INSERT INTO " + CHILD + " VALUES (2, 99, 'orphan')");
    }

    @Test
    void aCommitFailingOnADeferredUniqueConstraintThrowsTheDatabasesErrorAndItsWritesNeverShow() throws Exception {
        assertFailedCommitLeavesNoTrace(SLOTS, "23505", "UPDATE " + SLOT + " SET slot = 2 WHERE id = 1");
    }

    @Test
    void anAutocommitStatementFailingOnADeferredConstraintThrowsTheDatabasesErrorAndShowsNothing() throws Exception {
        String orphan = "INSERT INTO " + CHILD + " VALUES (3, 99, 'orphan')";
        String before = cachedRows(CHILDREN);
        SQLException expected = autocommitFailure(TestDatabases.postgres(), orphan);
        SQLException actual = autocommitFailure(cached(), orphan);

        assertSameException(actual, expected, "23503");
        assertThat(cachedRows(CHILDREN)).isEqualTo(before).isEqualTo(plainRows(CHILDREN));
    }

    private void assertFailedCommitLeavesNoTrace(String query, String state, String... writes) throws Exception {
        String before = cachedRows(query);
        assertThat(cachedRows(query)).as("cached before the transaction").isEqualTo(before);

        SQLException expected = failedCommit(TestDatabases.postgres(), query, writes);
        SQLException actual = failedCommit(cached(), query, writes);

        assertSameException(actual, expected, state);
        assertThat(cachedRows(query)).as("read through the cache after the failed commit").isEqualTo(before);
        assertThat(plainRows(query)).as("the database after the failed commit").isEqualTo(before);
        FaultTable.assertSameRowsThroughCache(cachedUrl, query);
    }

    /** Writes in a transaction whose commit fails; meanwhile a second caller reads through the cache. */
    private SQLException failedCommit(Connection writer, String query, String... writes) throws Exception {
        try (writer) {
            String committed = plainRows(query);
            writer.setAutoCommit(false);
            try (Statement statement = writer.createStatement()) {
                for (String write : writes) {
                    statement.executeUpdate(write);
                }
            }
            String ownView = rows(writer, query);
            assertThat(ownView).as("the transaction reads its own writes").isNotEqualTo(committed);
            try (Connection reader = cached()) {
                assertThat(rows(reader, query)).as("another caller while the transaction is open")
                        .isEqualTo(committed);
            }
            SQLException failure = catchThrowableOfType(SQLException.class, writer::commit);
            try (Connection reader = cached()) {
                assertThat(rows(reader, query)).as("another caller right after the failed commit")
                        .isEqualTo(committed);
            }
            assertThat(rows(writer, query)).as("the failed writer's own next read").isEqualTo(committed);
            writer.rollback();
            return failure;
        }
    }

    private static SQLException autocommitFailure(Connection connection, String write) throws SQLException {
        try (connection; Statement statement = connection.createStatement()) {
            return catchThrowableOfType(SQLException.class, () -> statement.executeUpdate(write));
        }
    }

    private static void assertSameException(SQLException actual, SQLException expected, String state) {
        assertThat((Throwable) expected).as("the plain driver's failure").isNotNull();
        assertThat(expected.getSQLState()).isEqualTo(state);
        // SQLException is also an Iterable of its chain: assert on it as the Throwable it is.
        assertThat((Throwable) actual).as("through the cache").isExactlyInstanceOf(expected.getClass())
                .hasMessage(expected.getMessage());
        assertThat(actual.getSQLState()).isEqualTo(expected.getSQLState());
        assertThat(actual.getErrorCode()).isEqualTo(expected.getErrorCode());
    }

    private Connection cached() throws SQLException {
        return DriverManager.getConnection(cachedUrl, TestDatabases.postgresCredentials());
    }

    private String cachedRows(String sql) throws SQLException {
        try (Connection connection = cached()) {
            return rows(connection, sql);
        }
    }

    private static String plainRows(String sql) throws SQLException {
        try (Connection connection = TestDatabases.postgres()) {
            return rows(connection, sql);
        }
    }

    /** The rows as text, one row after another. */
    private static String rows(Connection connection, String sql) throws SQLException {
        StringBuilder text = new StringBuilder();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                for (int column = 1; column <= columns; column++) {
                    text.append(column == 1 ? "" : "|").append(rows.getString(column));
                }
                text.append(';');
            }
        }
        return text.toString();
    }
}
