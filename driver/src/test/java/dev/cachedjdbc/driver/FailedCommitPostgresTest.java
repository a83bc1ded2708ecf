package dev.cachedjdbc.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A commit that PostgreSQL refuses ends the transaction there, rolled back: nothing of it stays open here. */
class FailedCommitPostgresTest {

    private static final String READ = "select count(*) from sk_drv_child";

    @BeforeEach
    void createTables() throws SQLException {
        TestDatabases.assumePostgres();
        try (Connection connection = cached(); Statement statement = connection.createStatement()) {
            statement.execute("drop table if exists sk_drv_child, sk_drv_parent");
            statement.execute("create table sk_drv_parent (id int primary key)");
            statement.execute("create table sk_drv_child (id int primary key, parent_id int references sk_drv_parent"
                    + " deferrable initially deferred)");
        }
    }

    @AfterEach
    void dropTables() throws SQLException {
        TestDatabases.assumePostgres();
        try (Connection connection = cached(); Statement statement = connection.createStatement()) {
            statement.execute("drop table if exists sk_drv_child, sk_drv_parent");
        }
    }

    @Test
    void aCommitFailingOnADeferredConstraintLeavesOtherConnectionsCaching() throws SQLException {
        try (Connection failing = cached(); Connection reader = cached()) {
            failing.setAutoCommit(false);
            try (Statement statement = failing.createStatement()) {
                statement.executeUpdate("insert into sk_drv_child values (1, 99)");
            }
            SQLException refused = catchThrowableOfType(SQLException.class, failing::commit);
            assertThat(refused.getSQLState()).isEqualTo("23503");

            // The failing connection stays open without a rollback, as an application may leave it.
            CacheControl cache = reader.unwrap(CacheControl.class);
            assertThat(count(reader)).isZero();
            long hits = cache.statistics().hits();
            assertThat(count(reader)).isZero();
            assertThat(cache.statistics().hits()).as("the second read is answered from the cache").isEqualTo(hits + 1);
        }
    }

    @Test
    void theFailedConnectionsNextTransactionReadsThroughTheCacheAgain() throws SQLException {
        try (Connection failing = cached()) {
            failing.setAutoCommit(false);
            try (Statement statement = failing.createStatement()) {
                statement.executeUpdate("insert into sk_drv_child values (1, 99)");
            }
            catchThrowableOfType(SQLException.class, failing::commit);

            assertThat(failing.unwrap(CacheControl.class).explain(READ)).contains("; cached;");
            assertThat(count(failing)).isZero();
        }
    }

    private static long count(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(READ)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Connection cached() throws SQLException {
        return DriverManager.getConnection(TestDatabases.cachedPostgresUrl(), TestDatabases.postgresCredentials());
    }
}
