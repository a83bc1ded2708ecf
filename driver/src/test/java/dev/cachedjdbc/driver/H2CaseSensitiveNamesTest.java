package dev.cachedjdbc.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * H2 with DATABASE_TO_UPPER=FALSE keeps unquoted names as written, and NON_KEYWORDS lets a keyword be a name: then
 * {@code next} and {@code NEXT} are two tables, and {@code AS value} and {@code AS VALUE} two column labels. Each read
 * must get its own table's rows and its own label, and a write must reach every spelling of its table.
 */
class H2CaseSensitiveNamesTest {

    private static Connection cached(String settings) throws SQLException {
        return DriverManager.getConnection("jdbc:cached:" + TestDatabases.uniqueH2Url("case").substring("jdbc:".length())
                + ";DATABASE_TO_UPPER=FALSE" + settings);
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).as(sql).isTrue();
            return rows.getString(1);
        }
    }

    private static String label(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            return rows.getMetaData().getColumnLabel(1);
        }
    }

    private static void assertTablesSpeltApartAreReadApart(String lower) throws SQLException {
        String upper = lower.toUpperCase(java.util.Locale.ROOT);
        try (Connection connection = cached(""); Statement statement = connection.createStatement()) {
            statement.execute("create table " + lower + " (x varchar(10))");
            statement.execute("create table " + upper + " (x varchar(10))");
            statement.execute("insert into " + lower + " values ('lower')");
            statement.execute("insert into " + upper + " values ('upper')");
            for (int round = 0; round < 2; round++) {
                assertThat(single(statement, "SELECT x FROM " + lower)).isEqualTo("lower");
                assertThat(single(statement, "SELECT x FROM " + upper)).isEqualTo("upper");
            }
        }
    }

    @Test
    void tablesNamedNextAndNEXTAreReadApart() throws SQLException {
        assertTablesSpeltApartAreReadApart("next");
    }

    @Test
    void tablesNamedFirstAndFIRSTAreReadApart() throws SQLException {
        assertTablesSpeltApartAreReadApart("first");
    }

    @Test
    void tablesNamedRowsAndROWSAreReadApart() throws SQLException {
        assertTablesSpeltApartAreReadApart("rows");
    }

    @Test
    void columnLabelsKeepTheCaseTheyAreWrittenIn() throws SQLException {
        try (Connection connection = cached(";NON_KEYWORDS=VALUE"); Statement statement = connection.createStatement()) {
            statement.execute("create table t (x int)");
            statement.execute("insert into t values (1)");
            for (int round = 0; round < 2; round++) {
                assertThat(label(statement, "SELECT x AS value FROM t")).isEqualTo("value");
                assertThat(label(statement, "SELECT x AS VALUE FROM t")).isEqualTo("VALUE");
            }
        }
    }

    @Test
    void aWriteThroughAQuotedNameReachesAReadThroughTheSameNameUnquoted() throws SQLException {
        try (Connection connection = cached(""); Statement statement = connection.createStatement()) {
            statement.execute("create table straße (x int)");
            assertThat(single(statement, "SELECT count(*) FROM straße")).isEqualTo("0");
            statement.execute("insert into \"straße\" values (1)");
            assertThat(single(statement, "SELECT count(*) FROM straße")).isEqualTo("1");
        }
    }
}
