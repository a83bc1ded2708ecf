package dev.cachedjdbc.driver;

import dev.cachedjdbc.analysis.StatementAnalysis;
import dev.cachedjdbc.driver.BoundParameters.Setter;
import dev.cachedjdbc.jdbc.DelegatingPreparedStatement;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.List;

/**
 * A prepared statement: its text is analysed once, when it is prepared; every parameter is passed to the delegate
 * at once and also recorded, with how it was bound, for the cache key.
 */
final class CachingPreparedStatement extends DelegatingPreparedStatement {

    private final CachingConnection connection;
    private final StatementAnalysis analysis;
    private final CachedQueryRunner runner;
    private final BoundParameters parameters = new BoundParameters();
    private ReadPlan plan;
    private boolean batched;

    CachingPreparedStatement(PreparedStatement delegate, CachingConnection connection, String sql) {
        super(delegate, connection, sql);
        this.connection = connection;
        this.analysis = connection.analyze(sql);
        this.runner = new CachedQueryRunner(connection, this, delegate);
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        ResultSet cached = cachedQuery();
        if (cached != null) {
            return cached;
        }
        return connection.execute(analysis, sql(), super::executeQuery);
    }

    @Override
    public boolean execute() throws SQLException {
        if (cachedQuery() != null) {
            return true;
        }
        return connection.execute(analysis, sql(), super::execute);
    }

    private ResultSet cachedQuery() throws SQLException {
        plan = connection.currentPlan(plan, analysis);
        return runner.query(plan, parameters, () -> delegate().executeQuery());
    }

    @Override
    public int executeUpdate() throws SQLException {
        runner.forgetAnswer();
        return connection.execute(analysis, sql(), super::executeUpdate);
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        runner.forgetAnswer();
        return connection.execute(analysis, sql(), super::executeLargeUpdate);
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
        runner.forgetAnswer();
        try {
            return connection.executeBatch(batchAnalyses(), List.of(sql()), super::executeBatch);
        } finally {
            batched = false;
        }
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        runner.forgetAnswer();
        try {
            return connection.executeBatch(batchAnalyses(), List.of(sql()), super::executeLargeBatch);
        } finally {
            batched = false;
        }
    }

    private List<StatementAnalysis> batchAnalyses() {
        return batched ? List.of(analysis) : List.of();
    }

    @Override
    public void clearParameters() throws SQLException {
        super.clearParameters();
        parameters.clear();
    }

    @Override
    public ResultSet getResultSet() throws SQLException {
        return runner.answered() ? runner.servedResult() : super.getResultSet();
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        return runner.answeredFromSnapshot() ? runner.snapshotWarnings() : super.getWarnings();
    }

    @Override
    public void clearWarnings() throws SQLException {
        runner.clearWarnings();
        super.clearWarnings();
    }

    @Override
    public int getUpdateCount() throws SQLException {
        return runner.answered() ? -1 : super.getUpdateCount();
    }

    @Override
    public long getLargeUpdateCount() throws SQLException {
        return runner.answered() ? -1 : super.getLargeUpdateCount();
    }

    @Override
    public boolean getMoreResults() throws SQLException {
        return runner.answered() ? runner.moreResults(CLOSE_CURRENT_RESULT) : super.getMoreResults();
    }

    @Override
    public boolean getMoreResults(int current) throws SQLException {
        return runner.answered() ? runner.moreResults(current) : super.getMoreResults(current);
    }

    @Override
    public void setMaxRows(int max) throws SQLException {
        super.setMaxRows(max);
        runner.maxRows(max);
    }

    @Override
    public void setLargeMaxRows(long max) throws SQLException {
        super.setLargeMaxRows(max);
        runner.maxRows(max);
    }

    @Override
    public void setEscapeProcessing(boolean enable) throws SQLException {
        super.setEscapeProcessing(enable);
        runner.escapeProcessing(enable);
    }

