package dev.cachedjdbc.driver;

import dev.cachedjdbc.testing.TestDatabases;
import java.util.Properties;

class StatementSettingsH2Test extends StatementSettingsContract {

    private static final String URL = TestDatabases.uniqueH2Url("statement_settings");

    @Override
    String plainUrl() {
        return URL;
    }

    @Override
    Properties credentials() {
        return new Properties();
    }
}
