package dev.cachedjdbc.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rows changed through an updatable result set (updateRow, insertRow, deleteRow) are writes like any other: cached
 * reads of the table, on this connection or another, see them once they are committed, and a transaction that made
 * them reads its own.
 */
abstract class UpdatableResultSetContractTest extends OneDatabaseTest {

    static final String NAME_OF_1 = "select name from ur_item where id = 1";
    static final String COUNT = "select count(*) from ur_item";
    static final String ROWS = "select id, name from ur_item";

    @BeforeEach
    void createTable() throws SQLException {
        run("drop table if exists ur_item", "create table ur_item (id int primary key, name varchar(20))",
                "insert into ur_item values (1, 'apple'), (2, 'pear')");
    }

    /** Reads once so that the next read is a hit, unless something invalidated it. */
    static Connection warmed(Connection reader) throws SQLException {
        assertThat(first(reader, NAME_OF_1)).isEqualTo("apple");
        assertThat(first(reader, COUNT)).isEqualTo("2");
        return reader;
    }

    private static Statement updatable(Connection connection) throws SQLException {
        return connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_UPDATABLE);
    }

    private static void renameFirst(ResultSet rows, String name) throws SQLException {
        while (rows.next()) {
            if (rows.getInt(1) == 1) {
                rows.updateString(2, name);
                rows.updateRow();
                return;
            }
        }
        throw new AssertionError("no row 1");
    }

    @Test
    void updateRowIsSeenByACachedReadOnAnotherConnection() throws SQLException {
        Connection reader = warmed(cached());
        try (Statement statement = updatable(cached()); ResultSet rows = statement.executeQuery(ROWS)) {
            renameFirst(rows, "apricot");
        }
        assertThat(first(reader, NAME_OF_1)).isEqualTo("apricot");
    }

    @Test
    void insertRowIsSeenByACachedReadOnAnotherConnection() throws SQLException {
        Connection reader = warmed(cached());
        try (Statement statement = updatable(cached()); ResultSet rows = statement.executeQuery(ROWS)) {
            rows.moveToInsertRow();
            rows.updateInt(1, 3);
            rows.updateString(2, "plum");
            rows.insertRow();
        }
        assertThat(first(reader, COUNT)).isEqualTo("3");
    }

    @Test
    void deleteRowIsSeenByACachedReadOnAnotherConnection() throws SQLException {
        Connection reader = warmed(cached());
        try (Statement statement = updatable(cached()); ResultSet rows = statement.executeQuery(ROWS)) {
            assertThat(rows.next()).isTrue();
            rows.deleteRow();
        }
        assertThat(first(reader, COUNT)).isEqualTo("1");
    }

    @Test
    void preparedStatementsWriteThroughTheirResultSetsToo() throws SQLException {
        Connection reader = warmed(cached());
        try (PreparedStatement statement = cached().prepareStatement(ROWS + " where id = ?",
                ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_UPDATABLE)) {
            statement.setInt(1, 1);
            try (ResultSet rows = statement.executeQuery()) {
                renameFirst(rows, "apricot");
            }
        }
        assertThat(first(reader, NAME_OF_1)).isEqualTo("apricot");
    }

    @Test
    void theResultOfExecuteWritesThroughToo() throws SQLException {
        Connection reader = warmed(cached());
        try (Statement statement = updatable(cached())) {
            assertThat(statement.execute(ROWS)).isTrue();
            try (ResultSet rows = statement.getResultSet()) {
                renameFirst(rows, "apricot");
            }
        }
        assertThat(first(reader, NAME_OF_1)).isEqualTo("apricot");
    }

    @Test
    void inATransactionTheWriteIsReadBackThereAndSeenElsewhereAfterCommit() throws SQLException {
        Connection reader = warmed(cached());
        Connection writer = warmed(cached());
        writer.setAutoCommit(false);
        try (Statement statement = updatable(writer); ResultSet rows = statement.executeQuery(ROWS)) {
            renameFirst(rows, "apricot");
        }
        assertThat(first(writer, NAME_OF_1)).as("the transaction reads its own write").isEqualTo("apricot");
        assertThat(first(reader, NAME_OF_1)).as("not yet committed").isEqualTo("apple");
        writer.commit();
        assertThat(first(reader, NAME_OF_1)).isEqualTo("apricot");
        assertThat(first(writer, NAME_OF_1)).isEqualTo("apricot");
    }

    @Test
    void aRolledBackWriteIsNeitherCachedNorServed() throws SQLException {
        Connection reader = warmed(cached());
        Connection writer = warmed(cached());
        writer.setAutoCommit(false);
        try (Statement statement = updatable(writer); ResultSet rows = statement.executeQuery(ROWS)) {
            renameFirst(rows, "apricot");
            rows.moveToInsertRow();
            rows.updateInt(1, 3);
            rows.updateString(2, "plum");
            rows.insertRow();
        }
        assertThat(first(writer, NAME_OF_1)).isEqualTo("apricot");
        assertThat(first(writer, COUNT)).isEqualTo("3");
        writer.rollback();
        assertThat(first(writer, NAME_OF_1)).isEqualTo("apple");
        assertThat(first(writer, COUNT)).isEqualTo("2");
        assertThat(first(reader, NAME_OF_1)).isEqualTo("apple");
    }
}
