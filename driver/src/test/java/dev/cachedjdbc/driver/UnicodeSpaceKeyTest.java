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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Characters Java counts as white space but PostgreSQL reads as part of a name must stay in the cache key: otherwise
 * a query naming a column that does not exist is answered with the result of the query without that character.
 */
class UnicodeSpaceKeyTest {

    @ParameterizedTest
    @ValueSource(strings = {"\u2028", "\u2029", "\u001C", "\u000B", "\u1680", "\u2003", "\u3000"})
    void aCharacterThatIsPartOfANameKeepsItsKeyApart(String character) {
        SqlAnalyzer analyzer = new SqlAnalyzer();
        for (Dialect dialect : Dialect.values()) {
            String plain = analyzer.analyze("select id from t", dialect).normalizedSql();
            String odd = analyzer.analyze("select id" + character + " from t", dialect).normalizedSql();
            assertThat(odd).as(dialect.name()).isNotEqualTo(plain);
        }
    }

    @Test
    void aColumnNameEndingInALineSeparatorIsNotAnsweredWithAnotherColumn() throws SQLException {
        TestDatabases.assumePostgres();
        try (Connection connection = DriverManager.getConnection(TestDatabases.cachedPostgresUrl(),
                TestDatabases.postgresCredentials()); Statement statement = connection.createStatement()) {
            statement.execute("drop table if exists cj_unicode_space");
            statement.execute("create table cj_unicode_space (id int)");
            try {
                statement.execute("insert into cj_unicode_space values (1)");
                try (ResultSet rows = statement.executeQuery("select id from cj_unicode_space")) {
                    assertThat(rows.next()).isTrue();
                }
                assertThatThrownBy(() -> statement.executeQuery("select id\u2028 from cj_unicode_space"))
                        .isInstanceOfSatisfying(SQLException.class,
                                e -> assertThat(e.getSQLState()).isEqualTo("42703"));
            } finally {
                statement.execute("drop table cj_unicode_space");
            }
        }
    }
}
