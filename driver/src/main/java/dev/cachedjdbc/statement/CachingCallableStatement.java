package dev.cachedjdbc.statement;

import dev.cachedjdbc.analysis.Cacheability;
import dev.cachedjdbc.analysis.StatementAnalysis;
import dev.cachedjdbc.analysis.StatementKind;
import dev.cachedjdbc.analysis.TransactionControl;
import dev.cachedjdbc.connection.CachingConnection;
import dev.cachedjdbc.jdbc.DelegatingCallableStatement;
import java.sql.CallableStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * A callable statement. What a procedure reads and writes is not in its text, so its results are never cached and
 * every execution invalidates every cached result of the database.
 */
public final class CachingCallableStatement extends DelegatingCallableStatement {

    private final CachingConnection connection;
    private final StatementAnalysis call;
    private boolean batched;

    public CachingCallableStatement(CallableStatement delegate, CachingConnection connection, String sql) {
        super(delegate, connection, sql);
        this.connection = connection;
        StatementAnalysis text = connection.analyze(sql);
        this.call = new StatementAnalysis(StatementKind.CALL, Set.of(), Set.of(), true, Cacheability.NOT_A_QUERY,
                "callable statement", text.normalizedSql(), text.parameterCount(), TransactionControl.NONE);
    }

    @Override
    protected ResultSet wrapResultSet(ResultSet delegateResultSet) {
        return new WriteThroughResultSet(delegateResultSet, this, connection, call);
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        return connection.execute(call, super::executeQuery);
    }

    @Override
    public boolean execute() throws SQLException {
        return connection.execute(call, super::execute);
    }

    @Override
    public int executeUpdate() throws SQLException {
        return connection.execute(call, super::executeUpdate);
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        return connection.execute(call, super::executeLargeUpdate);
    }

    @Override
    public void addBatch() throws SQLException {
        super.addBatch();
        batched = true;
    }

    @Override
    public void clearBatch() throws SQLException {
        super.clearBatch();
        batched = false;
    }

    @Override
    public int[] executeBatch() throws SQLException {
        try {
            return connection.executeBatch(batched ? List.of(call) : List.of(), super::executeBatch);
        } finally {
            batched = false;
        }
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        try {
            return connection.executeBatch(batched ? List.of(call) : List.of(), super::executeLargeBatch);
        } finally {
            batched = false;
        }
    }
}
