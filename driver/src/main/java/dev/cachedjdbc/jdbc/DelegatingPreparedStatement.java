package dev.cachedjdbc.jdbc;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;

/**
 * A {@link PreparedStatement} that passes every call to its delegate, with the parent handling of
 * {@link DelegatingStatement}: {@link #executeQuery()} returns a wrapped result set whose {@code getStatement()} is
 * this wrapper. {@link #getMetaData()} passes through, as result set metadata has no parent to lead back to. Every
 * indexed parameter setter passes through {@link #setParameter}, the one method a subclass overrides to see bindings.
 */
public class DelegatingPreparedStatement extends DelegatingStatement implements PreparedStatement {

    private final String sql;

    /**
     * @param delegate the driver's prepared statement
     * @param connection what {@link #getConnection()} returns: the wrapping connection this statement came from
     * @param sql the SQL the statement was prepared from, as the application passed it
     */
    public DelegatingPreparedStatement(PreparedStatement delegate, Connection connection, String sql) {
        super(delegate, connection);
        this.sql = sql;
    }

    /**
     * For a subclass that creates its delegate on first need: it must override {@link #delegate()} to do so.
     *
     * @param connection what {@link #getConnection()} returns: the wrapping connection this statement came from
     * @param sql the SQL the statement is prepared from, as the application passed it
     */
    protected DelegatingPreparedStatement(Connection connection, String sql) {
        super(connection);
        this.sql = sql;
    }

    /** The SQL this statement was prepared from, as the application passed it. */
    public final String sql() {
        return sql;
    }

    @Override
    public PreparedStatement delegate() throws SQLException {
        return (PreparedStatement) super.delegate();
    }

    /**
     * Every indexed parameter setter of this statement comes here, with what it was given (described at
     * {@link ParameterSetter}); this makes the same call on the delegate. A subclass that records or defers bindings
     * overrides this one method rather than each setter.
     */
    protected void setParameter(int parameterIndex, ParameterSetter setter, Object value, Object detail, long length)
            throws SQLException {
        setter.bind(delegate(), parameterIndex, value, detail, length);
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        return becomeCurrentResultSet(delegate().executeQuery());
    }

    @Override
    public int executeUpdate() throws SQLException {
        return delegate().executeUpdate();
    }

    @Override
    public void setNull(int parameterIndex, int sqlType) throws SQLException {
        setParameter(parameterIndex, ParameterSetter.NULL, null, null, sqlType);
    }

    @Override
    public void setBoolean(int parameterIndex, boolean x) throws SQLException {
        setParameter(parameterIndex, ParameterSetter.BOOLEAN, x, null, 0);
    }

    @Override
    public void setByte(int parameterIndex, byte x) throws SQLException {
        setParameter(parameterIndex, ParameterSetter.BYTE, x, null, 0);
    }

    @Override
    public void setShort(int parameterIndex, short x) throws SQLException {
        setParameter(parameterIndex, ParameterSetter.SHORT, x, null, 0);
    }

    @Override
    public void setInt(int parameterIndex, int x) throws SQLException {
        setParameter(parameterIndex, ParameterSetter.INT, x, null, 0);
    }

    @Override
    public void setLong(int parameterIndex, long x) throws SQLException {
        setParameter(parameterIndex, ParameterSetter.LONG, x, null, 0);
    }

    @Override
    public void setFloat(int parameterIndex, float x) throws SQLException {
        setParameter(parameterIndex, ParameterSetter.FLOAT, x, null, 0);
    }

    @Override
    public void setDouble(int parameterIndex, double x) throws SQLException {
        setParameter(parameterIndex, ParameterSetter.DOUBLE, x, null, 0);
    }

    @Override
    public void setBigDecimal(int parameterIndex, BigDecimal x) throws SQLException {
        setParameter(parameterIndex, ParameterSetter.BIG_DECIMAL, x, null, 0);
    }

    @Override
    public void setString(int parameterIndex, String x) throws SQLException {
        setParameter(parameterIndex, ParameterSetter.STRING, x, null, 0);
    }

