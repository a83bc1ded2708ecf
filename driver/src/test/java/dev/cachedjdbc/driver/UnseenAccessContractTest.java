package dev.cachedjdbc.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.testing.CountingDriver;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * unwrap can reach the database driver's own connection, statements, result sets and metadata, which run statements
 * the caching driver never sees. Once such an object is handed out, what it writes is published at the connection's
 * next statement, cached read or transaction end: cached reads elsewhere see it from then on, and the connection
 * itself reads its own writes.
 */
abstract class UnseenAccessContractTest extends OneDatabaseTest {

    static final String NAME_OF_1 = "select name from ua_item where id = 1";

    /** The database driver's connection class. */
    abstract Class<? extends Connection> driverConnectionClass();

    /** The database driver's statement class. */
    abstract Class<? extends Statement> driverStatementClass();

    /** The database driver's result set class. */
    abstract Class<? extends ResultSet> driverResultSetClass();

    /** The database driver's metadata class. */
    abstract Class<? extends DatabaseMetaData> driverMetaDataClass();

    @BeforeEach
    void createTable() throws SQLException {
        run("drop table if exists ua_item", "create table ua_item (id int primary key, name varchar(20))",
                "insert into ua_item values (1, 'apple'), (2, 'pear')");
    }

    static Connection warmed(Connection reader) throws SQLException {
        assertThat(first(reader, NAME_OF_1)).isEqualTo("apple");
        return reader;
    }

    private static void rename(Connection raw, String name) throws SQLException {
        try (Statement statement = raw.createStatement()) {
            statement.executeUpdate("update ua_item set name = '" + name + "' where id = 1");
        }
    }

    @Test
    void writesThroughTheDriversConnectionAreSeenAfterTheNextStatement() throws SQLException {
        Connection reader = warmed(cached());
        Connection writer = cached();
        Connection raw = writer.unwrap(driverConnectionClass());
        rename(raw, "apricot");
        first(writer, "select 1");
        assertThat(first(reader, NAME_OF_1)).isEqualTo("apricot");
        rename(raw, "avocado");
        first(writer, "select 2");
        assertThat(first(reader, NAME_OF_1)).as("still watched after the first publication").isEqualTo("avocado");
    }

    @Test
    void theConnectionThatHandedOutItsDriversConnectionReadsWhatItWrote() throws SQLException {
        Connection writer = warmed(cached());
        Connection raw = writer.unwrap(driverConnectionClass());
        rename(raw, "apricot");
        assertThat(first(writer, NAME_OF_1)).isEqualTo("apricot");
    }

    @Test
    void inATransactionTheUnseenWriteIsReadBackAndNotCachedAndSeenAfterCommit() throws SQLException {
        Connection reader = warmed(cached());
        Connection writer = warmed(cached());
        writer.setAutoCommit(false);
        Connection raw = writer.unwrap(driverConnectionClass());
        rename(raw, "apricot");
        assertThat(first(writer, NAME_OF_1)).isEqualTo("apricot");
        assertThat(first(reader, NAME_OF_1)).isEqualTo("apple");
        writer.rollback();
        assertThat(first(writer, NAME_OF_1)).as("the rolled back write was not cached").isEqualTo("apple");
        rename(raw, "avocado");
        writer.commit();
        assertThat(first(reader, NAME_OF_1)).isEqualTo("avocado");
    }

    @Test
    void writesThroughTheDriversStatementAreSeenAfterTheNextStatement() throws SQLException {
        Connection reader = warmed(cached());
        Connection writer = cached();
        try (Statement statement = writer.createStatement()) {
            Statement raw = statement.unwrap(driverStatementClass());
            raw.executeUpdate("update ua_item set name = 'apricot' where id = 1");
        }
        first(writer, "select 1");
        assertThat(first(reader, NAME_OF_1)).isEqualTo("apricot");
    }

    @Test
    void writesThroughTheStatementOfTheDriversResultSetAreSeenAfterTheNextStatement() throws SQLException {
        Connection reader = warmed(cached());
        Connection writer = cached();
        try (Statement statement = writer.createStatement();
                ResultSet rows = statement.executeQuery("select id from ua_item where id = 2 for update")) {
            Statement raw = rows.unwrap(driverResultSetClass()).getStatement();
            rename(raw.getConnection(), "apricot");
        }
        first(writer, "select 1");
        assertThat(first(reader, NAME_OF_1)).isEqualTo("apricot");
    }

    @Test
    void writesThroughTheConnectionOfTheDriversMetaDataAreSeenAfterTheNextStatement() throws SQLException {
        Connection reader = warmed(cached());
        Connection writer = cached();
        rename(writer.getMetaData().unwrap(driverMetaDataClass()).getConnection(), "apricot");
        first(writer, "select 1");
        assertThat(first(reader, NAME_OF_1)).isEqualTo("apricot");
    }

    @Test
    void unwrappingToWhatTheWrapperItselfImplementsInvalidatesNothing() throws SQLException {
        Connection reader = warmed(cached());
        Connection writer = cached();
        writer.unwrap(CacheControl.class);
        writer.unwrap(Connection.class);
        try (Statement statement = writer.createStatement()) {
            statement.unwrap(Statement.class);
        }
        first(writer, "select 1");
        CountingDriver.reset();
        assertThat(first(reader, NAME_OF_1)).isEqualTo("apple");
        assertThat(CountingDriver.executions(NAME_OF_1)).as("still a hit").isZero();
    }
}
