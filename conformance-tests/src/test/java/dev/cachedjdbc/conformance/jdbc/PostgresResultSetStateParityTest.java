package dev.cachedjdbc.conformance.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** {@link ResultSetStateParityContract} on PostgreSQL. */
class PostgresResultSetStateParityTest extends ResultSetStateParityContract {

    @Override
    Databases connectDatabases() {
        return Databases.postgres();
    }

    @Override
    String slowQuery() {
        return "select count(*) from " + TABLE + " where id > 0";
    }

    /**
     * Another session holds an ACCESS EXCLUSIVE lock on the table, so that a read waits for it without using the
     * machine; closing rolls that transaction back.
     */
    @Override
    AutoCloseable slowDown() throws SQLException {
        Connection holder = databases.direct();
        holder.setAutoCommit(false);
        try (Statement statement = holder.createStatement()) {
            statement.execute("lock table " + TABLE + " in access exclusive mode");
        }
        return () -> {
            if (!holder.isClosed()) {
                holder.rollback();
                holder.close();
            }
        };
    }
}
