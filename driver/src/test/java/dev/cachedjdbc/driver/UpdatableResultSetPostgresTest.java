package dev.cachedjdbc.driver;

import dev.cachedjdbc.testing.TestDatabases;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;

/** Updatable result sets on PostgreSQL, whose driver writes each row change with a statement of its own. */
class UpdatableResultSetPostgresTest extends UpdatableResultSetContractTest {

    @Override
    String plainUrl() {
        return postgresUrl();
    }

    @Override
    Properties credentials() {
        return TestDatabases.postgresCredentials();
    }

    @AfterEach
    void dropTable() throws SQLException {
        closeConnections();
        run("drop table if exists ur_item");
    }
}
