package dev.cachedjdbc.conformance.jdbc;

/** {@link HostileInputParityContract} on embedded H2. */
class H2HostileInputParityTest extends HostileInputParityContract {

    @Override
    Databases connectDatabases() {
        return Databases.h2("cj_hostile");
    }
}
