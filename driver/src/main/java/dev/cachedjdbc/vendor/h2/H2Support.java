package dev.cachedjdbc.vendor.h2;

import dev.cachedjdbc.analysis.Dialect;
import dev.cachedjdbc.schema.CatalogFacts;
import dev.cachedjdbc.vendor.DatabaseIdentity;
import dev.cachedjdbc.vendor.DatabaseSupport;
import dev.cachedjdbc.vendor.SessionReading;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Predicate;

/** H2, embedded or through its server. */
public final class H2Support implements DatabaseSupport {

    public static final H2Support INSTANCE = new H2Support();

    /** H2 settings that belong to the session; every other row of INFORMATION_SCHEMA.SETTINGS is the database's. */
    private static final String SESSION_SETTINGS = "'TIME ZONE', 'NON_KEYWORDS', 'TRUNCATE_LARGE_LENGTH',"
            + " 'VARIABLE_BINARY', 'QUERY_TIMEOUT'";

    /**
     * SESSION_STATE holds what a session of H2 set for itself: schema, search path, time zone, variables, and the
     * definitions of its local temporary tables. The settings are split: the session's, and the database's, which
     * every connection shares (one connection's SET MODE, or a setting in the URL of a connection being opened,
     * changes them for all) and which are reported to the database runtime. Left out: the query timeout, which H2's
     * statements set on the whole session and which never changes rows; info.* and property.*, which describe the
     * engine and the JVM, and among which some counters change all the time.
     */
    static final String PROBE = "SELECT CURRENT_USER,"
            + " (SELECT ISOLATION_LEVEL FROM INFORMATION_SCHEMA.SESSIONS WHERE SESSION_ID = SESSION_ID()),"
            + " (SELECT LISTAGG(STATE_KEY || '=' || STATE_COMMAND, ',') WITHIN GROUP (ORDER BY STATE_KEY)"
            + " FROM INFORMATION_SCHEMA.SESSION_STATE),"
            + " (SELECT LISTAGG(SETTING_NAME || '=' || SETTING_VALUE, ',') WITHIN GROUP (ORDER BY SETTING_NAME)"
            + " FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME IN (" + SESSION_SETTINGS + ")"
            + " AND SETTING_NAME <> 'QUERY_TIMEOUT'),"
            + " (SELECT LISTAGG(SETTING_NAME || '=' || SETTING_VALUE, ',') WITHIN GROUP (ORDER BY SETTING_NAME)"
            + " FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME NOT IN (" + SESSION_SETTINGS + ")"
            + " AND SETTING_NAME NOT LIKE 'info.%' AND SETTING_NAME NOT LIKE 'property.%'),"
            + " (SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_TYPE = 'LOCAL TEMPORARY')";

    private H2Support() {
    }

    @Override
    public Dialect dialect() {
        return Dialect.H2;
    }

    @Override
    public String identity(Connection delegate) throws SQLException {
        try {
            return H2Identity.of(delegate);
        } catch (SQLException refused) {
            // A server that looks like H2 but lacks its functions still deserves an identity.
            return DatabaseIdentity.fromUrl(delegate);
        }
    }

    @Override
    public void readCatalog(Connection connection, Predicate<String> cacheableViewDefinition, CatalogFacts facts)
            throws SQLException {
        H2Catalog.read(connection, cacheableViewDefinition, facts);
    }

    @Override
    public String catalogFingerprintQuery() {
        return H2CatalogFingerprint.QUERY;
    }

    @Override
    public String sessionQuery() {
        return PROBE;
    }

    @Override
    public SessionReading readSession(ResultSet row) throws SQLException {
        String databaseSettings = row.getString(5);
        return new SessionReading(row.getString(2), false, row.getLong(6) > 0,
                databaseSettings == null ? "" : databaseSettings);
    }

    /**
     * H2 turns autocommit off for a transaction begun in SQL (BEGIN, SET AUTOCOMMIT FALSE), and back on when BEGIN's
     * transaction ends; its embedded driver reads the session's own flag.
     */
    @Override
    public boolean transactionOpen(Connection delegate) {
        try {
            return !delegate.getAutoCommit();
        } catch (SQLException | RuntimeException e) {
            return true;
        }
    }

    /** A SHUTDOWN elsewhere closes the session, and isClosed reads that from a few fields. */
    @Override
    public boolean knowsLostConnectionWithoutIo() {
        return true;
    }

    @Override
    public boolean hasDatabaseWideSettings() {
        return true;
    }

    @Override
    public boolean stringsMayEscapeWithBackslash() {
        return false;
    }

    @Override
    public boolean closesResultsOfAFailedExecution() {
        return false;
    }

    @Override
    public boolean queryTimeoutIsPerStatement() {
        return false;
    }

    @Override
    public boolean hasStandIn(Object unwrapped) {
        return false;
    }
}
