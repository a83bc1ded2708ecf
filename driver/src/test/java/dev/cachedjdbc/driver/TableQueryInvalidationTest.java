package dev.cachedjdbc.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.testing.CountingDriver;
import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * A query whose table is named only by a {@code TABLE t} query inside it (a subquery, an array constructor, a set
 * operation) reads that table: an insert through the driver must reach its cached result.
 */
class TableQueryInvalidationTest {

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).as(sql).isTrue();
            return rows.getString(1);
        }
    }

    private static void assertInsertReachesCachedRead(Statement statement, String read, String insert,
                                                      String before, String after) throws SQLException {
        CountingDriver.reset();
        assertThat(single(statement, read)).isEqualTo(before);
        assertThat(single(statement, read)).isEqualTo(before);
        assertThat(CountingDriver.executions(read)).as("the second read is served from the cache").isEqualTo(1);
        statement.executeUpdate(insert);
        assertThat(single(statement, read)).as("a read after " + insert).isEqualTo(after);
    }

    @Test
    void anInsertReachesTableQueriesInASubqueryAnArrayAndAUnionOnPostgresql() throws SQLException {
        CountingDriver.register();
        TestDatabases.assumePostgres();
        try (Connection connection = DriverManager.getConnection(
                "jdbc:cached:counting:" + TestDatabases.PG_URL.substring("jdbc:".length()),
                TestDatabases.postgresCredentials()); Statement statement = connection.createStatement()) {
            statement.execute("drop table if exists cj_table_query");
            statement.execute("create table cj_table_query (id int)");
            try {
                assertInsertReachesCachedRead(statement, "SELECT count(*) FROM (TABLE cj_table_query) x",
                        "insert into cj_table_query values (1)", "0", "1");
                assertInsertReachesCachedRead(statement, "SELECT ARRAY(TABLE cj_table_query ORDER BY 1)::text",
                        "insert into cj_table_query values (2)", "{1}", "{1,2}");
                assertInsertReachesCachedRead(statement,
                        "SELECT count(*) FROM (SELECT 0 UNION ALL TABLE cj_table_query) x",
                        "insert into cj_table_query values (3)", "3", "4");
                assertInsertReachesCachedRead(statement, "SELECT 5 IN (TABLE cj_table_query)",
                        "insert into cj_table_query values (5)", "f", "t");
            } finally {
                statement.execute("drop table cj_table_query");
            }
        }
    }

    @Test
    void anInsertReachesATableQueryInASubqueryOnH2() throws SQLException {
        CountingDriver.register();
        try (Connection connection = DriverManager.getConnection("jdbc:cached:counting:"
                + TestDatabases.uniqueH2Url("tq").substring("jdbc:".length()));
             Statement statement = connection.createStatement()) {
            statement.execute("create table cj_table_query (id int)");
            assertInsertReachesCachedRead(statement, "SELECT COUNT(*) FROM (TABLE cj_table_query) x",
                    "insert into cj_table_query values (1)", "0", "1");
        }
    }
}
