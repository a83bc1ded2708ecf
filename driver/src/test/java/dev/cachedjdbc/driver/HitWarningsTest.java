package dev.cachedjdbc.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * A hit reports the warnings the database gave when the result was loaded — here PostgreSQL's notice that a text
 * search query holds only stop words — on a new statement as on the one that loaded it, and clearWarnings clears them.
 */
class HitWarningsTest {

    private static final String NOTICING_QUERY = "select to_tsquery('english', 'the') as cj_query";

    @Test
    void aHitReportsTheWarningsOfTheExecutionItStandsFor() throws SQLException {
        TestDatabases.assumePostgres();
        String expected;
        try (Connection direct = TestDatabases.postgres(); Statement statement = direct.createStatement()) {
            statement.executeQuery(NOTICING_QUERY).close();
            expected = describe(statement.getWarnings());
        }
        assertThat(expected).isNotEqualTo("none");
        try (Connection cached = DriverManager.getConnection(TestDatabases.cachedPostgresUrl(),
                TestDatabases.postgresCredentials())) {
            try (Statement loading = cached.createStatement()) {
                loading.executeQuery(NOTICING_QUERY).close();
                assertThat(describe(loading.getWarnings())).as("the loading read").isEqualTo(expected);
                loading.executeQuery(NOTICING_QUERY).close();
                assertThat(describe(loading.getWarnings())).as("a hit on the same statement").isEqualTo(expected);
                loading.clearWarnings();
                assertThat((Object) loading.getWarnings()).as("after clearWarnings").isNull();
            }
            try (Statement fresh = cached.createStatement()) {
                ResultSet rows = fresh.executeQuery(NOTICING_QUERY);
                rows.close();
                assertThat(describe(fresh.getWarnings())).as("a hit on a new statement").isEqualTo(expected);
                fresh.executeQuery("select 1 as cj_quiet").close();
                fresh.executeQuery("select 1 as cj_quiet").close();
                assertThat((Object) fresh.getWarnings()).as("a hit of a query that gave no warning").isNull();
            }
        }
    }

    private static String describe(SQLWarning chain) {
        StringBuilder text = new StringBuilder();
        for (SQLWarning warning = chain; warning != null; warning = warning.getNextWarning()) {
            text.append(warning.getSQLState()).append(' ').append(warning.getErrorCode()).append(' ')
                    .append(warning.getMessage()).append('\n');
        }
        return text.length() == 0 ? "none" : text.toString();
    }
}
