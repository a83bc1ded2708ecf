package dev.cachedjdbc.driver;

import dev.cachedjdbc.testing.TestDatabases;
import java.util.Properties;

class BoundValueKeysH2Test extends BoundValueKeysContract {

    private static final String URL = TestDatabases.uniqueH2Url("bound_values");

    @Override
    String plainUrl() {
        return URL;
    }

    @Override
    Properties credentials() {
        return new Properties();
    }

    @Override
    String text() {
        return "varchar(60)";
    }
}
