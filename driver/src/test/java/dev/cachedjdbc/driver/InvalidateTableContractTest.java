package dev.cachedjdbc.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * {@link CacheControl#invalidateTable} reads the name it is given as the database reads a table name: a quoted part
 * is one part whatever it contains, so {@code "inv_a.b"} is the table of that name (here in schema inv_s) and not
 * table b of schema inv_a, and a quoted part keeps its case and spaces. A name without a schema reaches the table of
 * that name in every schema.
 * Each test caches reads, changes every table behind the driver's back, invalidates one name and looks at which reads
 * see the change.
 */
abstract class InvalidateTableContractTest extends OneDatabaseTest {

    static final String DOTTED = "select v from inv_s.\"inv_a.b\"";
    static final String B_OF_A = "select v from inv_a.b";
    static final String B_OF_S = "select v from inv_s.b";
    static final String MIXED = "select v from inv_s.\"Mixed Case\"";

    /** Creates the tables, each with the one value 1, caches a read of each and sets every value to 2 elsewhere. */
    Connection readerWithStaleReads() throws SQLException {
        run("create schema inv_a", "create schema inv_s",
                "create table inv_a.b (v int)", "insert into inv_a.b values (1)",
                "create table inv_s.b (v int)", "insert into inv_s.b values (1)",
                "create table inv_s.\"inv_a.b\" (v int)", "insert into inv_s.\"inv_a.b\" values (1)",
                "create table inv_s.\"Mixed Case\" (v int)", "insert into inv_s.\"Mixed Case\" values (1)");
        Connection reader = cached();
        for (String query : new String[] {DOTTED, B_OF_A, B_OF_S, MIXED}) {
            assertThat(first(reader, query)).as(query).isEqualTo("1");
        }
        try (Connection connection = direct(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("update inv_a.b set v = 2");
            statement.executeUpdate("update inv_s.b set v = 2");
            statement.executeUpdate("update inv_s.\"inv_a.b\" set v = 2");
            statement.executeUpdate("update inv_s.\"Mixed Case\" set v = 2");
        }
        for (String query : new String[] {DOTTED, B_OF_A, B_OF_S, MIXED}) {
            assertThat(first(reader, query)).as(query + " is served from the cache").isEqualTo("1");
        }
        return reader;
    }

    static void invalidate(Connection connection, String tableName) throws SQLException {
        connection.unwrap(CacheControl.class).invalidateTable(tableName);
    }

    @Test
    void aQuotedNameWithADotIsOneTableNotASchemaAndATable() throws SQLException {
        Connection reader = readerWithStaleReads();
        invalidate(reader, "\"inv_a.b\"");
        assertThat(first(reader, DOTTED)).isEqualTo("2");
        assertThat(first(reader, B_OF_A)).as("table b of schema inv_a is another table").isEqualTo("1");
        assertThat(first(reader, B_OF_S)).isEqualTo("1");
        assertThat(first(reader, MIXED)).isEqualTo("1");
    }

    @Test
    void aQuotedNameWithADotInAQualifiedNameIsTheLastPart() throws SQLException {
        Connection reader = readerWithStaleReads();
        invalidate(reader, "inv_s.\"inv_a.b\"");
        assertThat(first(reader, DOTTED)).isEqualTo("2");
        assertThat(first(reader, B_OF_A)).isEqualTo("1");
        assertThat(first(reader, B_OF_S)).isEqualTo("1");
    }

    @Test
    void aQuotedTableInAnUnquotedSchemaKeepsItsCaseAndSpace() throws SQLException {
        Connection reader = readerWithStaleReads();
        invalidate(reader, "inv_s.\"Mixed Case\"");
        assertThat(first(reader, MIXED)).isEqualTo("2");
        assertThat(first(reader, DOTTED)).isEqualTo("1");
        assertThat(first(reader, B_OF_S)).isEqualTo("1");
    }

    @Test
    void aSchemaAndATableWithoutQuotesNameTheTable() throws SQLException {
        Connection reader = readerWithStaleReads();
        invalidate(reader, "INV_A.B");
        assertThat(first(reader, B_OF_A)).isEqualTo("2");
        assertThat(first(reader, DOTTED)).as("the table named inv_a.b is another table").isEqualTo("1");
        assertThat(first(reader, MIXED)).isEqualTo("1");
    }

    @Test
    void aNameWithoutASchemaReachesTheTableOfThatNameInEverySchema() throws SQLException {
        Connection reader = readerWithStaleReads();
        invalidate(reader, "b");
        assertThat(first(reader, B_OF_A)).isEqualTo("2");
        assertThat(first(reader, B_OF_S)).isEqualTo("2");
        assertThat(first(reader, DOTTED)).isEqualTo("1");
    }

    @Test
    void aTextThatIsNoTableNameInvalidatesEverything() throws SQLException {
        Connection reader = readerWithStaleReads();
        invalidate(reader, "inv_s.\"Mixed Case");
        for (String query : new String[] {DOTTED, B_OF_A, B_OF_S, MIXED}) {
            assertThat(first(reader, query)).as(query).isEqualTo("2");
        }
    }
}