    @Override
    public void cancel() throws SQLException {
        runner.cancel();
        super.cancel();
    }

    @Override
    public void close() throws SQLException {
        runner.close();
        super.close();
    }

    // ----------------------------------------------------------------------------------------------------------
    // Parameters: passed on at once, recorded for the key after the delegate accepted them

    @Override
    public void setNull(int parameterIndex, int sqlType) throws SQLException {
        super.setNull(parameterIndex, sqlType);
        parameters.set(parameterIndex, BoundParameters.nullValue(sqlType));
    }

    @Override
    public void setNull(int parameterIndex, int sqlType, String typeName) throws SQLException {
        super.setNull(parameterIndex, sqlType, typeName);
        parameters.set(parameterIndex, BoundParameters.object(null, sqlType + "/" + typeName, 0));
    }

    @Override
    public void setBoolean(int parameterIndex, boolean x) throws SQLException {
        super.setBoolean(parameterIndex, x);
        parameters.set(parameterIndex, BoundParameters.typed(Setter.BOOLEAN, x));
    }

    @Override
    public void setByte(int parameterIndex, byte x) throws SQLException {
        super.setByte(parameterIndex, x);
        parameters.set(parameterIndex, BoundParameters.typed(Setter.BYTE, x));
    }

    @Override
    public void setShort(int parameterIndex, short x) throws SQLException {
        super.setShort(parameterIndex, x);
        parameters.set(parameterIndex, BoundParameters.typed(Setter.SHORT, x));
    }

    @Override
    public void setInt(int parameterIndex, int x) throws SQLException {
        super.setInt(parameterIndex, x);
        parameters.set(parameterIndex, BoundParameters.typed(Setter.INT, x));
    }

    @Override
    public void setLong(int parameterIndex, long x) throws SQLException {
        super.setLong(parameterIndex, x);
        parameters.set(parameterIndex, BoundParameters.typed(Setter.LONG, x));
    }

    @Override
    public void setFloat(int parameterIndex, float x) throws SQLException {
        super.setFloat(parameterIndex, x);
        parameters.set(parameterIndex, BoundParameters.typed(Setter.FLOAT, x));
    }

    @Override
    public void setDouble(int parameterIndex, double x) throws SQLException {
        super.setDouble(parameterIndex, x);
        parameters.set(parameterIndex, BoundParameters.typed(Setter.DOUBLE, x));
    }

    @Override
    public void setBigDecimal(int parameterIndex, BigDecimal x) throws SQLException {
        super.setBigDecimal(parameterIndex, x);
        parameters.set(parameterIndex, BoundParameters.typed(Setter.BIG_DECIMAL, x));
    }

    @Override
    public void setString(int parameterIndex, String x) throws SQLException {
        super.setString(parameterIndex, x);
        parameters.set(parameterIndex, BoundParameters.typed(Setter.STRING, x));
    }

    @Override
    public void setNString(int parameterIndex, String value) throws SQLException {
        super.setNString(parameterIndex, value);
        parameters.set(parameterIndex, BoundParameters.typed(Setter.NSTRING, value));
    }

    @Override
    public void setBytes(int parameterIndex, byte[] x) throws SQLException {
        super.setBytes(parameterIndex, x);
        parameters.set(parameterIndex, BoundParameters.typed(Setter.BYTES, x));
    }

    @Override
    public void setDate(int parameterIndex, Date x) throws SQLException {
        super.setDate(parameterIndex, x);
        parameters.set(parameterIndex, BoundParameters.typed(Setter.DATE, x));
    }

    @Override
    public void setDate(int parameterIndex, Date x, Calendar cal) throws SQLException {
        super.setDate(parameterIndex, x, cal);
        parameters.set(parameterIndex, BoundParameters.withCalendar(Setter.DATE, x, cal));
    }

    @Override
    public void setTime(int parameterIndex, Time x) throws SQLException {
        super.setTime(parameterIndex, x);
        parameters.set(parameterIndex, BoundParameters.typed(Setter.TIME, x));
    }

