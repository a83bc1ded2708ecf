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
            statement.execute("drop schema if exists eq_citext cascade");
            statement.execute("create schema eq_citext");
            try {
                // Installed in a schema of its own, so that dropping the schema removes it again.
                statement.execute("create extension citext schema eq_citext");
            } catch (SQLException noCitext) {
                statement.execute("drop schema eq_citext cascade");
                Assumptions.abort("citext cannot be installed here: " + noCitext.getMessage());
            }
            statement.execute("drop table if exists eq_user");
            statement.execute("create table eq_user (id int primary key, email eq_citext.citext unique, name text)");
            statement.execute("insert into eq_user values (1, 'Ann@Example.org', 'Ann')");
        }
        try {
            readAndUpdateByCitext();
        } finally {
            try (Connection plain = DriverManager.getConnection(plainUrl(), credentials());
                    Statement statement = plain.createStatement()) {
                statement.execute("drop table eq_user");
                statement.execute("drop schema eq_citext cascade");
            }
        }
    }

    private void readAndUpdateByCitext() throws SQLException {
        // Literals, which PostgreSQL reads as citext here; a varchar parameter would be compared as text.
        String name = "select name from eq_user where email = 'ann@example.org'";
        try (Connection connection = cachedConnection(); Statement statement = connection.createStatement()) {
            // citext's operators are found on the path.
            statement.execute("set search_path to public, eq_citext");
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
