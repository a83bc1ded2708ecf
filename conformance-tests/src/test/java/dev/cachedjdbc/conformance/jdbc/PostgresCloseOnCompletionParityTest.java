package dev.cachedjdbc.conformance.jdbc;

/** {@link CloseOnCompletionParityContract} on PostgreSQL. */
class PostgresCloseOnCompletionParityTest extends CloseOnCompletionParityContract {

    @Override
    Databases connectDatabases() {
        return Databases.postgres();
    }
}
