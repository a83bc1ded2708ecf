package dev.cachedjdbc.driver;

import dev.cachedjdbc.testing.TestDatabases;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;

class BoundValueKeysPostgresTest extends BoundValueKeysContract {

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
    String text() {
        return "varchar(60)";
    }
}
