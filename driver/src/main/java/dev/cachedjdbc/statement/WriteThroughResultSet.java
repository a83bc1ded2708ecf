package dev.cachedjdbc.statement;

import dev.cachedjdbc.analysis.Cacheability;
import dev.cachedjdbc.analysis.StatementAnalysis;
import dev.cachedjdbc.analysis.StatementKind;
import dev.cachedjdbc.analysis.TransactionControl;
import dev.cachedjdbc.connection.CachingConnection;
import dev.cachedjdbc.jdbc.DelegatingResultSet;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;

/**
 * A result set of the database's driver that the application may write through ({@code updateRow},
 * {@code insertRow}, {@code deleteRow} on a CONCUR_UPDATABLE result): each such call is a write of every table the
 * query read (of everything, where those are not known), run through the connection's write path, so that it
 * invalidates before and after in autocommit and joins the open transaction's writes otherwise. Every other call
 * passes through.
 */
class WriteThroughResultSet extends DelegatingResultSet {

    private final CachingConnection connection;
    private final StatementAnalysis query;
    /** The write a row change stands for; made on the first one, which most result sets never see. */
    private StatementAnalysis rowChange;

    WriteThroughResultSet(ResultSet delegate, Statement statement, CachingConnection connection,
            StatementAnalysis query) {
        super(delegate, statement);
        this.connection = connection;
        this.query = query;
    }

    @Override
    public void updateRow() throws SQLException {
        connection.execute(rowChange(), () -> {
            super.updateRow();
            return null;
        });
    }

    @Override
    public void insertRow() throws SQLException {
        connection.execute(rowChange(), () -> {
            super.insertRow();
            return null;
        });
    }

    @Override
    public void deleteRow() throws SQLException {
        connection.execute(rowChange(), () -> {
            super.deleteRow();
            return null;
        });
    }

    /**
     * A write of the tables the query read. The database's driver writes to the one table the rows came from; which
     * of them that is, the text does not say, so all of them count, and every table where the query is not known.
     */
    private StatementAnalysis rowChange() {
        if (rowChange == null) {
            boolean tablesKnown = query != null && !query.tablesRead().isEmpty() && !query.writesUnknownTables();
            rowChange = tablesKnown
                    ? new StatementAnalysis(StatementKind.WRITE, query.tablesRead(), query.tablesRead(), false,
                            Cacheability.WRITES, "a row changed through an updatable result set",
                            query.normalizedSql(), 0, TransactionControl.NONE)
                    : new StatementAnalysis(StatementKind.WRITE, Set.of(), Set.of(), true,
                            Cacheability.WRITES, "a row changed through an updatable result set",
                            query == null ? "" : query.normalizedSql(), 0, TransactionControl.NONE);
        }
        return rowChange;
    }
}
