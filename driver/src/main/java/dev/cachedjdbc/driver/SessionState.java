package dev.cachedjdbc.driver;

import dev.cachedjdbc.analysis.Dialect;
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
 * alike. On databases whose session cannot be read, a session change turns caching off for the connection.
 */
final class SessionState {

    /**
     * Every setting whose value is not the server's built-in default counts, whatever its source: the session (SET,
     * set_config), the client (the startup packet, {@code options}), the role, the database, the two together, the
     * configuration file, the command line. A setting at its built-in default has the same value in every session
     * of the server, so leaving those out only shortens the text. Left out as well:
     * <ul>
     *   <li>settings of the contexts internal, postmaster and sighup: they cannot differ between sessions of one
     *       server (nothing but the server's own configuration sets them) and none changes what a query returns;</li>
     *   <li>application_name, which only labels the session and may differ between connections of one pool;</li>
     *   <li>the transaction's own characteristics (its isolation is read on its own; read-only and deferrable
     *       refuse or delay statements but never change their rows), which frameworks switch per transaction;</li>
     *   <li>timeouts, which decide whether a statement may finish, never what it returns.</li>
     * </ul>
     * The last column lists the session's temporary relations: one created or dropped, however (DISCARD, a function,
     * ON COMMIT DROP), changes what names resolve to. Reading pg_class is skipped while the session has no temporary
     * schema, which most never have. Values are quoted, so that no value (a custom setting's, say) can pass for
     * other settings.
     */
    private static final String POSTGRESQL_PROBE = "select current_user, session_user, current_schemas(true)::text,"
            + " current_setting('transaction_isolation'), current_setting('standard_conforming_strings'),"
            + " (select coalesce(string_agg(name || '=' || quote_literal(setting), ',' order by name), '')"
            + " from pg_settings"
            + " where source <> 'default' and context not in ('internal', 'postmaster', 'sighup')"
            + " and name not in ('application_name', 'transaction_isolation', 'transaction_read_only',"
            + " 'transaction_deferrable', 'default_transaction_read_only', 'default_transaction_deferrable',"
            + " 'statement_timeout', 'lock_timeout', 'idle_in_transaction_session_timeout', 'idle_session_timeout')),"
            + " case when pg_my_temp_schema() = 0 then '' else (select coalesce(string_agg(oid::text, ','"
            + " order by oid), '') from pg_class where relnamespace = pg_my_temp_schema()) end";

    /** H2 settings that belong to the session; every other row of INFORMATION_SCHEMA.SETTINGS is the database's. */
    private static final String H2_SESSION_SETTINGS = "'TIME ZONE', 'NON_KEYWORDS', 'TRUNCATE_LARGE_LENGTH',"
            + " 'VARIABLE_BINARY', 'QUERY_TIMEOUT'";

    /**
     * SESSION_STATE holds what a session of H2 set for itself: schema, search path, time zone, variables, and the
     * definitions of its local temporary tables. The settings are split: the session's, and the database's, which
     * every connection shares (one connection's SET MODE, or a setting in the URL of a connection being opened,
     * changes them for all) and which are reported to the database runtime. Left out: the query timeout, which H2's
     * statements set on the whole session and which never changes rows; info.* and property.*, which describe the
     * engine and the JVM, and among which some counters change all the time.
     */
    static final String H2_PROBE = "SELECT CURRENT_USER,"
            + " (SELECT ISOLATION_LEVEL FROM INFORMATION_SCHEMA.SESSIONS WHERE SESSION_ID = SESSION_ID()),"
            + " (SELECT LISTAGG(STATE_KEY || '=' || STATE_COMMAND, ',') WITHIN GROUP (ORDER BY STATE_KEY)"
            + " FROM INFORMATION_SCHEMA.SESSION_STATE),"
            + " (SELECT LISTAGG(SETTING_NAME || '=' || SETTING_VALUE, ',') WITHIN GROUP (ORDER BY SETTING_NAME)"
            + " FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME IN (" + H2_SESSION_SETTINGS + ")"
            + " AND SETTING_NAME <> 'QUERY_TIMEOUT'),"
            + " (SELECT LISTAGG(SETTING_NAME || '=' || SETTING_VALUE, ',') WITHIN GROUP (ORDER BY SETTING_NAME)"
            + " FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME NOT IN (" + H2_SESSION_SETTINGS + ")"
            + " AND SETTING_NAME NOT LIKE 'info.%' AND SETTING_NAME NOT LIKE 'property.%'),"
            + " (SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_TYPE = 'LOCAL TEMPORARY')";

    private static final java.util.concurrent.atomic.AtomicLong PRIVATE_SESSIONS = new java.util.concurrent.atomic.AtomicLong();

    private final Dialect dialect;
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
        if (dialect != Dialect.POSTGRESQL) {
            return false;
        }
        return fingerprint(delegate, explicitTransaction) == null || backslashEscapes;
    }

    /** A cheap first test for {@link #backslashMayEscape}: false means certainly not, without reading anything. */
    boolean backslashMayEscapeUnread() {
        return dialect == Dialect.POSTGRESQL && (fingerprint == null || backslashEscapes);
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
            boolean temporaryRelations;
            if (dialect == Dialect.POSTGRESQL) {
                isolation = nonNull(row.getString(4));
                backslashEscapes = "off".equalsIgnoreCase(row.getString(5));
                temporaryRelations = !nonNull(row.getString(7)).isEmpty();
            } else {
                isolation = nonNull(row.getString(2));
                database.databaseSettingsSeen(nonNull(row.getString(5)));
                temporaryRelations = row.getLong(6) > 0;
            }
            if (temporaryRelations && privateTo == null) {
                // Created where the text did not show it (a function, say): same-named tables of other sessions
                // are other tables from now on.
                privateTo = "\u0002private:" + PRIVATE_SESSIONS.incrementAndGet();
            }
            return text.toString();
        }
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
