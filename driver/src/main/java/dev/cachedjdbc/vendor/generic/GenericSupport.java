package dev.cachedjdbc.vendor.generic;

import dev.cachedjdbc.analysis.Dialect;
import dev.cachedjdbc.schema.CatalogFacts;
import dev.cachedjdbc.vendor.DatabaseIdentity;
import dev.cachedjdbc.vendor.DatabaseSupport;
import dev.cachedjdbc.vendor.SessionReading;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Predicate;

/**
 * Any other database: what plain JDBC tells. Its session cannot be read, so a session change turns caching off for
 * the connection; whether a transaction is open cannot be asked, so the answer is yes.
 */
public final class GenericSupport implements DatabaseSupport {

    public static final GenericSupport INSTANCE = new GenericSupport();

    private GenericSupport() {
    }

    @Override
    public Dialect dialect() {
        return Dialect.GENERIC;
    }

    @Override
    public String identity(Connection delegate) throws SQLException {
        return DatabaseIdentity.fromUrl(delegate);
    }

    @Override
    public void readCatalog(Connection connection, Predicate<String> cacheableViewDefinition, CatalogFacts facts)
            throws SQLException {
        GenericCatalog.read(connection, facts);
    }

    @Override
    public String sessionQuery() {
        return null;
    }

    @Override
    public SessionReading readSession(ResultSet row) {
        throw new UnsupportedOperationException("the session of a database without support cannot be read");
    }

    @Override
    public boolean transactionOpen(Connection delegate) {
        return true;
    }

    @Override
    public boolean knowsLostConnectionWithoutIo() {
        return true;
    }

    @Override
    public boolean hasDatabaseWideSettings() {
        return false;
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
        return true;
    }

    @Override
    public boolean hasStandIn(Object unwrapped) {
        return false;
    }
}
