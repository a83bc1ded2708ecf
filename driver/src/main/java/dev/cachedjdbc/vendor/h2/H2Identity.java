package dev.cachedjdbc.vendor.h2;

import dev.cachedjdbc.schema.CallerTransactionGuard;
import dev.cachedjdbc.vendor.DatabaseIdentity;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * H2's identity: a file database by its absolute path ({@code DATABASE_PATH()}, the path on the server for TCP
 * connections); a named in-memory database by its case-sensitive name; a private {@code jdbc:h2:mem:} database by
 * an identity unique to its one connection. An in-memory database reached over TCP keeps its URL location, so
 * aliases of that server do not share an identity.
 */
final class H2Identity {

    private static final String DATABASE_PATH = "SELECT DATABASE_PATH()";
    private static final String URL_PREFIX = "jdbc:h2:";
    private static final String IN_MEMORY = "mem:";

    private H2Identity() {
    }

    static String of(Connection delegate) throws SQLException {
        String databasePath = CallerTransactionGuard.read(delegate, connection -> {
            try (Statement statement = connection.createStatement();
                 ResultSet path = statement.executeQuery(DATABASE_PATH)) {
                return path.next() ? path.getString(1) : null;
            }
        });
        if (databasePath != null) {
            return "h2:file:" + databasePath;
        }
        String location = location(delegate.getMetaData().getURL());
        int inMemory = location == null ? -1 : location.lastIndexOf(IN_MEMORY);
        if (inMemory < 0) {
            return DatabaseIdentity.connectionPrivate(delegate, "h2");
        }
        String name = location.substring(inMemory + IN_MEMORY.length());
        if (name.isEmpty()) {
            return DatabaseIdentity.connectionPrivate(delegate, "h2");
        }
        // Only a database of this JVM is found by name alone; one on a server is named by where it was reached.
        return inMemory == 0 ? "h2:mem:" + name : "h2:remote:" + location;
    }

    /** The URL without its {@code jdbc:h2:} prefix and {@code ;} settings, or null when it is not an H2 URL. */
    private static String location(String url) {
        if (url == null || !url.regionMatches(true, 0, URL_PREFIX, 0, URL_PREFIX.length())) {
            return null;
        }
        String location = url.substring(URL_PREFIX.length());
        int settings = location.indexOf(';');
        return settings < 0 ? location : location.substring(0, settings);
    }
}
