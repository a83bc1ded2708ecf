package dev.cachedjdbc.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Invalidation by equality on PostgreSQL: the caseless table compares its titles under a nondeterministic ICU
 * collation, and a citext column is compared without regard to case as well.
 */
class EqualityInvalidationPostgresTest extends EqualityInvalidationContractTest {

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

    @Override
    void createCaselessTable(Statement statement) throws SQLException {
        try {
            statement.execute("create collation if not exists eq_caseless_collation"
                    + " (provider = icu, locale = 'und-u-ks-level2', deterministic = false)");
        } catch (SQLException noIcu) {
            Assumptions.abort("this server has no ICU collations: " + noIcu.getMessage());
        }
        statement.execute("create table eq_caseless (id int primary key, title text collate eq_caseless_collation,"
                + " note varchar(20))");
        statement.execute("insert into eq_caseless values (1, 'main', 'old')");
    }

    @Test
    void aCitextKeyReachesEveryReadOfItsTable() throws SQLException {
        try (Connection plain = DriverManager.getConnection(plainUrl(), credentials());
                Statement statement = plain.createStatement()) {
            try {
                statement.execute("create extension if not exists citext");
            } catch (SQLException noCitext) {
                Assumptions.abort("citext cannot be installed here: " + noCitext.getMessage());
            }
            statement.execute("drop table if exists eq_user");
            statement.execute("create table eq_user (id int primary key, email citext unique, name text)");
            statement.execute("insert into eq_user values (1, 'Ann@Example.org', 'Ann')");
        }
        // Literals, which PostgreSQL reads as citext here; a varchar parameter would be compared as text.
        String name = "select name from eq_user where email = 'ann@example.org'";
        try (Connection connection = cachedConnection(); Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery(name)) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("Ann");
            }
            assertThat(statement.executeUpdate("update eq_user set name = 'Anne' where email = 'ANN@EXAMPLE.ORG'"))
                    .isEqualTo(1);
            try (ResultSet rows = statement.executeQuery(name)) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("Anne");
            }
        }
    }
}
