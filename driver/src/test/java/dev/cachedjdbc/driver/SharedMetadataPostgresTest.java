package dev.cachedjdbc.driver;

import dev.cachedjdbc.testing.TestDatabases;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;

/** Shared metadata on PostgreSQL. */
class SharedMetadataPostgresTest extends SharedMetadataContractTest {

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
        run("drop table if exists shm_item");
    }
}
