package dev.cachedjdbc.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGStatement;

class StatementSettingsPostgresTest extends StatementSettingsContract {

    private static final String TYPED =
            "select '12:00:00+02'::timetz, '{1,2}'::int[], '(1,2)'::point from sts_words where id = 1";

    @BeforeAll
    static void requirePostgres() {
        TestDatabases.assumePostgres();
    }

    @Override
    String plainUrl() {
        return TestDatabases.PG_URL;
    }

    @Override
    Properties credentials() {
        return TestDatabases.postgresCredentials();
    }

    /** pgjdbc's own statement settings (binary transfer from the first execution) change what getString gives. */
    @Test
    void aStatementWhoseDriverStatementWasHandedOutIsNotAnsweredFromTheCache() throws SQLException {
        PreparedStatement plain = direct().prepareStatement(TYPED);
        plain.unwrap(PGStatement.class).setPrepareThreshold(-1);
        String binary = row(plain);

        Connection connection = cached();
        assertThat(connection.unwrap(CacheControl.class).explain(TYPED)).contains("; cached;");
        String text = row(connection.prepareStatement(TYPED));
        assertThat(text).as("the test needs the two forms to differ").isNotEqualTo(binary);
        PreparedStatement unwrapped = connection.prepareStatement(TYPED);
        unwrapped.unwrap(PGStatement.class).setPrepareThreshold(-1);
        assertThat(row(unwrapped)).isEqualTo(binary);
        assertThat(row(unwrapped)).isEqualTo(binary);
        assertThat(row(connection.prepareStatement(TYPED))).as("other statements still read the cache").isEqualTo(text);
    }

    private static String row(PreparedStatement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3);
        }
    }
}
