package dev.cachedjdbc.driver;

import dev.cachedjdbc.testing.TestDatabases;
import java.util.Properties;

/** Admission on PostgreSQL. */
class AdmissionPostgresTest extends AdmissionContractTest {

    @Override
    String plainUrl() {
        return postgresUrl();
    }

    @Override
    Properties credentials() {
        return TestDatabases.postgresCredentials();
    }
}
