package dev.cachedjdbc.schema;

import dev.cachedjdbc.analysis.Dialect;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Who the server is, taken from the server itself, never from the URL text: two URLs reaching the same database
 * (host alias, default port spelled out or not, extra parameters, TCP or socket) give the same identity.
 *
 * <p>The identity names a database, not a session: users, roles and search paths that make the same text mean
 * different things are not part of it.
 *
 * <ul>
 *   <li>PostgreSQL: the cluster's system identifier (when the user may call {@code pg_control_system()}), the
 *       postmaster start time and port, and the database oid and name. The start time separates a primary from its
 *       replicas, which share the system identifier; a restart yields a new identity, which only costs misses.</li>
 *   <li>H2: a file database by its absolute path ({@code DATABASE_PATH()}, the path on the server for TCP
 *       connections); a named in-memory database by its case-sensitive name; a private {@code jdbc:h2:mem:}
 *       database by an identity unique to its one connection. An in-memory database reached over TCP keeps its
 *       URL location, so aliases of that server do not share an identity.</li>
 *   <li>Any other database (the weak case): the product name and {@code DatabaseMetaData.getURL()}; two spellings
 *       of one URL give two identities, and a connection without a URL gets an identity of its own.</li>
 * </ul>
 * When the server refuses the identity queries, the weak form is used instead of failing.
 */
public final class DatabaseIdentity {

    private static final String POSTGRES_SERVER_FACTS = """
            SELECT d.oid,
                   d.datname,
                   (extract(epoch FROM pg_catalog.pg_postmaster_start_time()) * 1000000)::bigint,
                   pg_catalog.current_setting('port'),
                   pg_catalog.has_function_privilege(
                       pg_catalog.to_regprocedure('pg_catalog.pg_control_system()'), 'EXECUTE')
            FROM pg_catalog.pg_database d
            WHERE d.datname = pg_catalog.current_database()""";

    private static final String POSTGRES_SYSTEM_IDENTIFIER =
            "SELECT system_identifier FROM pg_catalog.pg_control_system()";

    private static final String H2_DATABASE_PATH = "SELECT DATABASE_PATH()";
    private static final String H2_URL_PREFIX = "jdbc:h2:";
    private static final String H2_IN_MEMORY = "mem:";

    /** Connections whose database nothing else can reach; weakly held so that closed connections are forgotten. */
    private static final Map<Connection, String> CONNECTION_PRIVATE = Collections.synchronizedMap(new WeakHashMap<>());
    private static final AtomicLong CONNECTION_PRIVATE_SEQUENCE = new AtomicLong();

    private DatabaseIdentity() {
    }

    public static String of(Connection delegate, Dialect dialect) throws SQLException {
        try {
            if (dialect == Dialect.POSTGRESQL) {
                return postgres(delegate);
            }
            if (dialect == Dialect.H2) {
                return h2(delegate);
            }
        } catch (SQLException refused) {
            // Servers that look like PostgreSQL or H2 but lack their functions still deserve an identity.
            return generic(delegate);
        }
        return generic(delegate);
    }

    private static String postgres(Connection delegate) throws SQLException {
        return CallerTransactionGuard.read(delegate, connection -> {
            StringBuilder identity = new StringBuilder("postgresql:");
            boolean mayReadControl;
            String databaseOid;
            String databaseName;
            String startedMicros;
            String port;
            try (Statement statement = connection.createStatement();
                 ResultSet server = statement.executeQuery(POSTGRES_SERVER_FACTS)) {
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

    private static String systemIdentifier(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet control = statement.executeQuery(POSTGRES_SYSTEM_IDENTIFIER)) {
            return control.next() ? control.getString(1) : "unknown";
        }
    }

    private static String h2(Connection delegate) throws SQLException {
        String databasePath = CallerTransactionGuard.read(delegate, connection -> {
            try (Statement statement = connection.createStatement();
                 ResultSet path = statement.executeQuery(H2_DATABASE_PATH)) {
                return path.next() ? path.getString(1) : null;
            }
        });
        if (databasePath != null) {
            return "h2:file:" + databasePath;
        }
        String location = h2Location(delegate.getMetaData().getURL());
        int inMemory = location == null ? -1 : location.lastIndexOf(H2_IN_MEMORY);
        if (inMemory < 0) {
            return connectionPrivate(delegate, "h2");
        }
        String name = location.substring(inMemory + H2_IN_MEMORY.length());
        if (name.isEmpty()) {
            return connectionPrivate(delegate, "h2");
        }
        // Only a database of this JVM is found by name alone; one on a server is named by where it was reached.
        return inMemory == 0 ? "h2:mem:" + name : "h2:remote:" + location;
    }

    /** The URL without its {@code jdbc:h2:} prefix and {@code ;} settings, or null when it is not an H2 URL. */
    private static String h2Location(String url) {
        if (url == null || !url.regionMatches(true, 0, H2_URL_PREFIX, 0, H2_URL_PREFIX.length())) {
            return null;
        }
        String location = url.substring(H2_URL_PREFIX.length());
        int settings = location.indexOf(';');
        return settings < 0 ? location : location.substring(0, settings);
    }

    private static String generic(Connection delegate) throws SQLException {
        DatabaseMetaData metaData = delegate.getMetaData();
        String url = metaData.getURL();
        if (url == null) {
            return connectionPrivate(delegate, "generic");
        }
        return "generic:" + metaData.getDatabaseProductName() + ":" + url;
    }

    private static String connectionPrivate(Connection delegate, String kind) {
        return CONNECTION_PRIVATE.computeIfAbsent(delegate,
                connection -> kind + ":connection-private:" + CONNECTION_PRIVATE_SEQUENCE.incrementAndGet());
    }
}
