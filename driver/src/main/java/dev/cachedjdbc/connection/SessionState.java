package dev.cachedjdbc.connection;

import dev.cachedjdbc.runtime.DatabaseRuntime;
import dev.cachedjdbc.vendor.DatabaseSupport;
import dev.cachedjdbc.vendor.SessionReading;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;

/**
 * The part of a connection's session that can change query results — user and role, schema and search path, the
 * temporary tables that names may resolve to, every setting in force whatever set it — as one text that becomes part
 * of every cache key of the connection. It is read from the server, in one query, after anything that may have
 * changed it, so that two connections share entries exactly when their sessions resolve names and format values
 * alike. What is read, and how, is the database's (see {@link DatabaseSupport#sessionQuery()}); on databases whose
 * session cannot be read, a session change turns caching off for the connection.
 */
final class SessionState {

    private static final java.util.concurrent.atomic.AtomicLong PRIVATE_SESSIONS = new java.util.concurrent.atomic.AtomicLong();

    private final DatabaseSupport support;
    private final DatabaseRuntime database;
    private String fingerprint;
    private boolean opaque;
    private boolean changedInTransaction;
    private String isolation = "";
    private int jdbcIsolation = Connection.TRANSACTION_READ_COMMITTED;
    /** PostgreSQL reads a backslash in a plain string as an escape (standard_conforming_strings is off). */
    private boolean backslashEscapes;
    /** Set once the session created a temporary table: same-named tables of other sessions are other tables. */
    private String privateTo;

    SessionState(DatabaseSupport support, DatabaseRuntime database) {
        this.support = support;
        this.database = database;
    }

    /**
     * The session text for cache keys, reading it from the server when it is not known; null when the session
     * cannot be known (then the statement is not cached). Never throws: a failed read only costs the cache.
     */
    String fingerprint(Connection delegate, boolean explicitTransaction) {
        if (opaque) {
            return null;
        }
        if (fingerprint == null) {
            if (explicitTransaction) {
                // A transaction begun with SQL in autocommit cannot be guarded with a savepoint: a failed read
                // would abort it. Nothing is cached until it ends and the session can be read safely.
                return null;
            }
            String probed = probe(delegate);
            fingerprint = probed == null || privateTo == null ? probed : database.intern(probed + privateTo);
        }
        return fingerprint;
    }

    /**
     * Whether PostgreSQL may read a backslash in a plain string as an escape on this session right now: true while
     * standard_conforming_strings is off, and while the session is not known (after a change it could not be read).
     * Reads the session if it changed since it was last read.
     */
    boolean backslashMayEscape(Connection delegate, boolean explicitTransaction) {
        if (!support.stringsMayEscapeWithBackslash()) {
            return false;
        }
        return fingerprint(delegate, explicitTransaction) == null || backslashEscapes;
    }

    /** A cheap first test for {@link #backslashMayEscape}: false means certainly not, without reading anything. */
    boolean backslashMayEscapeUnread() {
        return support.stringsMayEscapeWithBackslash() && (fingerprint == null || backslashEscapes);
    }

    /**
     * The level set through JDBC. It is known exactly, so it decides from now on without reading the session again
     * (frameworks set it at the start of many transactions).
     */
    void jdbcIsolation(int level) {
        jdbcIsolation = level;
        isolation = "";
    }

    /**
     * Only READ COMMITTED reads may share results: a snapshot (REPEATABLE READ, SERIALIZABLE) must see its snapshot,
     * and READ UNCOMMITTED may see writes that are later rolled back.
     */
    boolean isolationAllowsCache() {
        if (isolation.isEmpty()) {
            return jdbcIsolation == Connection.TRANSACTION_READ_COMMITTED;
        }
        return isolation.equalsIgnoreCase("read committed");
    }

    String isolationName() {
        if (!isolation.isEmpty()) {
            return isolation;
        }
        return switch (jdbcIsolation) {
            case Connection.TRANSACTION_NONE -> "NONE";
            case Connection.TRANSACTION_READ_UNCOMMITTED -> "READ UNCOMMITTED";
            case Connection.TRANSACTION_READ_COMMITTED -> "READ COMMITTED";
            case Connection.TRANSACTION_REPEATABLE_READ -> "REPEATABLE READ";
            case Connection.TRANSACTION_SERIALIZABLE -> "SERIALIZABLE";
            default -> "level " + jdbcIsolation;
        };
    }

    /** A statement or API call that may have changed the session (SET, setSchema, USE, set_config …). */
    void changed(boolean inTransaction) {
        fingerprint = null;
        if (support.sessionQuery() == null) {
            opaque = true;
        }
        changedInTransaction |= inTransaction;
    }

    /**
     * The session created (or may have created) a temporary table, which only it can see under a name other
     * sessions may use for their own: from now on its entries are its own.
     */
    void makePrivate() {
        if (privateTo == null) {
            privateTo = "\u0002private:" + PRIVATE_SESSIONS.incrementAndGet();
            fingerprint = null;
        }
    }

    /**
     * ROLLBACK TO SAVEPOINT undoes what the transaction changed in the session since the savepoint: SET, SET LOCAL,
     * SET ROLE, set_config. Where the transaction changed anything, the session is read again.
     */
    void rolledBackToSavepoint() {
        if (changedInTransaction) {
            fingerprint = null;
        }
    }

    /** Settings made with SET LOCAL end with the transaction, and a rollback undoes every SET made in it. */
    void transactionEnded() {
        if (changedInTransaction) {
            changedInTransaction = false;
            fingerprint = null;
        }
    }

    private String probe(Connection delegate) {
        String query = support.sessionQuery();
        if (query == null) {
            return database.intern("generic");
        }
        Savepoint guard = null;
        try {
            // Inside the application's transaction a failed read must not abort it: a savepoint takes the failure.
            guard = delegate.getAutoCommit() ? null : delegate.setSavepoint();
            String text = read(delegate, query);
            if (guard != null) {
                delegate.releaseSavepoint(guard);
            }
            return text == null ? null : database.intern(text);
        } catch (SQLException | RuntimeException e) {
            if (guard != null) {
                try {
                    delegate.rollback(guard);
                } catch (SQLException ignored) {
                    // the transaction was already failing; the application will see that on its own statement
                }
            }
            return null;
        }
    }

    private String read(Connection delegate, String query) throws SQLException {
        try (Statement statement = delegate.createStatement(); ResultSet row = statement.executeQuery(query)) {
            if (!row.next()) {
                return null;
            }
            StringBuilder text = new StringBuilder();
            int columns = row.getMetaData().getColumnCount();
            for (int i = 1; i <= columns; i++) {
                text.append(row.getString(i)).append('\u0001');
            }
            SessionReading reading = support.readSession(row);
            isolation = reading.isolation();
            backslashEscapes = reading.backslashEscapes();
            if (reading.databaseSettings() != null) {
                database.databaseSettingsSeen(reading.databaseSettings());
            }
            if (reading.temporaryRelations() && privateTo == null) {
                // Created where the text did not show it (a function, say): same-named tables of other sessions
                // are other tables from now on.
                privateTo = "\u0002private:" + PRIVATE_SESSIONS.incrementAndGet();
            }
            return text.toString();
        }
    }
}
