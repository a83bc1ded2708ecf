package dev.cachedjdbc.vendor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.analysis.Dialect;
import dev.cachedjdbc.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseIdentityH2Test {

    @TempDir
    Path directory;

    @Test
    void twoConnectionsToOneNamedInMemoryDatabaseShareAnIdentity() throws SQLException {
        String url = TestDatabases.uniqueH2Url("cat");
        try (Connection first = DriverManager.getConnection(url);
             Connection second = DriverManager.getConnection(url + ";MODE=PostgreSQL")) {
            assertThat(identity(first)).isEqualTo(identity(second));
        }
    }

    @Test
    void namedInMemoryDatabasesDifferingOnlyInCaseAreDifferentDatabases() throws SQLException {
        String url = TestDatabases.uniqueH2Url("cat");
        String upperCaseUrl = url.replace("jdbc:h2:mem:cat", "jdbc:h2:mem:CAT");
        try (Connection lower = DriverManager.getConnection(url);
             Connection upper = DriverManager.getConnection(upperCaseUrl)) {
            assertThat(identity(lower)).isNotEqualTo(identity(upper));
        }
    }

    @Test
    void distinctNamedInMemoryDatabasesHaveDistinctIdentities() throws SQLException {
        try (Connection first = DriverManager.getConnection(TestDatabases.uniqueH2Url("cat"));
             Connection second = DriverManager.getConnection(TestDatabases.uniqueH2Url("cat"))) {
            assertThat(identity(first)).isNotEqualTo(identity(second));
        }
    }

    @Test
    void eachPrivateInMemoryConnectionHasAnIdentityOfItsOwnThatStaysTheSame() throws SQLException {
        try (Connection first = DriverManager.getConnection("jdbc:h2:mem:");
             Connection second = DriverManager.getConnection("jdbc:h2:mem:")) {
            assertThat(identity(first)).isNotEqualTo(identity(second));
            assertThat(identity(first)).isEqualTo(identity(first));
        }
    }

    @Test
    void fileDatabasesAreKnownByTheirAbsolutePathHoweverTheUrlSpellsIt() throws SQLException {
        Path database = directory.resolve("shop");
        String plain = "jdbc:h2:file:" + database;
        String roundabout = "jdbc:h2:" + directory.resolve("elsewhere").resolve("..").resolve("shop") + ";IFEXISTS=FALSE";
        try (Connection first = DriverManager.getConnection(plain);
             Connection second = DriverManager.getConnection(roundabout);
             Connection other = DriverManager.getConnection("jdbc:h2:file:" + directory.resolve("stock"))) {
            assertThat(identity(first)).isEqualTo(identity(second));
            assertThat(identity(first)).isNotEqualTo(identity(other));
        }
    }

    @Test
    void aFileDatabaseReachedOverTcpUnderAnyHostAliasIsTheEmbeddedDatabase() throws SQLException {
        Path database = directory.resolve("served");
        Server server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
        try (Connection embedded = DriverManager.getConnection("jdbc:h2:file:" + database);
             Connection byName = DriverManager.getConnection(
                     "jdbc:h2:tcp://localhost:" + server.getPort() + "/" + database);
             Connection byAddress = DriverManager.getConnection(
                     "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/" + database)) {
            assertThat(identity(byName)).isEqualTo(identity(byAddress)).isEqualTo(identity(embedded));
        } finally {
            server.stop();
        }
    }

    @Test
    void anInMemoryDatabaseOnAServerIsNotMistakenForOneOfThisJvm() throws SQLException {
        String url = TestDatabases.uniqueH2Url("cat");
        String name = url.substring("jdbc:h2:mem:".length(), url.indexOf(';'));
        Server server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
        try (Connection local = DriverManager.getConnection(url);
             Connection remote = DriverManager.getConnection(
                     "jdbc:h2:tcp://localhost:" + server.getPort() + "/mem:" + name)) {
            assertThat(identity(remote)).isNotEqualTo(identity(local));
        } finally {
            server.stop();
        }
    }

    @Test
    void genericIdentityFollowsTheUrlTheDriverReports() throws SQLException {
        String url = TestDatabases.uniqueH2Url("cat");
        try (Connection first = DriverManager.getConnection(url);
             Connection second = DriverManager.getConnection(url);
             Connection other = DriverManager.getConnection(TestDatabases.uniqueH2Url("cat"))) {
            assertThat(DatabaseSupport.of(Dialect.GENERIC).identity(first))
                    .isEqualTo(DatabaseSupport.of(Dialect.GENERIC).identity(second))
                    .isNotEqualTo(DatabaseSupport.of(Dialect.GENERIC).identity(other))
                    .contains("H2");
        }
    }

    @Test
    void readingTheIdentityLeavesTheCallersTransactionOpen() throws SQLException {
        try (Connection connection = DriverManager.getConnection(TestDatabases.uniqueH2Url("cat"))) {
            connection.createStatement().execute("CREATE TABLE pending_rows(id INT)");
            connection.setAutoCommit(false);
            connection.createStatement().execute("INSERT INTO pending_rows VALUES (1)");

            identity(connection);
            connection.rollback();

            assertThat(rowCount(connection)).isZero();
        }
    }

    private static long rowCount(Connection connection) throws SQLException {
        try (var rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM pending_rows")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String identity(Connection connection) throws SQLException {
        return DatabaseSupport.of(Dialect.H2).identity(connection);
    }
}