    @Override
    public void setBytes(int parameterIndex, byte[] x) throws SQLException {
        setParameter(parameterIndex, ParameterSetter.BYTES, x, null, 0);
    }

    @Override
    public void setDate(int parameterIndex, Date x) throws SQLException {
        setParameter(parameterIndex, ParameterSetter.DATE, x, null, 0);
    }

    @Override
    public void setTime(int parameterIndex, Time x) throws SQLException {
        setParameter(parameterIndex, ParameterSetter.TIME, x, null, 0);
    }

    @Override
    public void setTimestamp(int parameterIndex, Timestamp x) throws SQLException {
        setParameter(parameterIndex, ParameterSetter.TIMESTAMP, x, null, 0);
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream x, int length) throws SQLException {
        setParameter(parameterIndex, ParameterSetter.ASCII_STREAM_WITH_INT_LENGTH, x, null, length);
    }

    @Deprecated
    @Override
    public void setUnicodeStream(int parameterIndex, InputStream x, int length) throws SQLException {
        setParameter(parameterIndex, ParameterSetter.UNICODE_STREAM_WITH_INT_LENGTH, x, null, length);
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x, int length) throws SQLException {
        setParameter(parameterIndex, ParameterSetter.BINARY_STREAM_WITH_INT_LENGTH, x, null, length);
    }

    @Override
    public void clearParameters() throws SQLException {
        delegate().clearParameters();
    }

    @Override
    public void setObject(int parameterIndex, Object x, int targetSqlType) throws SQLException {
        setParameter(parameterIndex, ParameterSetter.OBJECT_WITH_TYPE, x, targetSqlType, 0);
    }

    @Override
    public void setObject(int parameterIndex, Object x) throws SQLException {
        setParameter(parameterIndex, ParameterSetter.OBJECT, x, null, 0);
    }

    @Override
    public boolean execute() throws SQLException {
        return delegate().execute();
    }

    @Override
    public void addBatch() throws SQLException {
        delegate().addBatch();
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader reader, int length) throws SQLException {
        setParameter(parameterIndex, ParameterSetter.CHARACTER_STREAM_WITH_INT_LENGTH, reader, null, length);
    }

    @Override
    public void setRef(int parameterIndex, Ref x) throws SQLException {
        setParameter(parameterIndex, ParameterSetter.REF, x, null, 0);
    }

    @Override
    public void setBlob(int parameterIndex, Blob x) throws SQLException {
        setParameter(parameterIndex, ParameterSetter.BLOB, x, null, 0);
    }

    @Override
    public void setClob(int parameterIndex, Clob x) throws SQLException {
        setParameter(parameterIndex, ParameterSetter.CLOB, x, null, 0);
    }

    @Override
    public void setArray(int parameterIndex, Array x) throws SQLException {
        setParameter(parameterIndex, ParameterSetter.ARRAY, x, null, 0);
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        return delegate().getMetaData();
    }

    @Override
    public void setDate(int parameterIndex, Date x, Calendar cal) throws SQLException {
        setParameter(parameterIndex, ParameterSetter.DATE_WITH_CALENDAR, x, cal, 0);
    }

    @Override
    public void setTime(int parameterIndex, Time x, Calendar cal) throws SQLException {
        setParameter(parameterIndex, ParameterSetter.TIME_WITH_CALENDAR, x, cal, 0);
    }

    @Override
    public void setTimestamp(int parameterIndex, Timestamp x, Calendar cal) throws SQLException {
        setParameter(parameterIndex, ParameterSetter.TIMESTAMP_WITH_CALENDAR, x, cal, 0);
    }

    @Override
    public void setNull(int parameterIndex, int sqlType, String typeName) throws SQLException {
        setParameter(parameterIndex, ParameterSetter.NULL_WITH_TYPE_NAME, null, typeName, sqlType);
    }

    @Override
    public void setURL(int parameterIndex, URL x) throws SQLException {
        setParameter(parameterIndex, ParameterSetter.URL, x, null, 0);
    }

    @Override
    public ParameterMetaData getParameterMetaData() throws SQLException {
        return delegate().getParameterMetaData();
    }

