package dev.cachedjdbc.vendor.postgres;

import dev.cachedjdbc.schema.CallerTransactionGuard;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * PostgreSQL's identity: the cluster's system identifier (when the user may call {@code pg_control_system()}), the
 * postmaster start time and port, and the database oid and name. The start time separates a primary from its
 * replicas, which share the system identifier; a restart yields a new identity, which only costs misses.
 */
final class PostgresIdentity {

    private static final String SERVER_FACTS = """
            SELECT d.oid,
                   d.datname,
                   (extract(epoch FROM pg_catalog.pg_postmaster_start_time()) * 1000000)::bigint,
                   pg_catalog.current_setting('port'),
                   pg_catalog.has_function_privilege(
                       pg_catalog.to_regprocedure('pg_catalog.pg_control_system()'), 'EXECUTE')
            FROM pg_catalog.pg_database d
            WHERE d.datname = pg_catalog.current_database()""";

    private static final String SYSTEM_IDENTIFIER =
            "SELECT system_identifier FROM pg_catalog.pg_control_system()";

    private PostgresIdentity() {
    }

    static String of(Connection delegate) throws SQLException {
        return CallerTransactionGuard.read(delegate, connection -> {
            StringBuilder identity = new StringBuilder("postgresql:");
            boolean mayReadControl;
            String databaseOid;
            String databaseName;
            String startedMicros;
            String port;
            try (Statement statement = connection.createStatement();
                 ResultSet server = statement.executeQuery(SERVER_FACTS)) {
                if (!server.next()) {
                    throw new SQLException("the current database is missing from pg_database");
                }
                databaseOid = server.getString(1);
                databaseName = server.getString(2);
                startedMicros = server.getString(3);
                port = server.getString(4);
                mayReadControl = server.getBoolean(5);
            }
            identity.append("system=").append(mayReadControl ? systemIdentifier(connection) : "unknown");
            identity.append(":started=").append(startedMicros);
            identity.append(":port=").append(port);
            identity.append(":database=").append(databaseOid).append('/').append(databaseName);
            return identity.toString();
        });
    }

    /**
     * Whether this connection reaches another server than the identity given (restarted, or another in its place).
     * An identity that cannot be read says nothing: the server is taken as the same.
     */
    static boolean replaced(Connection connection, String identity) {
        try {
            return !of(connection).equals(identity);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    private static String systemIdentifier(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet control = statement.executeQuery(SYSTEM_IDENTIFIER)) {
            return control.next() ? control.getString(1) : "unknown";
        }
    }
}