    @Override
    public void setTime(int parameterIndex, Time x, Calendar cal) throws SQLException {
        super.setTime(parameterIndex, x, cal);
        parameters.set(parameterIndex, BoundParameters.withCalendar(Setter.TIME, x, cal));
    }

    @Override
    public void setTimestamp(int parameterIndex, Timestamp x) throws SQLException {
        super.setTimestamp(parameterIndex, x);
        parameters.set(parameterIndex, BoundParameters.typed(Setter.TIMESTAMP, x));
    }

    @Override
    public void setTimestamp(int parameterIndex, Timestamp x, Calendar cal) throws SQLException {
        super.setTimestamp(parameterIndex, x, cal);
        parameters.set(parameterIndex, BoundParameters.withCalendar(Setter.TIMESTAMP, x, cal));
    }

    @Override
    public void setURL(int parameterIndex, URL x) throws SQLException {
        super.setURL(parameterIndex, x);
        parameters.set(parameterIndex, x == null ? BoundParameters.nullValue(0) : BoundParameters.typed(Setter.URL, x.toExternalForm()));
    }

    @Override
    public void setObject(int parameterIndex, Object x) throws SQLException {
        super.setObject(parameterIndex, x);
        parameters.set(parameterIndex, BoundParameters.object(x, null, 0));
    }

    @Override
    public void setObject(int parameterIndex, Object x, int targetSqlType) throws SQLException {
        super.setObject(parameterIndex, x, targetSqlType);
        parameters.set(parameterIndex, BoundParameters.object(x, targetSqlType, 0));
    }

    @Override
    public void setObject(int parameterIndex, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
        super.setObject(parameterIndex, x, targetSqlType, scaleOrLength);
        parameters.set(parameterIndex, BoundParameters.object(x, targetSqlType, scaleOrLength));
    }

    @Override
    public void setObject(int parameterIndex, Object x, SQLType targetSqlType) throws SQLException {
        super.setObject(parameterIndex, x, targetSqlType);
        parameters.set(parameterIndex, BoundParameters.object(x, targetSqlType, 0));
    }

    @Override
    public void setObject(int parameterIndex, Object x, SQLType targetSqlType, int scaleOrLength) throws SQLException {
        super.setObject(parameterIndex, x, targetSqlType, scaleOrLength);
        parameters.set(parameterIndex, BoundParameters.object(x, targetSqlType, scaleOrLength));
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream x, int length) throws SQLException {
        super.setAsciiStream(parameterIndex, x, length);
        parameters.set(parameterIndex, BoundParameters.UNCACHEABLE);
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream x, long length) throws SQLException {
        super.setAsciiStream(parameterIndex, x, length);
        parameters.set(parameterIndex, BoundParameters.UNCACHEABLE);
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream x) throws SQLException {
        super.setAsciiStream(parameterIndex, x);
        parameters.set(parameterIndex, BoundParameters.UNCACHEABLE);
    }

    @Override
    @SuppressWarnings("deprecation")
    public void setUnicodeStream(int parameterIndex, InputStream x, int length) throws SQLException {
        super.setUnicodeStream(parameterIndex, x, length);
        parameters.set(parameterIndex, BoundParameters.UNCACHEABLE);
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x, int length) throws SQLException {
        super.setBinaryStream(parameterIndex, x, length);
        parameters.set(parameterIndex, BoundParameters.UNCACHEABLE);
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x, long length) throws SQLException {
        super.setBinaryStream(parameterIndex, x, length);
        parameters.set(parameterIndex, BoundParameters.UNCACHEABLE);
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x) throws SQLException {
        super.setBinaryStream(parameterIndex, x);
        parameters.set(parameterIndex, BoundParameters.UNCACHEABLE);
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader reader, int length) throws SQLException {
        super.setCharacterStream(parameterIndex, reader, length);
        parameters.set(parameterIndex, BoundParameters.UNCACHEABLE);
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader reader, long length) throws SQLException {
        super.setCharacterStream(parameterIndex, reader, length);
        parameters.set(parameterIndex, BoundParameters.UNCACHEABLE);
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader reader) throws SQLException {
        super.setCharacterStream(parameterIndex, reader);
        parameters.set(parameterIndex, BoundParameters.UNCACHEABLE);
    }

