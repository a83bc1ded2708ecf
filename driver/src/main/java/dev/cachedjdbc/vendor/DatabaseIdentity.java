package dev.cachedjdbc.vendor;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Who the server is, taken from the server itself, never from the URL text: two URLs reaching the same database
 * (host alias, default port spelled out or not, extra parameters, TCP or socket) give the same identity. Each
 * {@link DatabaseSupport} knows how its database tells who it is; this holds the forms every database can fall back
 * on. The identity names a database, not a session: users, roles and search paths that make the same text mean
 * different things are not part of it.
 */
public final class DatabaseIdentity {

    /** Connections whose database nothing else can reach; weakly held so that closed connections are forgotten. */
    private static final Map<Connection, String> CONNECTION_PRIVATE = Collections.synchronizedMap(new WeakHashMap<>());
    private static final AtomicLong CONNECTION_PRIVATE_SEQUENCE = new AtomicLong();

    private DatabaseIdentity() {
    }

    /**
     * The weak form, for a database that cannot tell who it is: the product name and
     * {@code DatabaseMetaData.getURL()}; two spellings of one URL give two identities, and a connection without a
     * URL gets an identity of its own. Also the fallback where a server refuses its own identity queries.
     */
    public static String fromUrl(Connection delegate) throws SQLException {
        DatabaseMetaData metaData = delegate.getMetaData();
        String url = metaData.getURL();
        if (url == null) {
            return connectionPrivate(delegate, "generic");
        }
        return "generic:" + metaData.getDatabaseProductName() + ":" + url;
    }

    /** An identity that only this connection has, for a database nothing else can reach. */
    public static String connectionPrivate(Connection delegate, String kind) {
        return CONNECTION_PRIVATE.computeIfAbsent(delegate,
                connection -> kind + ":connection-private:" + CONNECTION_PRIVATE_SEQUENCE.incrementAndGet());
    }
}
