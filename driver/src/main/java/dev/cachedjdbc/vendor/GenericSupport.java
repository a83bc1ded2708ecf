package dev.cachedjdbc.vendor;

import dev.cachedjdbc.analysis.Dialect;
import dev.cachedjdbc.schema.DatabaseIdentity;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Any other database: what plain JDBC tells. Its session cannot be read, so a session change turns caching off for
 * the connection; whether a transaction is open cannot be asked, so the answer is yes.
 */
final class GenericSupport implements DatabaseSupport {

    static final GenericSupport INSTANCE = new GenericSupport();

    private GenericSupport() {
    }

    @Override
    public Dialect dialect() {
        return Dialect.GENERIC;
    }

    @Override
    public String identity(Connection delegate) throws SQLException {
        return DatabaseIdentity.of(delegate, Dialect.GENERIC);
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
