package dev.cachedjdbc.result;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.Map;

/**
 * What the caller reads when a result turned out too large (or unfit) to cache part-way through capturing it: first
 * the rows already buffered, then the rest straight from the still-open driver result set, so the query runs once and
 * is never held in memory whole. When capture stopped on a row, the driver is still positioned on it, and that row is
 * read from the driver directly.
 *
 * <p>Scrolling, when the driver's result set allows it, hands the cursor over to the driver at the same row.
 */
final class ReplayingResultSet implements ResultSet {

    private final CachedResultSet buffered;
    private final int bufferedRows;
    private final ResultSet delegate;
    private final Statement owner;
    /** Whether the driver is already positioned on the row after the buffered ones (capture stopped on it). */
    private final boolean delegateOnNextRow;

    /** Once true, every call goes to the driver. */
    private boolean live;
    /** The caller's row while replaying: 0 before the first, 1..bufferedRows on a buffered row. */
    private int position;

    ReplayingResultSet(CachedResult buffered, ResultSet delegate, Statement owner, boolean delegateOnNextRow) {
        this.buffered = new CachedResultSet(buffered, owner, TYPE_FORWARD_ONLY);
        this.bufferedRows = buffered.rowCount();
        this.delegate = delegate;
        this.owner = owner;
        this.delegateOnNextRow = delegateOnNextRow;
        this.live = bufferedRows == 0 && !delegateOnNextRow;
    }

    private ResultSet current() {
        return live ? delegate : buffered;
    }

    // ---- cursor --------------------------------------------------------------------------------------------------

    @Override
    public boolean next() throws SQLException {
        if (live) {
            return delegate.next();
        }
        checkOpen();
        if (position < bufferedRows) {
            position++;
            return buffered.next();
        }
        live = true;
        return delegateOnNextRow || delegate.next();
    }

    @Override
    public boolean previous() throws SQLException {
        handOverToDelegate();
        return delegate.previous();
    }

    @Override
    public boolean absolute(int row) throws SQLException {
        handOverToDelegate();
        return delegate.absolute(row);
    }

    @Override
    public boolean relative(int rows) throws SQLException {
        handOverToDelegate();
        return delegate.relative(rows);
    }

    @Override
    public boolean first() throws SQLException {
        handOverToDelegate();
        return delegate.first();
    }

    @Override
    public boolean last() throws SQLException {
        handOverToDelegate();
        return delegate.last();
    }

    @Override
    public void beforeFirst() throws SQLException {
        handOverToDelegate();
        delegate.beforeFirst();
    }

    @Override
    public void afterLast() throws SQLException {
        handOverToDelegate();
        delegate.afterLast();
    }

    @Override
    public boolean isBeforeFirst() throws SQLException {
        if (live) {
            return delegate.isBeforeFirst();
        }
        checkOpen();
        return position == 0;
    }

    @Override
    public boolean isAfterLast() throws SQLException {
        if (live) {
            return delegate.isAfterLast();
        }
        checkOpen();
        return false;
    }

    @Override
    public boolean isFirst() throws SQLException {
        if (live) {
            return delegate.isFirst();
        }
        checkOpen();
        return position == 1;
    }

    @Override
    public boolean isLast() throws SQLException {
        if (live) {
            return delegate.isLast();
        }
        // While replaying, the driver still holds at least the row capture stopped on.
        checkOpen();
        return false;
    }

    @Override
    public int getRow() throws SQLException {
        if (live) {
            return delegate.getRow();
        }
        checkOpen();
        return position;
    }

    @Override
    public void close() throws SQLException {
        buffered.close();
        delegate.close();
    }

    @Override
    public boolean isClosed() throws SQLException {
        return delegate.isClosed();
    }

    @Override
    public int findColumn(String columnLabel) throws SQLException {
        return delegate.findColumn(columnLabel);
    }