    @Override
    public void setRowId(int parameterIndex, RowId x) throws SQLException {
        setParameter(parameterIndex, ParameterSetter.ROW_ID, x, null, 0);
    }

    @Override
    public void setNString(int parameterIndex, String value) throws SQLException {
        setParameter(parameterIndex, ParameterSetter.NSTRING, value, null, 0);
    }

    @Override
    public void setNCharacterStream(int parameterIndex, Reader value, long length) throws SQLException {
        setParameter(parameterIndex, ParameterSetter.NCHARACTER_STREAM_WITH_LENGTH, value, null, length);
    }

    @Override
    public void setNClob(int parameterIndex, NClob value) throws SQLException {
        setParameter(parameterIndex, ParameterSetter.NCLOB, value, null, 0);
    }

    @Override
    public void setClob(int parameterIndex, Reader reader, long length) throws SQLException {
        setParameter(parameterIndex, ParameterSetter.CLOB_READER_WITH_LENGTH, reader, null, length);
    }

    @Override
    public void setBlob(int parameterIndex, InputStream inputStream, long length) throws SQLException {
        setParameter(parameterIndex, ParameterSetter.BLOB_STREAM_WITH_LENGTH, inputStream, null, length);
    }

    @Override
    public void setNClob(int parameterIndex, Reader reader, long length) throws SQLException {
        setParameter(parameterIndex, ParameterSetter.NCLOB_READER_WITH_LENGTH, reader, null, length);
    }

    @Override
    public void setSQLXML(int parameterIndex, SQLXML xmlObject) throws SQLException {
        setParameter(parameterIndex, ParameterSetter.SQLXML, xmlObject, null, 0);
    }

    @Override
    public void setObject(int parameterIndex, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
        setParameter(parameterIndex, ParameterSetter.OBJECT_WITH_TYPE_AND_SCALE, x, targetSqlType, scaleOrLength);
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream x, long length) throws SQLException {
        setParameter(parameterIndex, ParameterSetter.ASCII_STREAM_WITH_LENGTH, x, null, length);
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x, long length) throws SQLException {
        setParameter(parameterIndex, ParameterSetter.BINARY_STREAM_WITH_LENGTH, x, null, length);
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader reader, long length) throws SQLException {
        setParameter(parameterIndex, ParameterSetter.CHARACTER_STREAM_WITH_LENGTH, reader, null, length);
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream x) throws SQLException {
        setParameter(parameterIndex, ParameterSetter.ASCII_STREAM, x, null, 0);
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x) throws SQLException {
        setParameter(parameterIndex, ParameterSetter.BINARY_STREAM, x, null, 0);
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader reader) throws SQLException {
        setParameter(parameterIndex, ParameterSetter.CHARACTER_STREAM, reader, null, 0);
    }

    @Override
    public void setNCharacterStream(int parameterIndex, Reader value) throws SQLException {
        setParameter(parameterIndex, ParameterSetter.NCHARACTER_STREAM, value, null, 0);
    }

    @Override
    public void setClob(int parameterIndex, Reader reader) throws SQLException {
        setParameter(parameterIndex, ParameterSetter.CLOB_READER, reader, null, 0);
    }

    @Override
    public void setBlob(int parameterIndex, InputStream inputStream) throws SQLException {
        setParameter(parameterIndex, ParameterSetter.BLOB_STREAM, inputStream, null, 0);
    }

    @Override
    public void setNClob(int parameterIndex, Reader reader) throws SQLException {
        setParameter(parameterIndex, ParameterSetter.NCLOB_READER, reader, null, 0);
    }

    @Override
    public void setObject(int parameterIndex, Object x, SQLType targetSqlType, int scaleOrLength) throws SQLException {
        setParameter(parameterIndex, ParameterSetter.OBJECT_WITH_SQL_TYPE_AND_SCALE, x, targetSqlType, scaleOrLength);
    }

    @Override
    public void setObject(int parameterIndex, Object x, SQLType targetSqlType) throws SQLException {
        setParameter(parameterIndex, ParameterSetter.OBJECT_WITH_SQL_TYPE, x, targetSqlType, 0);
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        return delegate().executeLargeUpdate();
    }
}
