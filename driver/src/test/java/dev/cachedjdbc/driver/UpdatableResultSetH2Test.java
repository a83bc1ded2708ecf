package dev.cachedjdbc.driver;

import dev.cachedjdbc.testing.TestDatabases;
import java.util.Properties;

/** Updatable result sets on H2. */
class UpdatableResultSetH2Test extends UpdatableResultSetContractTest {

    private final String url = TestDatabases.uniqueH2Url("ur");

    @Override
    String plainUrl() {
        return url;
    }

    @Override
    Properties credentials() {
        return new Properties();
    }
}
