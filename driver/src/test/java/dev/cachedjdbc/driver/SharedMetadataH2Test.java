package dev.cachedjdbc.driver;

import dev.cachedjdbc.testing.TestDatabases;
import java.util.Properties;

/** Shared metadata on H2. */
class SharedMetadataH2Test extends SharedMetadataContractTest {

    private final String url = TestDatabases.uniqueH2Url("shm");

    @Override
    String plainUrl() {
        return url;
    }

    @Override
    Properties credentials() {
        return new Properties();
    }
}
