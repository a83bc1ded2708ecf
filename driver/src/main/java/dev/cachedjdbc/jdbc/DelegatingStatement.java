package dev.cachedjdbc.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.Objects;

/**
 * A {@link Statement} that passes every call to its delegate, except that {@link #getConnection()} returns the
 * wrapping connection and the result sets it returns are wrapped (through {@link #wrapResultSet(ResultSet)}) so that
 * their {@code getStatement()} is this wrapper.
 *
 * <p>{@link #getResultSet()} returns the same wrapper for as long as the delegate returns the same result set, so
 * that callers who compare or close "the current result" see one object, as they would without the wrapper.
 */
public class DelegatingStatement extends AbstractWrapper<Statement> implements Statement {

    /** Null in a subclass that creates its delegate on first need, which overrides {@link #delegate()}. */
    private final Statement delegate;
    private final Connection connection;
    private ResultSet currentDelegateResultSet;
    private ResultSet currentResultSet;

    /**
     * @param delegate the driver's statement
     * @param connection what {@link #getConnection()} returns: the wrapping connection this statement came from
     */
    public DelegatingStatement(Statement delegate, Connection connection) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    /**
     * For a subclass that creates its delegate on first need: it must override {@link #delegate()} to do so.
     *
     * @param connection what {@link #getConnection()} returns: the wrapping connection this statement came from
     */
    protected DelegatingStatement(Connection connection) {
        this.delegate = null;
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    @Override
    public Statement delegate() throws SQLException {
        return delegate;
    }

    /** Objects under this statement are handed out as its connection decides. */
    @Override
    protected Object handOut(Class<?> iface, Object unwrapped) throws SQLException {
        return handOutThrough(connection, iface, unwrapped);
    }

    /**
     * Wraps a result set the delegate produced. This class calls it only with non-null result sets; the default
     * returns null for null and otherwise a pass-through wrapper whose parent is this statement.
     */
    protected ResultSet wrapResultSet(ResultSet delegateResultSet) {
        return delegateResultSet == null ? null : new DelegatingResultSet(delegateResultSet, this);
    }

    /** Wraps a freshly produced result set and remembers it as the statement's current result. */
    final ResultSet becomeCurrentResultSet(ResultSet delegateResultSet) {
        if (delegateResultSet == null) {
            return null;
        }
        ResultSet wrapper = wrapResultSet(delegateResultSet);
        currentDelegateResultSet = delegateResultSet;
        currentResultSet = wrapper;
        return wrapper;
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        return becomeCurrentResultSet(delegate().executeQuery(sql));
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        return delegate().executeUpdate(sql);
    }

    @Override
    public void close() throws SQLException {
        delegate().close();
    }

    @Override
    public int getMaxFieldSize() throws SQLException {
        return delegate().getMaxFieldSize();
    }

    @Override
    public void setMaxFieldSize(int max) throws SQLException {
        delegate().setMaxFieldSize(max);
    }

    @Override
    public int getMaxRows() throws SQLException {
        return delegate().getMaxRows();
    }

    @Override
    public void setMaxRows(int max) throws SQLException {
        delegate().setMaxRows(max);
    }

    @Override
    public void setEscapeProcessing(boolean enable) throws SQLException {
        delegate().setEscapeProcessing(enable);
    }

    @Override
    public int getQueryTimeout() throws SQLException {
        return delegate().getQueryTimeout();
    }

    @Override
    public void setQueryTimeout(int seconds) throws SQLException {
        delegate().setQueryTimeout(seconds);
    }

    @Override
    public void cancel() throws SQLException {
        delegate().cancel();
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        return delegate().getWarnings();
    }

    @Override
    public void clearWarnings() throws SQLException {
        delegate().clearWarnings();
    }

    @Override
    public void setCursorName(String name) throws SQLException {
        delegate().setCursorName(name);
    }

    @Override
    public boolean execute(String sql) throws SQLException {
        return delegate().execute(sql);
    }

    @Override
    public ResultSet getResultSet() throws SQLException {
        ResultSet delegateResultSet = delegate().getResultSet();
        if (delegateResultSet != null && delegateResultSet == currentDelegateResultSet) {
            return currentResultSet;
        }
        return becomeCurrentResultSet(delegateResultSet);
    }

    @Override
    public int getUpdateCount() throws SQLException {
        return delegate().getUpdateCount();
    }

    @Override
    public boolean getMoreResults() throws SQLException {
        return delegate().getMoreResults();
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        delegate().setFetchDirection(direction);
    }

    @Override
    public int getFetchDirection() throws SQLException {
        return delegate().getFetchDirection();
    }

    @Override
    public void setFetchSize(int rows) throws SQLException {
        delegate().setFetchSize(rows);
    }

    @Override
    public int getFetchSize() throws SQLException {
        return delegate().getFetchSize();
    }

    @Override
    public int getResultSetConcurrency() throws SQLException {
        return delegate().getResultSetConcurrency();
    }

    @Override
    public int getResultSetType() throws SQLException {
        return delegate().getResultSetType();
    }

    @Override
    public void addBatch(String sql) throws SQLException {
        delegate().addBatch(sql);
    }

    @Override
    public void clearBatch() throws SQLException {
        delegate().clearBatch();
    }

    @Override
    public int[] executeBatch() throws SQLException {
        return delegate().executeBatch();
    }

    @Override
    public Connection getConnection() throws SQLException {
        // Asked first so that a closed statement still fails the way the delegate fails it.
        delegate().getConnection();
        return connection;
    }

    @Override
    public boolean getMoreResults(int current) throws SQLException {
        return delegate().getMoreResults(current);
    }

    @Override
    public ResultSet getGeneratedKeys() throws SQLException {
        ResultSet delegateKeys = delegate().getGeneratedKeys();
        return delegateKeys == null ? null : wrapResultSet(delegateKeys);
    }

    @Override
    public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        return delegate().executeUpdate(sql, autoGeneratedKeys);
    }

