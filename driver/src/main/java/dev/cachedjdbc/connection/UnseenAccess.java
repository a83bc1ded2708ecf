package dev.cachedjdbc.connection;

import dev.cachedjdbc.vendor.postgres.PostgresHandOut;
import dev.cachedjdbc.vendor.postgres.WriteRoute;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What a caching connection hands out when the application unwraps it, or one of its statements, result sets or
 * metadata, to the database driver's own objects. pgjdbc's {@code PGConnection} and {@code PGStatement} interfaces
 * are handed out as stand-ins that keep every statement in the driver's sight (COPY through the write path). Any other
 * object of the database's driver that can run statements (its connection, statement, result set or metadata) is
 * handed out as it is, and the connection then fails safe: see {@link CachingConnection#unseenAccessHandedOut()}.
 * Anything else (values, wrapper interfaces the driver implements itself) is handed out unchanged.
 */
final class UnseenAccess {

    private final CachingConnection connection;
    /** The last stand-in handed out, so that unwrapping the same object again answers the same stand-in. */
    private volatile StandIn last;

    UnseenAccess(CachingConnection connection) {
        this.connection = connection;
    }

    Object handOut(Class<?> iface, Object unwrapped) {
        if (unwrapped == null) {
            return null;
        }
        if (connection.support().hasStandIn(unwrapped)) {
            StandIn previous = last;
            if (previous != null && previous.iface == iface && previous.standsFor == unwrapped) {
                return previous.standIn;
            }
            Object standIn = postgresStandIn(connection, iface, unwrapped);
            if (standIn != null) {
                last = new StandIn(iface, unwrapped, standIn);
                return standIn;
            }
        }
        if (unwrapped instanceof Connection || unwrapped instanceof Statement || unwrapped instanceof ResultSet
                || unwrapped instanceof DatabaseMetaData) {
            connection.unseenAccessHandedOut();
        }
        return unwrapped;
    }

    /** pgjdbc's interfaces as the driver hands them out; null where pgjdbc is not visible here or has none. */
    private static Object postgresStandIn(CachingConnection connection, Class<?> iface, Object unwrapped) {
        try {
            return PostgresHandOut.handOut(iface, unwrapped, new Route(connection), connection);
        } catch (LinkageError notVisible) {
            return null; // pgjdbc is not visible to the driver's class loader: hand out the object itself, failing safe
        }
    }

    private record StandIn(Class<?> iface, Object standsFor, Object standIn) {
    }

    /** Work of pgjdbc's APIs that reaches the database around the statement wrappers, run by the connection. */
    private record Route(CachingConnection connection) implements WriteRoute {

        @Override
        public <T> T run(String sql, Work<T> work) throws SQLException {
            return connection.execute(connection.analyze(sql), work::run);
        }

        @Override
        public Held hold(String sql) throws SQLException {
            Runnable end = connection.holdWrite(connection.analyze(sql));
            return end::run;
        }

        @Override
        public void unseenAccess() {
            connection.unseenAccessHandedOut();
        }

        @Override
        public void renderingSettingsChanged() {
            connection.renderingSettingsChanged();
        }
    }
}
