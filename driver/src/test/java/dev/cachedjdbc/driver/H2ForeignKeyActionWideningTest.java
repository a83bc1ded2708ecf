package dev.cachedjdbc.driver;

import dev.cachedjdbc.testing.TestDatabases;
import java.util.Properties;

/** Foreign key widening by event on embedded H2. */
class H2ForeignKeyActionWideningTest extends ForeignKeyActionWideningContractTest {

    private static final String URL = TestDatabases.uniqueH2Url("fkwiden");

    @Override
    String plainUrl() {
        return URL;
    }

    @Override
    Properties credentials() {
        return new Properties();
    }
}
