package dev.cachedjdbc.driver;

import dev.cachedjdbc.analysis.Dialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;

/**
 * The part of a connection's session that can change query results — user and role, schema and search path,
 * settings such as the time zone — as one text that becomes part of every cache key of the connection. It is read
 * from the server after anything that may have changed it, so that two connections share entries exactly when their
 * sessions resolve names and format values alike. On databases whose session cannot be read, a session change turns
 * caching off for the connection.
 */
final class SessionState {

    private static final String POSTGRESQL_PROBE = "select current_user, session_user, current_schemas(true)::text,"
            + " current_setting('transaction_isolation'),"
            + " (select coalesce(string_agg(name || '=' || setting, ',' order by name), '') from pg_settings"
            + " where source in ('session', 'client') and name <> 'application_name')";
    private static final String H2_PROBE = "SELECT CURRENT_USER, CURRENT_SCHEMA,"
            + " (SELECT ISOLATION_LEVEL FROM INFORMATION_SCHEMA.SESSIONS WHERE SESSION_ID = SESSION_ID()),"
            + " (SELECT LISTAGG(SETTING_NAME || '=' || SETTING_VALUE, ',') WITHIN GROUP (ORDER BY SETTING_NAME)"
            + " FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME IN ('TIME ZONE', 'MODE', 'SCHEMA_SEARCH_PATH',"
            + " 'DEFAULT_NULL_ORDERING', 'IGNORECASE'))";

    private static final java.util.concurrent.atomic.AtomicLong PRIVATE_SESSIONS = new java.util.concurrent.atomic.AtomicLong();

    private final Dialect dialect;
    private final DatabaseRuntime database;
    private String fingerprint;
    private boolean opaque;
    private boolean changedInTransaction;
    private String isolation = "";
    private int jdbcIsolation = Connection.TRANSACTION_READ_COMMITTED;
    /** Set once the session created a temporary table: same-named tables of other sessions are other tables. */
    private String privateTo;

    SessionState(Dialect dialect, DatabaseRuntime database) {
        this.dialect = dialect;
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
            fingerprint = probed == null || privateTo == null ? probed : probed + privateTo;
        }
        return fingerprint;
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
        if (dialect == Dialect.GENERIC) {
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

    /** Settings made with SET LOCAL and the like end with the transaction. */
    void transactionEnded() {
        if (changedInTransaction) {
            changedInTransaction = false;
            fingerprint = null;
        }
    }

    private String probe(Connection delegate) {
        String query = switch (dialect) {
            case POSTGRESQL -> POSTGRESQL_PROBE;
            case H2 -> H2_PROBE;
            case GENERIC -> null;
        };
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
            String reported = dialect == Dialect.POSTGRESQL ? row.getString(4) : row.getString(3);
            isolation = reported == null ? "" : reported;
            return text.toString();
        }
    }
}
