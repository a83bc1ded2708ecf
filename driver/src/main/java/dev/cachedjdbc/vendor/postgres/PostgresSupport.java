package dev.cachedjdbc.vendor.postgres;

import dev.cachedjdbc.analysis.Dialect;
import dev.cachedjdbc.coherence.ChangeFeed;
import dev.cachedjdbc.coherence.FeedContext;
import dev.cachedjdbc.config.Coherence;
import dev.cachedjdbc.schema.CatalogFacts;
import dev.cachedjdbc.vendor.DatabaseIdentity;
import dev.cachedjdbc.vendor.DatabaseSupport;
import dev.cachedjdbc.vendor.SessionReading;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Predicate;

/** PostgreSQL through pgjdbc. */
public final class PostgresSupport implements DatabaseSupport {

    public static final PostgresSupport INSTANCE = new PostgresSupport();

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
    private static final String PROBE = "select current_user, session_user, current_schemas(true)::text,"
            + " current_setting('transaction_isolation'), current_setting('standard_conforming_strings'),"
            + " (select coalesce(string_agg(name || '=' || quote_literal(setting), ',' order by name), '')"
            + " from pg_settings"
            + " where source <> 'default' and context not in ('internal', 'postmaster', 'sighup')"
            + " and name not in ('application_name', 'transaction_isolation', 'transaction_read_only',"
            + " 'transaction_deferrable', 'default_transaction_read_only', 'default_transaction_deferrable',"
            + " 'statement_timeout', 'lock_timeout', 'idle_in_transaction_session_timeout', 'idle_session_timeout')),"
            + " case when pg_my_temp_schema() = 0 then '' else (select coalesce(string_agg(oid::text, ','"
            + " order by oid), '') from pg_class where relnamespace = pg_my_temp_schema()) end";

    private PostgresSupport() {
    }

    @Override
    public Dialect dialect() {
        return Dialect.POSTGRESQL;
    }

    @Override
    public String identity(Connection delegate) throws SQLException {
        try {
            return PostgresIdentity.of(delegate);
        } catch (SQLException refused) {
            // A server that looks like PostgreSQL but lacks its functions still deserves an identity.
            return DatabaseIdentity.fromUrl(delegate);
        }
    }

    @Override
    public void readCatalog(Connection connection, Predicate<String> cacheableViewDefinition, CatalogFacts facts)
            throws SQLException {
        PostgresCatalog.read(connection, cacheableViewDefinition, facts);
        PostgresUserCode.read(connection, facts);
    }

    /**
     * LISTEN/NOTIFY, or logical decoding, through pgjdbc's own API, which only pgjdbc's connections offer. Logical
     * decoding is checked before it is started, so that a server not set up for it refuses the connection with what to
     * change rather than leaving the cache without a channel.
     */
    @Override
    public ChangeFeed changeFeed(Connection delegate, Coherence mode, FeedContext context) throws SQLException {
        try {
            Class<?> pgConnection = Class.forName("org.postgresql.PGConnection", false,
                    delegate.getClass().getClassLoader());
            if (!delegate.isWrapperFor(pgConnection)) {
                return null;
            }
        } catch (ClassNotFoundException | SQLException | RuntimeException | LinkageError e) {
            return null;
        }
        return switch (mode) {
            case NOTIFY -> new PostgresNotifyFeed(context);
            case LOGICAL -> PostgresLogicalFeed.start(delegate, context);
            default -> null;
        };
    }

    @Override
    public String catalogFingerprintQuery() {
        return PostgresCatalogFingerprint.QUERY;
    }

    @Override
    public String sessionQuery() {
        return PROBE;
    }

    @Override
    public SessionReading readSession(ResultSet row) throws SQLException {
        String temporaryRelations = row.getString(7);
        return new SessionReading(row.getString(4), "off".equalsIgnoreCase(row.getString(5)),
                temporaryRelations != null && !temporaryRelations.isEmpty(), null);
    }

    /** pgjdbc tracks the server's transaction status from every ReadyForQuery message. */
    @Override
    public boolean transactionOpen(Connection delegate) {
        try {
            Class<?> baseConnection = Class.forName("org.postgresql.core.BaseConnection", false,
                    delegate.getClass().getClassLoader());
            Object connection = delegate.unwrap(baseConnection);
            Method state = baseConnection.getMethod("getTransactionState");
            return !"IDLE".equals(String.valueOf(state.invoke(connection)));
        } catch (ReflectiveOperationException | SQLException | RuntimeException | LinkageError e) {
            return true;
        }
    }

    /** pgjdbc learns of a lost server only from I/O, and its isClosed takes a lock. */
    @Override
    public boolean knowsLostConnectionWithoutIo() {
        return false;
    }

    @Override
    public boolean hasDatabaseWideSettings() {
        return false;
    }

    @Override
    public boolean stringsMayEscapeWithBackslash() {
        return true;
    }

    @Override
    public boolean closesResultsOfAFailedExecution() {
        return true;
    }

    @Override
    public boolean queryTimeoutIsPerStatement() {
        return true;
    }

    @Override
    public boolean hasStandIn(Object unwrapped) {
        return unwrapped.getClass().getName().startsWith("org.postgresql.");
    }
}
