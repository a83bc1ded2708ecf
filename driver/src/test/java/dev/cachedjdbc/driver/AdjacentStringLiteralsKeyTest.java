package dev.cachedjdbc.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachedjdbc.analysis.Dialect;
import dev.cachedjdbc.analysis.SqlAnalyzer;
import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL joins two string literals separated by a line break and rejects them side by side on one line: the two
 * texts must not share a cache key, or the rejected one would be answered with the joined string.
 */
class AdjacentStringLiteralsKeyTest {

    @Test
    void stringLiteralsOnTwoLinesAndOnOneLineHaveDifferentKeys() {
        SqlAnalyzer analyzer = new SqlAnalyzer();
        String joined = analyzer.analyze("select 'x'\n'y'", Dialect.POSTGRESQL).normalizedSql();
        String sideBySide = analyzer.analyze("select 'x' 'y'", Dialect.POSTGRESQL).normalizedSql();
        assertThat(joined).isNotEqualTo(sideBySide);
    }

    @Test
    void theRejectedTextIsNotAnsweredWithTheJoinedString() throws SQLException {
        TestDatabases.assumePostgres();
        try (Connection connection = DriverManager.getConnection(TestDatabases.cachedPostgresUrl(),
                TestDatabases.postgresCredentials()); Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("select 'x'\n'y'")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("xy");
            }
            assertThatThrownBy(() -> statement.executeQuery("select 'x' 'y'"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42601"));
        }
    }
}
