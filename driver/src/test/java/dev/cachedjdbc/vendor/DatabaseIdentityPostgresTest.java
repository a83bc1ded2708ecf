package dev.cachedjdbc.vendor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.analysis.Dialect;
import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DatabaseIdentityPostgresTest {

    private static final Pattern LOCAL_URL =
            Pattern.compile("jdbc:postgresql://(127\\.0\\.0\\.1|localhost)(?::(\\d+))?/([^?]+)(\\?.*)?");

    private String port;
    private String database;

    @BeforeEach
    void requireALocalServer() {
        TestDatabases.assumePostgres();
        Matcher url = LOCAL_URL.matcher(TestDatabases.PG_URL);
        Assumptions.assumeTrue(url.matches(), "URL variants are built only for a server on this host: " + TestDatabases.PG_URL);
        port = url.group(2) == null ? "5432" : url.group(2);
        database = url.group(3);
    }

    @Test
    void everySpellingOfTheUrlOfOneDatabaseGivesOneIdentity() throws SQLException {
        String byAddress = identity("jdbc:postgresql://127.0.0.1:" + port + "/" + database);
        String byName = identity("jdbc:postgresql://localhost:" + port + "/" + database);
        String withSessionSettings = identity("jdbc:postgresql://localhost:" + port + "/" + database
                + "?ApplicationName=cat_identity&options=-c%20TimeZone%3DPacific/Chatham%20-c%20DateStyle%3DSQL");

        assertThat(byName).isEqualTo(byAddress);
        assertThat(withSessionSettings).isEqualTo(byAddress);
        if (port.equals("5432")) {
            assertThat(identity("jdbc:postgresql://localhost/" + database)).isEqualTo(byAddress);
        }
    }

    @Test
    void anotherDatabaseOfTheSameServerHasAnotherIdentity() throws SQLException {
        String otherDatabase = database.equals("postgres") ? "template1" : "postgres";

        assertThat(identity("jdbc:postgresql://127.0.0.1:" + port + "/" + otherDatabase))
                .isNotEqualTo(identity("jdbc:postgresql://127.0.0.1:" + port + "/" + database));
    }

    @Test
    void theIdentityComesFromTheServerNotFromTheWeakUrlForm() throws SQLException {
        assertThat(identity(TestDatabases.PG_URL)).startsWith("postgresql:").doesNotContain("jdbc:");
    }

    @Test
    void readingTheIdentityLeavesTheCallersTransactionOpenAndUsable() throws SQLException {
        try (Connection connection = TestDatabases.postgres()) {
            connection.setAutoCommit(false);
            connection.createStatement().execute("CREATE TEMPORARY TABLE cat_identity_pending(id int)");

            DatabaseSupport.of(Dialect.POSTGRESQL).identity(connection);
            connection.createStatement().execute("INSERT INTO cat_identity_pending VALUES (1)");
            connection.rollback();

            try (var tables = connection.createStatement().executeQuery(
                    "SELECT count(*) FROM pg_class WHERE relname = 'cat_identity_pending'")) {
                tables.next();
                assertThat(tables.getLong(1)).isZero();
            }
        }
    }

    private static String identity(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, TestDatabases.postgresCredentials())) {
            return DatabaseSupport.of(Dialect.POSTGRESQL).identity(connection);
        }
    }
}