    @Override
    public void setNCharacterStream(int parameterIndex, Reader value, long length) throws SQLException {
        super.setNCharacterStream(parameterIndex, value, length);
        parameters.set(parameterIndex, BoundParameters.UNCACHEABLE);
    }

    @Override
    public void setNCharacterStream(int parameterIndex, Reader value) throws SQLException {
        super.setNCharacterStream(parameterIndex, value);
        parameters.set(parameterIndex, BoundParameters.UNCACHEABLE);
    }

    @Override
    public void setRef(int parameterIndex, Ref x) throws SQLException {
        super.setRef(parameterIndex, x);
        parameters.set(parameterIndex, BoundParameters.UNCACHEABLE);
    }

    @Override
    public void setBlob(int parameterIndex, Blob x) throws SQLException {
        super.setBlob(parameterIndex, x);
        parameters.set(parameterIndex, BoundParameters.UNCACHEABLE);
    }

    @Override
    public void setBlob(int parameterIndex, InputStream inputStream, long length) throws SQLException {
        super.setBlob(parameterIndex, inputStream, length);
        parameters.set(parameterIndex, BoundParameters.UNCACHEABLE);
    }

    @Override
    public void setBlob(int parameterIndex, InputStream inputStream) throws SQLException {
        super.setBlob(parameterIndex, inputStream);
        parameters.set(parameterIndex, BoundParameters.UNCACHEABLE);
    }

    @Override
    public void setClob(int parameterIndex, Clob x) throws SQLException {
        super.setClob(parameterIndex, x);
        parameters.set(parameterIndex, BoundParameters.UNCACHEABLE);
    }

    @Override
    public void setClob(int parameterIndex, Reader reader, long length) throws SQLException {
        super.setClob(parameterIndex, reader, length);
        parameters.set(parameterIndex, BoundParameters.UNCACHEABLE);
    }

    @Override
    public void setClob(int parameterIndex, Reader reader) throws SQLException {
        super.setClob(parameterIndex, reader);
        parameters.set(parameterIndex, BoundParameters.UNCACHEABLE);
    }

    @Override
    public void setNClob(int parameterIndex, NClob value) throws SQLException {
        super.setNClob(parameterIndex, value);
        parameters.set(parameterIndex, BoundParameters.UNCACHEABLE);
    }

    @Override
    public void setNClob(int parameterIndex, Reader reader, long length) throws SQLException {
        super.setNClob(parameterIndex, reader, length);
        parameters.set(parameterIndex, BoundParameters.UNCACHEABLE);
    }

    @Override
    public void setNClob(int parameterIndex, Reader reader) throws SQLException {
        super.setNClob(parameterIndex, reader);
        parameters.set(parameterIndex, BoundParameters.UNCACHEABLE);
    }

    @Override
    public void setArray(int parameterIndex, Array x) throws SQLException {
        super.setArray(parameterIndex, x);
        parameters.set(parameterIndex, BoundParameters.UNCACHEABLE);
    }

    @Override
    public void setRowId(int parameterIndex, RowId x) throws SQLException {
        super.setRowId(parameterIndex, x);
        parameters.set(parameterIndex, BoundParameters.UNCACHEABLE);
    }

    @Override
    public void setSQLXML(int parameterIndex, SQLXML xmlObject) throws SQLException {
        super.setSQLXML(parameterIndex, xmlObject);
        parameters.set(parameterIndex, BoundParameters.UNCACHEABLE);
    }
}
