package dev.cachedjdbc.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.testing.CountingDriver;
import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.h2.api.Trigger;
import org.junit.jupiter.api.Test;

/** The driver's contract on embedded H2, plus what only H2 shows. */
class H2CachingTest extends CachingContractTest {

    private static final String URL = TestDatabases.uniqueH2Url("drv");

    @Override
    String plainUrl() {
        return URL;
    }

    @Override
    Properties credentials() {
        return new Properties();
    }

    @Override
    String beginStatement() {
        return "begin";
    }

    @Override
    String schemaName(String unquoted) {
        return unquoted.toUpperCase(java.util.Locale.ROOT);
    }

    @Override
    String createTemporaryTable(String name, String columns) {
        return "create local temporary table " + name + " " + columns;
    }

    @Override
    String defaultSchema() {
        return "public";
    }

    @Override
    String statementTheAnalyserCannotRead() {
        return "checkpoint sync";
    }

    /** Copies every new drv_item row into drv_audit: a write the statement text does not show. */
    public static final class AuditTrigger implements Trigger {
        @Override
        public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("insert into drv_audit values (" + newRow[0] + ")");
            }
        }
    }

    @Test
    void writesToATableWithATriggerInvalidateWhatTheTriggerWrites() throws SQLException {
        Connection connection = cached();
        try (Statement statement = connection.createStatement()) {
            statement.execute("create table drv_audit (item_id int)");
            statement.execute("create trigger drv_audit_trigger after insert on drv_item for each row call \""
                    + AuditTrigger.class.getName() + "\"");
            try {
                String audit = "select count(*) from drv_audit";
                assertThat(single(statement.executeQuery(audit))).isEqualTo("0");
                statement.executeUpdate("insert into drv_item values (7, 'kiwi', 7)");
                assertThat(single(statement.executeQuery(audit))).isEqualTo("1");
            } finally {
                statement.execute("drop trigger drv_audit_trigger");
                statement.execute("drop table drv_audit");
            }
        }
    }

    @Test
    void cachePropertiesInTheUrlAreTakenAndHiddenFromH2() throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                "jdbc:cached:counting:" + URL.substring("jdbc:".length()) + ";cache.ttl=5s;cache.maxResultRows=1")) {
            try (Statement statement = connection.createStatement()) {
                assertThat(count(statement.executeQuery(READ_ALL))).isEqualTo(3);
                assertThat(count(statement.executeQuery(READ_ALL))).isEqualTo(3);
            }
        }
        assertThat(CountingDriver.executions(READ_ALL)).as("maxResultRows=1 from the URL applies").isEqualTo(2);
    }

    @Test
    void namedInMemoryDatabaseReachedThroughTwoUrlsSharesInvalidation() throws SQLException {
        Connection reader = cached();
        assertThat(nameById(reader, 1)).isEqualTo("apple");
        try (Connection writer = DriverManager.getConnection("jdbc:cached:" + URL.substring("jdbc:".length())
                + ";IFEXISTS=TRUE"); Statement statement = writer.createStatement()) {
            statement.executeUpdate("update drv_item set name = 'twin' where id = 1");
        }
        assertThat(nameById(reader, 1)).isEqualTo("twin");
    }

    @Test
    void privateInMemoryDatabasesNeverShareEntries() throws SQLException {
        try (Connection first = DriverManager.getConnection("jdbc:cached:h2:mem:");
             Connection second = DriverManager.getConnection("jdbc:cached:h2:mem:");
             Statement one = first.createStatement(); Statement two = second.createStatement()) {
            one.execute("create table drv_private (v int)");
            two.execute("create table drv_private (v int)");
            one.execute("insert into drv_private values (1)");
            two.execute("insert into drv_private values (2)");
            assertThat(single(one.executeQuery("select v from drv_private"))).isEqualTo("1");
            assertThat(single(two.executeQuery("select v from drv_private"))).isEqualTo("2");
        }
    }

    @Test
    void resultSetsOfHitsAreIndependent() throws SQLException {
        Connection connection = cached();
        try (Statement statement = connection.createStatement()) {
            count(statement.executeQuery(READ_ALL));
            try (Statement other = connection.createStatement();
                 ResultSet first = statement.executeQuery(READ_ALL); ResultSet second = other.executeQuery(READ_ALL)) {
                assertThat(first.next()).isTrue();
                assertThat(first.next()).isTrue();
                assertThat(second.next()).isTrue();
                assertThat(first.getInt(1)).isEqualTo(2);
                assertThat(second.getInt(1)).isEqualTo(1);
            }
        }
        assertThat(CountingDriver.executions(READ_ALL)).isEqualTo(1);
    }
}
