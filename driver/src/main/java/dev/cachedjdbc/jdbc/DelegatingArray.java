package dev.cachedjdbc.jdbc;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Objects;

/**
 * An {@link Array} value of the database's driver that passes every call to it, except that the result sets it
 * makes are wrapped: a driver's array result set can lead to the driver's own statement (pgjdbc's does), around the
 * wrappers the value was read through.
 */
public final class DelegatingArray implements Array {

    private final Array delegate;
    private final Statement statement;
    private final Object handOutParent;

    DelegatingArray(Array delegate, Statement statement, Object handOutParent) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.statement = statement;
        this.handOutParent = handOutParent;
    }

    /** The driver's array. */
    public Array delegate() {
        return delegate;
    }

    private ResultSet wrapped(ResultSet resultSet) {
        return resultSet == null ? null : new DelegatingResultSet(resultSet, statement, handOutParent);
    }

    @Override
    public String getBaseTypeName() throws SQLException {
        return delegate.getBaseTypeName();
    }

    @Override
    public int getBaseType() throws SQLException {
        return delegate.getBaseType();
    }

    @Override
    public Object getArray() throws SQLException {
        return delegate.getArray();
    }

    @Override
    public Object getArray(Map<String, Class<?>> map) throws SQLException {
        return delegate.getArray(map);
    }

    @Override
    public Object getArray(long index, int count) throws SQLException {
        return delegate.getArray(index, count);
    }

    @Override
    public Object getArray(long index, int count, Map<String, Class<?>> map) throws SQLException {
        return delegate.getArray(index, count, map);
    }

    @Override
    public ResultSet getResultSet() throws SQLException {
        return wrapped(delegate.getResultSet());
    }

    @Override
    public ResultSet getResultSet(Map<String, Class<?>> map) throws SQLException {
        return wrapped(delegate.getResultSet(map));
    }

    @Override
    public ResultSet getResultSet(long index, int count) throws SQLException {
        return wrapped(delegate.getResultSet(index, count));
    }

    @Override
    public ResultSet getResultSet(long index, int count, Map<String, Class<?>> map) throws SQLException {
        return wrapped(delegate.getResultSet(index, count, map));
    }

    @Override
    public void free() throws SQLException {
        delegate.free();
    }

    @Override
    public String toString() {
        return "DelegatingArray[" + delegate + "]";
    }
}