    @Override
    public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
        return delegate().executeUpdate(sql, columnIndexes);
    }

    @Override
    public int executeUpdate(String sql, String[] columnNames) throws SQLException {
        return delegate().executeUpdate(sql, columnNames);
    }

    @Override
    public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
        return delegate().execute(sql, autoGeneratedKeys);
    }

    @Override
    public boolean execute(String sql, int[] columnIndexes) throws SQLException {
        return delegate().execute(sql, columnIndexes);
    }

    @Override
    public boolean execute(String sql, String[] columnNames) throws SQLException {
        return delegate().execute(sql, columnNames);
    }

    @Override
    public int getResultSetHoldability() throws SQLException {
        return delegate().getResultSetHoldability();
    }

    @Override
    public boolean isClosed() throws SQLException {
        return delegate().isClosed();
    }

    @Override
    public void setPoolable(boolean poolable) throws SQLException {
        delegate().setPoolable(poolable);
    }

    @Override
    public boolean isPoolable() throws SQLException {
        return delegate().isPoolable();
    }

    @Override
    public void closeOnCompletion() throws SQLException {
        delegate().closeOnCompletion();
    }

    @Override
    public boolean isCloseOnCompletion() throws SQLException {
        return delegate().isCloseOnCompletion();
    }

    @Override
    public long getLargeUpdateCount() throws SQLException {
        return delegate().getLargeUpdateCount();
    }

    @Override
    public void setLargeMaxRows(long max) throws SQLException {
        delegate().setLargeMaxRows(max);
    }

    @Override
    public long getLargeMaxRows() throws SQLException {
        return delegate().getLargeMaxRows();
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        return delegate().executeLargeBatch();
    }

    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        return delegate().executeLargeUpdate(sql);
    }

    @Override
    public long executeLargeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        return delegate().executeLargeUpdate(sql, autoGeneratedKeys);
    }

    @Override
    public long executeLargeUpdate(String sql, int[] columnIndexes) throws SQLException {
        return delegate().executeLargeUpdate(sql, columnIndexes);
    }

    @Override
    public long executeLargeUpdate(String sql, String[] columnNames) throws SQLException {
        return delegate().executeLargeUpdate(sql, columnNames);
    }

    @Override
    public String enquoteLiteral(String val) throws SQLException {
        return delegate().enquoteLiteral(val);
    }

    @Override
    public String enquoteIdentifier(String identifier, boolean alwaysQuote) throws SQLException {
        return delegate().enquoteIdentifier(identifier, alwaysQuote);
    }

    @Override
    public boolean isSimpleIdentifier(String identifier) throws SQLException {
        return delegate().isSimpleIdentifier(identifier);
    }

    @Override
    public String enquoteNCharLiteral(String val) throws SQLException {
        return delegate().enquoteNCharLiteral(val);
    }
}
