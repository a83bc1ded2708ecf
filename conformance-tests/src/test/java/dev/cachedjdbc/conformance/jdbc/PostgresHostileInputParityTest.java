package dev.cachedjdbc.conformance.jdbc;

/** {@link HostileInputParityContract} on PostgreSQL. */
class PostgresHostileInputParityTest extends HostileInputParityContract {

    @Override
    Databases connectDatabases() {
        return Databases.postgres();
    }
}
