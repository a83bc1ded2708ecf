package dev.cachedjdbc.driver;

import dev.cachedjdbc.testing.TestDatabases;
import java.util.Properties;

/** Invalidation by name on H2, which folds unquoted names to upper case. */
class InvalidateTableH2Test extends InvalidateTableContractTest {

    private final String url = TestDatabases.uniqueH2Url("inv");

    @Override
    String plainUrl() {
        return url;
    }

    @Override
    Properties credentials() {
        return new Properties();
    }
}
