package dev.cachedjdbc.conformance.jdbc;

/** {@link ResultSetStateParityContract} on embedded H2. */
class H2ResultSetStateParityTest extends ResultSetStateParityContract {

    @Override
    Databases connectDatabases() {
        return Databases.h2("cj_state");
    }

    /** A cross join of the table with two large ranges: billions of rows to count, in a query H2 can cancel. */
    @Override
    String slowQuery() {
        return "select count(*) from " + TABLE + " t, system_range(1, 1000000) a, system_range(1, 1000000) b"
                + " where a.x + b.x > t.id";
    }

    @Override
    AutoCloseable slowDown() {
        return () -> { };
    }
}
