package dev.cachedjdbc.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.testing.CountingDriver;
import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * After DDL the catalog must be read again before reads are cached, and it is read only outside the application's
 * transactions. Applications whose every statement after their schema set-up runs in a transaction (ORMs on pooled
 * connections) give the driver that chance only when a transaction begins or ends: caching must resume there, not
 * stay off for good.
 */
class CatalogReadOutsideTransactionsTest {

    @BeforeAll
    static void registerCountingDriver() {
        CountingDriver.register();
    }

    private static String cachedCountingUrl(String prefix) {
        return "jdbc:cached:counting:" + TestDatabases.uniqueH2Url(prefix).substring("jdbc:".length());
    }

    @Test
    void readsInTransactionsAreCachedAgainAfterDdlOnTheSameConnection() throws SQLException {
        String read = "select name from drv_txread_item where id = ?";
        try (Connection connection = DriverManager.getConnection(cachedCountingUrl("drv_txread_same"))) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("create table drv_txread_item (id int primary key, name varchar(20))");
            }
            writeInTransaction(connection, "insert into drv_txread_item values (1, 'apple')");
            for (int transaction = 0; transaction < 3; transaction++) {
                readInTransaction(connection, read);
            }
        }
        assertThat(CountingDriver.executions(read)).as("the first read loads, the others are hits").isEqualTo(1);
    }

    @Test
    void pooledConnectionsOpenedBeforeDdlCacheTheirTransactionsReadsAfterIt() throws SQLException {
        String url = cachedCountingUrl("drv_txread_pool");
        String read = "select name from drv_txread_fruit where id = ?";
        try (Connection pooled = DriverManager.getConnection(url); Connection migrating = DriverManager.getConnection(url)) {
            try (Statement statement = migrating.createStatement()) {
                statement.execute("create table drv_txread_fruit (id int primary key, name varchar(20))");
            }
            writeInTransaction(pooled, "insert into drv_txread_fruit values (1, 'pear')");
            for (int transaction = 0; transaction < 3; transaction++) {
                readInTransaction(pooled, read);
            }
        }
        assertThat(CountingDriver.executions(read)).as("the first read loads, the others are hits").isEqualTo(1);
    }

    private static void writeInTransaction(Connection connection, String write) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(write);
        }
        connection.commit();
        connection.setAutoCommit(true);
    }

    /** As an ORM on a pooled connection does it: autocommit off, read, commit, autocommit back on. */
    private static void readInTransaction(Connection connection, String read) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement query = connection.prepareStatement(read)) {
            query.setInt(1, 1);
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).isTrue();
            }
        }
        connection.commit();
        connection.setAutoCommit(true);
    }
}
