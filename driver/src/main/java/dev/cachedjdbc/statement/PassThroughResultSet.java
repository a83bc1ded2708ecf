package dev.cachedjdbc.statement;

import dev.cachedjdbc.analysis.StatementAnalysis;
import dev.cachedjdbc.connection.CachingConnection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A result set the database's driver produced for a caching statement and the caller reads straight from it. Its
 * statement learns when the application closes it (a statement set to close on completion then closes), a failure
 * while fetching rows tells whether the driver lost the connection, and rows changed through it are writes.
 */
final class PassThroughResultSet extends WriteThroughResultSet {

    private final StatementResults issuer;

    PassThroughResultSet(ResultSet delegate, Statement statement, StatementResults issuer,
            CachingConnection connection, StatementAnalysis query) {
        super(delegate, statement, connection, query);
        this.issuer = issuer;
    }

    @Override
    public boolean next() throws SQLException {
        try {
            return delegate().next();
        } catch (SQLException e) {
            throw issuer.connectionFailed(e);
        }
    }

    @Override
    public void close() throws SQLException {
        boolean open = !delegate().isClosed();
        delegate().close();
        if (open) {
            issuer.resultSetClosedByApplication();
        }
    }
}
