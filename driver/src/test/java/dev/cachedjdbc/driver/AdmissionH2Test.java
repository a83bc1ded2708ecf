package dev.cachedjdbc.driver;

import dev.cachedjdbc.testing.TestDatabases;
import java.util.Properties;

/** Admission on H2. */
class AdmissionH2Test extends AdmissionContractTest {

    private final String url = TestDatabases.uniqueH2Url("admission");

    @Override
    String plainUrl() {
        return url;
    }

    @Override
    Properties credentials() {
        return new Properties();
    }
}