    // ---- properties, all the driver's ----------------------------------------------------------------------------

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        return delegate.getMetaData();
    }

    @Override
    public Statement getStatement() throws SQLException {
        checkOpen();
        return owner;
    }

    @Override
    public int getType() throws SQLException {
        return delegate.getType();
    }

    @Override
    public int getConcurrency() throws SQLException {
        return delegate.getConcurrency();
    }

    @Override
    public int getHoldability() throws SQLException {
        return delegate.getHoldability();
    }

    @Override
    public int getFetchSize() throws SQLException {
        return delegate.getFetchSize();
    }

    @Override
    public void setFetchSize(int rows) throws SQLException {
        delegate.setFetchSize(rows);
    }

    @Override
    public int getFetchDirection() throws SQLException {
        return delegate.getFetchDirection();
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        delegate.setFetchDirection(direction);
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        return delegate.getWarnings();
    }

    @Override
    public void clearWarnings() throws SQLException {
        delegate.clearWarnings();
    }

    @Override
    public String getCursorName() throws SQLException {
        return delegate.getCursorName();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        return delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || delegate.isWrapperFor(iface);
    }

    // ---- everything else reads the current row, wherever it lives ------------------------------------------------

    @Override
    public boolean wasNull() throws SQLException {
        return current().wasNull();
    }

    @Override
    public String getString(int columnIndex) throws SQLException {
        return current().getString(columnIndex);
    }

    @Override
    public boolean getBoolean(int columnIndex) throws SQLException {
        return current().getBoolean(columnIndex);
    }

    @Override
    public byte getByte(int columnIndex) throws SQLException {
        return current().getByte(columnIndex);
    }

    @Override
    public short getShort(int columnIndex) throws SQLException {
        return current().getShort(columnIndex);
    }

    @Override
    public int getInt(int columnIndex) throws SQLException {
        return current().getInt(columnIndex);
    }

    @Override
    public long getLong(int columnIndex) throws SQLException {
        return current().getLong(columnIndex);
    }

    @Override
    public float getFloat(int columnIndex) throws SQLException {
        return current().getFloat(columnIndex);
    }

    @Override
    public double getDouble(int columnIndex) throws SQLException {
        return current().getDouble(columnIndex);
    }

    @Override
    @Deprecated
    public BigDecimal getBigDecimal(int columnIndex, int scale) throws SQLException {
        return current().getBigDecimal(columnIndex, scale);
    }

    @Override
    public byte[] getBytes(int columnIndex) throws SQLException {
        return current().getBytes(columnIndex);
    }

    @Override
    public Date getDate(int columnIndex) throws SQLException {
        return current().getDate(columnIndex);
    }

    @Override
    public Time getTime(int columnIndex) throws SQLException {
        return current().getTime(columnIndex);
    }

    @Override
    public Timestamp getTimestamp(int columnIndex) throws SQLException {
        return current().getTimestamp(columnIndex);
    }

    @Override
    public InputStream getAsciiStream(int columnIndex) throws SQLException {
        return current().getAsciiStream(columnIndex);
    }

    @Override
    @Deprecated
    public InputStream getUnicodeStream(int columnIndex) throws SQLException {
        return current().getUnicodeStream(columnIndex);
    }

    @Override
    public InputStream getBinaryStream(int columnIndex) throws SQLException {
        return current().getBinaryStream(columnIndex);
    }

    @Override
    public String getString(String columnLabel) throws SQLException {
        return current().getString(columnLabel);
    }

    @Override
    public boolean getBoolean(String columnLabel) throws SQLException {
        return current().getBoolean(columnLabel);
    }

    @Override
    public byte getByte(String columnLabel) throws SQLException {
        return current().getByte(columnLabel);
    }

    @Override
    public short getShort(String columnLabel) throws SQLException {
        return current().getShort(columnLabel);
    }

    @Override
    public int getInt(String columnLabel) throws SQLException {
        return current().getInt(columnLabel);
    }

    @Override
    public long getLong(String columnLabel) throws SQLException {
        return current().getLong(columnLabel);
    }

    @Override
    public float getFloat(String columnLabel) throws SQLException {
        return current().getFloat(columnLabel);
    }

    @Override
    public double getDouble(String columnLabel) throws SQLException {
        return current().getDouble(columnLabel);
    }

    @Override
    @Deprecated
    public BigDecimal getBigDecimal(String columnLabel, int scale) throws SQLException {
        return current().getBigDecimal(columnLabel, scale);
    }

    @Override
    public byte[] getBytes(String columnLabel) throws SQLException {
        return current().getBytes(columnLabel);
    }

    @Override
    public Date getDate(String columnLabel) throws SQLException {
        return current().getDate(columnLabel);
    }

    @Override
    public Time getTime(String columnLabel) throws SQLException {
        return current().getTime(columnLabel);
    }

    @Override
    public Timestamp getTimestamp(String columnLabel) throws SQLException {
        return current().getTimestamp(columnLabel);
    }

    @Override
    public InputStream getAsciiStream(String columnLabel) throws SQLException {
        return current().getAsciiStream(columnLabel);
    }

    @Override
    @Deprecated
    public InputStream getUnicodeStream(String columnLabel) throws SQLException {
        return current().getUnicodeStream(columnLabel);
    }

    @Override
    public InputStream getBinaryStream(String columnLabel) throws SQLException {
        return current().getBinaryStream(columnLabel);
    }

    @Override
    public Object getObject(int columnIndex) throws SQLException {
        return current().getObject(columnIndex);
    }

    @Override
    public Object getObject(String columnLabel) throws SQLException {
        return current().getObject(columnLabel);
    }

    @Override
    public Reader getCharacterStream(int columnIndex) throws SQLException {
        return current().getCharacterStream(columnIndex);
    }

    @Override
    public Reader getCharacterStream(String columnLabel) throws SQLException {
        return current().getCharacterStream(columnLabel);
    }

    @Override
    public BigDecimal getBigDecimal(int columnIndex) throws SQLException {
        return current().getBigDecimal(columnIndex);
    }

    @Override
    public BigDecimal getBigDecimal(String columnLabel) throws SQLException {
        return current().getBigDecimal(columnLabel);
    }

    @Override
    public boolean rowUpdated() throws SQLException {
        return current().rowUpdated();
    }

    @Override
    public boolean rowInserted() throws SQLException {
        return current().rowInserted();
    }

    @Override
    public boolean rowDeleted() throws SQLException {
        return current().rowDeleted();
    }

    @Override
    public void updateNull(int columnIndex) throws SQLException {
        current().updateNull(columnIndex);
    }

    @Override
    public void updateBoolean(int columnIndex, boolean value) throws SQLException {
        current().updateBoolean(columnIndex, value);
    }

    @Override
    public void updateByte(int columnIndex, byte value) throws SQLException {
        current().updateByte(columnIndex, value);
    }

    @Override
    public void updateShort(int columnIndex, short value) throws SQLException {
        current().updateShort(columnIndex, value);
    }

    @Override
    public void updateInt(int columnIndex, int value) throws SQLException {
        current().updateInt(columnIndex, value);
    }

    @Override
    public void updateLong(int columnIndex, long value) throws SQLException {
        current().updateLong(columnIndex, value);
    }

    @Override
    public void updateFloat(int columnIndex, float value) throws SQLException {
        current().updateFloat(columnIndex, value);
    }

    @Override
    public void updateDouble(int columnIndex, double value) throws SQLException {
        current().updateDouble(columnIndex, value);
    }

    @Override
    public void updateBigDecimal(int columnIndex, BigDecimal value) throws SQLException {
        current().updateBigDecimal(columnIndex, value);
    }

    @Override
    public void updateString(int columnIndex, String value) throws SQLException {
        current().updateString(columnIndex, value);
    }

    @Override
    public void updateBytes(int columnIndex, byte[] value) throws SQLException {
        current().updateBytes(columnIndex, value);
    }

    @Override
    public void updateDate(int columnIndex, Date value) throws SQLException {
        current().updateDate(columnIndex, value);
    }

    @Override
    public void updateTime(int columnIndex, Time value) throws SQLException {
        current().updateTime(columnIndex, value);
    }

    @Override
    public void updateTimestamp(int columnIndex, Timestamp value) throws SQLException {
        current().updateTimestamp(columnIndex, value);
    }

    @Override
    public void updateAsciiStream(int columnIndex, InputStream value, int length) throws SQLException {
        current().updateAsciiStream(columnIndex, value, length);
    }

    @Override
    public void updateBinaryStream(int columnIndex, InputStream value, int length) throws SQLException {
        current().updateBinaryStream(columnIndex, value, length);
    }

    @Override
    public void updateCharacterStream(int columnIndex, Reader value, int length) throws SQLException {
        current().updateCharacterStream(columnIndex, value, length);
    }

    @Override
    public void updateObject(int columnIndex, Object value, int scaleOrLength) throws SQLException {
        current().updateObject(columnIndex, value, scaleOrLength);
    }

    @Override
    public void updateObject(int columnIndex, Object value) throws SQLException {
        current().updateObject(columnIndex, value);
    }

    @Override
    public void updateNull(String columnLabel) throws SQLException {
        current().updateNull(columnLabel);
    }

    @Override
    public void updateBoolean(String columnLabel, boolean value) throws SQLException {
        current().updateBoolean(columnLabel, value);
    }

    @Override
    public void updateByte(String columnLabel, byte value) throws SQLException {
        current().updateByte(columnLabel, value);
    }

    @Override
    public void updateShort(String columnLabel, short value) throws SQLException {
        current().updateShort(columnLabel, value);
    }

    @Override
    public void updateInt(String columnLabel, int value) throws SQLException {
        current().updateInt(columnLabel, value);
    }

    @Override
    public void updateLong(String columnLabel, long value) throws SQLException {
        current().updateLong(columnLabel, value);
    }

    @Override
    public void updateFloat(String columnLabel, float value) throws SQLException {
        current().updateFloat(columnLabel, value);
    }

    @Override
    public void updateDouble(String columnLabel, double value) throws SQLException {
        current().updateDouble(columnLabel, value);
    }

    @Override
    public void updateBigDecimal(String columnLabel, BigDecimal value) throws SQLException {
        current().updateBigDecimal(columnLabel, value);
    }

    @Override
    public void updateString(String columnLabel, String value) throws SQLException {
        current().updateString(columnLabel, value);
    }

    @Override
    public void updateBytes(String columnLabel, byte[] value) throws SQLException {
        current().updateBytes(columnLabel, value);
    }

    @Override
    public void updateDate(String columnLabel, Date value) throws SQLException {
        current().updateDate(columnLabel, value);
    }

    @Override
    public void updateTime(String columnLabel, Time value) throws SQLException {
        current().updateTime(columnLabel, value);
    }

    @Override
    public void updateTimestamp(String columnLabel, Timestamp value) throws SQLException {
        current().updateTimestamp(columnLabel, value);
    }

    @Override
    public void updateAsciiStream(String columnLabel, InputStream value, int length) throws SQLException {
        current().updateAsciiStream(columnLabel, value, length);
    }

    @Override
    public void updateBinaryStream(String columnLabel, InputStream value, int length) throws SQLException {
        current().updateBinaryStream(columnLabel, value, length);
    }

    @Override
    public void updateCharacterStream(String columnLabel, Reader value, int length) throws SQLException {
        current().updateCharacterStream(columnLabel, value, length);
    }

    @Override
    public void updateObject(String columnLabel, Object value, int scaleOrLength) throws SQLException {
        current().updateObject(columnLabel, value, scaleOrLength);
    }

    @Override
    public void updateObject(String columnLabel, Object value) throws SQLException {
        current().updateObject(columnLabel, value);
    }

    @Override
    public void insertRow() throws SQLException {
        current().insertRow();
    }

    @Override
    public void updateRow() throws SQLException {
        current().updateRow();
    }

    @Override
    public void deleteRow() throws SQLException {
        current().deleteRow();
    }

    @Override
    public void refreshRow() throws SQLException {
        current().refreshRow();
    }

    @Override
    public void cancelRowUpdates() throws SQLException {
        current().cancelRowUpdates();
    }

    @Override
    public void moveToInsertRow() throws SQLException {
        current().moveToInsertRow();
    }

    @Override
    public void moveToCurrentRow() throws SQLException {
        current().moveToCurrentRow();
    }

    @Override
    public Object getObject(int columnIndex, Map<String, Class<?>> typeMap) throws SQLException {
        return current().getObject(columnIndex, typeMap);
    }

    @Override
    public Ref getRef(int columnIndex) throws SQLException {
        return current().getRef(columnIndex);
    }

    @Override
    public Blob getBlob(int columnIndex) throws SQLException {
        return current().getBlob(columnIndex);
    }

    @Override
    public Clob getClob(int columnIndex) throws SQLException {
        return current().getClob(columnIndex);
    }

    @Override
    public Array getArray(int columnIndex) throws SQLException {
        return current().getArray(columnIndex);
    }

    @Override
    public Object getObject(String columnLabel, Map<String, Class<?>> typeMap) throws SQLException {
        return current().getObject(columnLabel, typeMap);
    }

    @Override
    public Ref getRef(String columnLabel) throws SQLException {
        return current().getRef(columnLabel);
    }

    @Override
    public Blob getBlob(String columnLabel) throws SQLException {
        return current().getBlob(columnLabel);
    }

    @Override
    public Clob getClob(String columnLabel) throws SQLException {
        return current().getClob(columnLabel);
    }

    @Override
    public Array getArray(String columnLabel) throws SQLException {
        return current().getArray(columnLabel);
    }

    @Override
    public Date getDate(int columnIndex, Calendar calendar) throws SQLException {
        return current().getDate(columnIndex, calendar);
    }

    @Override
    public Date getDate(String columnLabel, Calendar calendar) throws SQLException {
        return current().getDate(columnLabel, calendar);
    }

    @Override
    public Time getTime(int columnIndex, Calendar calendar) throws SQLException {
        return current().getTime(columnIndex, calendar);
    }

    @Override
    public Time getTime(String columnLabel, Calendar calendar) throws SQLException {
        return current().getTime(columnLabel, calendar);
    }

    @Override
    public Timestamp getTimestamp(int columnIndex, Calendar calendar) throws SQLException {
        return current().getTimestamp(columnIndex, calendar);
    }

    @Override
    public Timestamp getTimestamp(String columnLabel, Calendar calendar) throws SQLException {
        return current().getTimestamp(columnLabel, calendar);
    }

    @Override
    public URL getURL(int columnIndex) throws SQLException {
        return current().getURL(columnIndex);
    }

    @Override
    public URL getURL(String columnLabel) throws SQLException {
        return current().getURL(columnLabel);
    }

    @Override
    public void updateRef(int columnIndex, Ref value) throws SQLException {
        current().updateRef(columnIndex, value);
    }

    @Override
    public void updateRef(String columnLabel, Ref value) throws SQLException {
        current().updateRef(columnLabel, value);
    }

    @Override
    public void updateBlob(int columnIndex, Blob value) throws SQLException {
        current().updateBlob(columnIndex, value);
    }

    @Override
    public void updateBlob(String columnLabel, Blob value) throws SQLException {
        current().updateBlob(columnLabel, value);
    }

    @Override
    public void updateClob(int columnIndex, Clob value) throws SQLException {
        current().updateClob(columnIndex, value);
    }

    @Override
    public void updateClob(String columnLabel, Clob value) throws SQLException {
        current().updateClob(columnLabel, value);
    }

    @Override
    public void updateArray(int columnIndex, Array value) throws SQLException {
        current().updateArray(columnIndex, value);
    }

    @Override
    public void updateArray(String columnLabel, Array value) throws SQLException {
        current().updateArray(columnLabel, value);
    }

    @Override
    public RowId getRowId(int columnIndex) throws SQLException {
        return current().getRowId(columnIndex);
    }

    @Override
    public RowId getRowId(String columnLabel) throws SQLException {
        return current().getRowId(columnLabel);
    }

    @Override
    public void updateRowId(int columnIndex, RowId value) throws SQLException {
        current().updateRowId(columnIndex, value);
    }

    @Override
    public void updateRowId(String columnLabel, RowId value) throws SQLException {
        current().updateRowId(columnLabel, value);
    }

    @Override
    public void updateNString(int columnIndex, String value) throws SQLException {
        current().updateNString(columnIndex, value);
    }

    @Override
    public void updateNString(String columnLabel, String value) throws SQLException {
        current().updateNString(columnLabel, value);
    }

    @Override
    public void updateNClob(int columnIndex, NClob value) throws SQLException {
        current().updateNClob(columnIndex, value);
    }

    @Override
    public void updateNClob(String columnLabel, NClob value) throws SQLException {
        current().updateNClob(columnLabel, value);
    }

    @Override
    public NClob getNClob(int columnIndex) throws SQLException {
        return current().getNClob(columnIndex);
    }

    @Override
    public NClob getNClob(String columnLabel) throws SQLException {
        return current().getNClob(columnLabel);
    }

    @Override
    public SQLXML getSQLXML(int columnIndex) throws SQLException {
        return current().getSQLXML(columnIndex);
    }

    @Override
    public SQLXML getSQLXML(String columnLabel) throws SQLException {
        return current().getSQLXML(columnLabel);
    }

    @Override
    public void updateSQLXML(int columnIndex, SQLXML value) throws SQLException {
        current().updateSQLXML(columnIndex, value);
    }

    @Override
    public void updateSQLXML(String columnLabel, SQLXML value) throws SQLException {
        current().updateSQLXML(columnLabel, value);
    }

    @Override
    public String getNString(int columnIndex) throws SQLException {
        return current().getNString(columnIndex);
    }

    @Override
    public String getNString(String columnLabel) throws SQLException {
        return current().getNString(columnLabel);
    }

    @Override
    public Reader getNCharacterStream(int columnIndex) throws SQLException {
        return current().getNCharacterStream(columnIndex);
    }

    @Override
    public Reader getNCharacterStream(String columnLabel) throws SQLException {
        return current().getNCharacterStream(columnLabel);
    }

    @Override
    public void updateNCharacterStream(int columnIndex, Reader value, long length) throws SQLException {
        current().updateNCharacterStream(columnIndex, value, length);
    }

    @Override
    public void updateNCharacterStream(String columnLabel, Reader value, long length) throws SQLException {
        current().updateNCharacterStream(columnLabel, value, length);
    }

    @Override
    public void updateAsciiStream(int columnIndex, InputStream value, long length) throws SQLException {
        current().updateAsciiStream(columnIndex, value, length);
    }

    @Override
    public void updateBinaryStream(int columnIndex, InputStream value, long length) throws SQLException {
        current().updateBinaryStream(columnIndex, value, length);
    }

    @Override
    public void updateCharacterStream(int columnIndex, Reader value, long length) throws SQLException {
        current().updateCharacterStream(columnIndex, value, length);
    }

    @Override
    public void updateAsciiStream(String columnLabel, InputStream value, long length) throws SQLException {
        current().updateAsciiStream(columnLabel, value, length);
    }

    @Override
    public void updateBinaryStream(String columnLabel, InputStream value, long length) throws SQLException {
        current().updateBinaryStream(columnLabel, value, length);
    }

    @Override
    public void updateCharacterStream(String columnLabel, Reader value, long length) throws SQLException {
        current().updateCharacterStream(columnLabel, value, length);
    }

    @Override
    public void updateBlob(int columnIndex, InputStream value, long length) throws SQLException {
        current().updateBlob(columnIndex, value, length);
    }

    @Override
    public void updateBlob(String columnLabel, InputStream value, long length) throws SQLException {
        current().updateBlob(columnLabel, value, length);
    }

    @Override
    public void updateClob(int columnIndex, Reader value, long length) throws SQLException {
        current().updateClob(columnIndex, value, length);
    }

    @Override
    public void updateClob(String columnLabel, Reader value, long length) throws SQLException {
        current().updateClob(columnLabel, value, length);
    }

    @Override
    public void updateNClob(int columnIndex, Reader value, long length) throws SQLException {
        current().updateNClob(columnIndex, value, length);
    }

    @Override
    public void updateNClob(String columnLabel, Reader value, long length) throws SQLException {
        current().updateNClob(columnLabel, value, length);
    }

    @Override
    public void updateNCharacterStream(int columnIndex, Reader value) throws SQLException {
        current().updateNCharacterStream(columnIndex, value);
    }

    @Override
    public void updateNCharacterStream(String columnLabel, Reader value) throws SQLException {
        current().updateNCharacterStream(columnLabel, value);
    }

    @Override
    public void updateAsciiStream(int columnIndex, InputStream value) throws SQLException {
        current().updateAsciiStream(columnIndex, value);
    }

    @Override
    public void updateBinaryStream(int columnIndex, InputStream value) throws SQLException {
        current().updateBinaryStream(columnIndex, value);
    }

    @Override
    public void updateCharacterStream(int columnIndex, Reader value) throws SQLException {
        current().updateCharacterStream(columnIndex, value);
    }

    @Override
    public void updateAsciiStream(String columnLabel, InputStream value) throws SQLException {
        current().updateAsciiStream(columnLabel, value);
    }

    @Override
    public void updateBinaryStream(String columnLabel, InputStream value) throws SQLException {
        current().updateBinaryStream(columnLabel, value);
    }

    @Override
    public void updateCharacterStream(String columnLabel, Reader value) throws SQLException {
        current().updateCharacterStream(columnLabel, value);
    }

    @Override
    public void updateBlob(int columnIndex, InputStream value) throws SQLException {
        current().updateBlob(columnIndex, value);
    }

    @Override
    public void updateBlob(String columnLabel, InputStream value) throws SQLException {
        current().updateBlob(columnLabel, value);
    }

    @Override
    public void updateClob(int columnIndex, Reader value) throws SQLException {
        current().updateClob(columnIndex, value);
    }

    @Override
    public void updateClob(String columnLabel, Reader value) throws SQLException {
        current().updateClob(columnLabel, value);
    }

    @Override
    public void updateNClob(int columnIndex, Reader value) throws SQLException {
        current().updateNClob(columnIndex, value);
    }

    @Override
    public void updateNClob(String columnLabel, Reader value) throws SQLException {
        current().updateNClob(columnLabel, value);
    }

    @Override
    public <T> T getObject(int columnIndex, Class<T> type) throws SQLException {
        return current().getObject(columnIndex, type);
    }

    @Override
    public <T> T getObject(String columnLabel, Class<T> type) throws SQLException {
        return current().getObject(columnLabel, type);
    }

    @Override
    public void updateObject(int columnIndex, Object value, SQLType targetSqlType, int scaleOrLength) throws SQLException {
        current().updateObject(columnIndex, value, targetSqlType, scaleOrLength);
    }

    @Override
    public void updateObject(String columnLabel, Object value, SQLType targetSqlType, int scaleOrLength) throws SQLException {
        current().updateObject(columnLabel, value, targetSqlType, scaleOrLength);
    }

    @Override
    public void updateObject(int columnIndex, Object value, SQLType targetSqlType) throws SQLException {
        current().updateObject(columnIndex, value, targetSqlType);
    }

    @Override
    public void updateObject(String columnLabel, Object value, SQLType targetSqlType) throws SQLException {
        current().updateObject(columnLabel, value, targetSqlType);
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    /** Positions the driver where the caller is, so that a scroll operation can run on the driver from there on. */
    private void handOverToDelegate() throws SQLException {
        if (live) {
            return;
        }
        checkOpen();
        if (position == 0) {
            delegate.beforeFirst();
        } else {
            delegate.absolute(position);
        }
        live = true;
    }

    private void checkOpen() throws SQLException {
        if (delegate.isClosed()) {
            throw new SQLException("This ResultSet is closed.", "24000");
        }
    }

    @Override
    public String toString() {
        return "ReplayingResultSet[" + (live ? "streaming from " + delegate : "replaying row " + position + " of "
                + bufferedRows + " buffered") + "]";
    }
}
