package dev.cachedjdbc.result;

import dev.cachedjdbc.result.SourceConventions.Misuse;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URL;
import java.nio.charset.StandardCharsets;
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
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.Map;

/**
 * A fresh, independent, read-only cursor over a {@link CachedResult}. Creating one copies nothing: it holds the shared
 * snapshot, a row position and its own state (closed, wasNull, fetch size). Values a caller could change are copied
 * on every read; conversions follow the driver that produced the result.
 *
 * <p>Holdability is {@link ResultSet#HOLD_CURSORS_OVER_COMMIT} because the rows live in memory and stay readable after
 * a commit. Scrolling works only when a scroll type was asked for, as with any driver.
 */
public final class CachedResultSet extends ReadOnlyResultSet {

    private static final String INVALID_CURSOR_STATE = "24000";
    private static final int FETCH_SIZE_NOT_KNOWN = -1;

    private final CachedResult result;
    private final Statement owner;
    private final int type;
    private final int rowCount;
    private final ValueConversions conversions;
    /** The statement's side, or null for a result set read on its own. */
    private final IssuingStatement issuer;
    /** Whether this result set refuses use once its connection has ended, as its source driver's do. */
    private final boolean endsWithConnection;

    /** 0 before the first row, 1..rowCount on a row, rowCount + 1 after the last. */
    private int row;
    private boolean closed;
    private boolean wasNull;
    /** The statement's fetch size at execution or the one set here; {@link #FETCH_SIZE_NOT_KNOWN} for the statement's
     *  default, asked for when wanted (a statement that creates its driver statement late need not create it). */
    private int fetchSize;
    /**
     * The fetch direction as its distance from FETCH_FORWARD: a hit allocates this object, and a byte here keeps it
     * within the size it had before it knew its statement.
     */
    private byte fetchDirection;

    /**
     * @param result        the shared snapshot to read
     * @param owner         what {@link #getStatement()} returns: the statement the caller executed
     * @param resultSetType {@link ResultSet#TYPE_FORWARD_ONLY}, or a scroll type when the caller asked for one
     */
    public CachedResultSet(CachedResult result, Statement owner, int resultSetType) {
        this(result, owner, resultSetType, null, 0);
    }

    /**
     * @param result         the shared snapshot to read
     * @param owner          what {@link #getStatement()} returns: the statement the caller executed
     * @param resultSetType  {@link ResultSet#TYPE_FORWARD_ONLY}, or a scroll type when the caller asked for one
     * @param issuer         the statement's side: told of the application's close, asked whether the connection
     *                       ended; null for none
     * @param fetchSize      the statement's fetch size at execution, or -1 when it is the statement's default
     */
    public CachedResultSet(CachedResult result, Statement owner, int resultSetType, IssuingStatement issuer,
            int fetchSize) {
        if (resultSetType != TYPE_FORWARD_ONLY && resultSetType != TYPE_SCROLL_INSENSITIVE
                && resultSetType != TYPE_SCROLL_SENSITIVE) {
            throw new IllegalArgumentException("Unknown result set type " + resultSetType);
        }
        this.result = result;
        this.owner = owner;
        this.type = resultSetType;
        this.rowCount = result.rowCount();
        this.conversions = result.conversions();
        this.issuer = issuer;
        this.endsWithConnection = issuer != null && conversions.conventions().resultsEndWithTheirConnection();
        this.fetchSize = fetchSize;
    }

    // ---- cursor --------------------------------------------------------------------------------------------------

    @Override
    public boolean next() throws SQLException {
        checkOpen();
        if (row <= rowCount) {
            row++;
        }
        return onRow();
    }

    @Override
    public boolean previous() throws SQLException {
        checkScrollable("previous", false);
        if (row > 0) {
            row--;
        }
        return onRow();
    }

    @Override
    public boolean absolute(int position) throws SQLException {
        long target = position >= 0 ? position : rowCount + 1L + position;
        checkScrollable("absolute", target >= row);
        row = (int) Math.max(0, Math.min(target, rowCount + 1L));
        return onRow();
    }

    @Override
    public boolean relative(int rows) throws SQLException {
        checkScrollable("relative", rows >= 0);
        long target = (long) row + rows;
        row = (int) Math.max(0, Math.min(target, rowCount + 1L));
        return onRow();
    }

    @Override
    public boolean first() throws SQLException {
        checkScrollable("first", row == 0);
        // A forward-only cursor gets there as next() does: an empty result then ends after its last row.
        row = rowCount == 0 && type != TYPE_FORWARD_ONLY ? 0 : 1;
        return onRow();
    }

    @Override
    public boolean last() throws SQLException {
        checkScrollable("last", row <= rowCount);
        row = rowCount;
        return onRow();
    }

    @Override
    public void beforeFirst() throws SQLException {
        checkScrollable("beforeFirst", row == 0);
        row = 0;
    }

    @Override
    public void afterLast() throws SQLException {
        checkScrollable("afterLast", true);
        row = rowCount + 1;
    }

    @Override
    public boolean isBeforeFirst() throws SQLException {
        checkOpen();
        return row == 0 && rowCount > 0;
    }

    @Override
    public boolean isAfterLast() throws SQLException {
        checkOpen();
        return row > rowCount && rowCount > 0;
    }

    @Override
    public boolean isFirst() throws SQLException {
        checkOpen();
        return row == 1 && rowCount > 0;
    }

    @Override
    public boolean isLast() throws SQLException {
        checkOpen();
        return row == rowCount && rowCount > 0;
    }

    @Override
    public int getRow() throws SQLException {
        checkOpen();
        return onRow() ? row : 0;
    }

    /**
     * A statement set to close on completion learns of it; the statement knows when it closes its results itself
     * (a new execution, getMoreResults, its own close), which does not close it.
     */
    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        if (issuer != null) {
            issuer.resultSetClosedByApplication();
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public boolean wasNull() throws SQLException {
        checkOpen();
        return wasNull;
    }

    @Override
    public int findColumn(String columnLabel) throws SQLException {
        checkOpen();
        int index = result.findColumn(columnLabel);
        if (index == 0) {
            throw misuse(Misuse.COLUMN_LABEL, "No column of this result is labelled " + columnLabel);
        }
        return index;
    }

    /** The warnings the statement reported when this result was loaded, as a new chain; null when there were none. */
    public SQLWarning statementWarnings() {
        return result.statementWarnings().toChain();
    }

    // ---- properties ----------------------------------------------------------------------------------------------

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        return result.metaData();
    }

    @Override
    public Statement getStatement() throws SQLException {
        checkOpen();
        return owner;
    }

    @Override
    public int getType() throws SQLException {
        checkOpen();
        return type;
    }

    @Override
    public int getConcurrency() throws SQLException {
        checkOpen();
        return CONCUR_READ_ONLY;
    }

    @Override
    public int getHoldability() throws SQLException {
        checkOpen();
        return HOLD_CURSORS_OVER_COMMIT;
    }

    @Override
    public int getFetchSize() throws SQLException {
        checkOpen();
        if (!conversions.conventions().resultsReportFetchSize()) {
            return 0;
        }
        if (fetchSize == FETCH_SIZE_NOT_KNOWN) {
            fetchSize = issuer == null ? 0 : issuer.fetchSize();
        }
        return fetchSize;
    }

    @Override
    public void setFetchSize(int rows) throws SQLException {
        checkOpen();
        if (rows < 0) {
            throw new SQLException("Fetch size must be >= 0, was " + rows, "22023");
        }
        fetchSize = rows;
    }

    @Override
    public int getFetchDirection() throws SQLException {
        checkOpen();
        return FETCH_FORWARD + fetchDirection;
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        checkOpen();
        if (direction != FETCH_FORWARD && direction != FETCH_REVERSE && direction != FETCH_UNKNOWN) {
            throw new SQLException("Unknown fetch direction " + direction, "22023");
        }
        if (direction != FETCH_FORWARD && type == TYPE_FORWARD_ONLY) {
            throw new SQLException("A forward-only result set can only fetch forward", INVALID_CURSOR_STATE);
        }
        fetchDirection = (byte) (direction - FETCH_FORWARD);
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        return null;
    }

    @Override
    public void clearWarnings() throws SQLException {
        checkOpen();
    }

    @Override
    public String getCursorName() throws SQLException {
        throw new SQLFeatureNotSupportedException("A cached result has no cursor in the database");
    }

    @Override
    public boolean rowUpdated() throws SQLException {
        checkOpen();
        return false;
    }

    @Override
    public boolean rowInserted() throws SQLException {
        checkOpen();
        return false;
    }

    @Override
    public boolean rowDeleted() throws SQLException {
        checkOpen();
        return false;
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("Not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    // ---- getters by index ----------------------------------------------------------------------------------------

    @Override
    public String getString(int columnIndex) throws SQLException {
        CachedColumn column = column(columnIndex);
        return wasNull ? null : column.text(row - 1);
    }

    @Override
    public String getNString(int columnIndex) throws SQLException {
        return getString(columnIndex);
    }

    @Override
    public boolean getBoolean(int columnIndex) throws SQLException {
        CachedColumn column = column(columnIndex);
        return !wasNull && conversions.numbers().toBoolean(column, row - 1);
    }

    @Override
    public byte getByte(int columnIndex) throws SQLException {
        CachedColumn column = column(columnIndex);
        return wasNull ? 0 : conversions.numbers().toByte(column, row - 1);
    }

    @Override
    public short getShort(int columnIndex) throws SQLException {
        CachedColumn column = column(columnIndex);
        return wasNull ? 0 : conversions.numbers().toShort(column, row - 1);
    }

    @Override
    public int getInt(int columnIndex) throws SQLException {
        CachedColumn column = column(columnIndex);
        return wasNull ? 0 : conversions.numbers().toInt(column, row - 1);
    }

    @Override
    public long getLong(int columnIndex) throws SQLException {
        CachedColumn column = column(columnIndex);
        return wasNull ? 0 : conversions.numbers().toLong(column, row - 1);
    }

    @Override
    public float getFloat(int columnIndex) throws SQLException {
        CachedColumn column = column(columnIndex);
        return wasNull ? 0 : conversions.numbers().toFloat(column, row - 1);
    }

    @Override
    public double getDouble(int columnIndex) throws SQLException {
        CachedColumn column = column(columnIndex);
        return wasNull ? 0 : conversions.numbers().toDouble(column, row - 1);
    }

    @Override
    public BigDecimal getBigDecimal(int columnIndex) throws SQLException {
        CachedColumn column = column(columnIndex);
        return wasNull ? null : conversions.numbers().toBigDecimal(column, row - 1);
    }

    @Override
    @Deprecated
    public BigDecimal getBigDecimal(int columnIndex, int scale) throws SQLException {
        CachedColumn column = column(columnIndex);
        return wasNull ? null : conversions.numbers().toBigDecimal(column, row - 1, scale);
    }

    @Override
    public byte[] getBytes(int columnIndex) throws SQLException {
        CachedColumn column = column(columnIndex);
        return wasNull ? null : conversions.binary().toBytes(column, row - 1);
    }

    @Override
    public Date getDate(int columnIndex) throws SQLException {
        return getDate(columnIndex, null);
    }

    @Override
    public Date getDate(int columnIndex, Calendar cal) throws SQLException {
        CachedColumn column = column(columnIndex);
        return wasNull ? null : conversions.dateTimes().toDate(column, row - 1, cal);
    }

    @Override
    public Time getTime(int columnIndex) throws SQLException {
        return getTime(columnIndex, null);
    }

    @Override
    public Time getTime(int columnIndex, Calendar cal) throws SQLException {
        CachedColumn column = column(columnIndex);
        return wasNull ? null : conversions.dateTimes().toTime(column, row - 1, cal);
    }

    @Override
    public Timestamp getTimestamp(int columnIndex) throws SQLException {
        return getTimestamp(columnIndex, null);
    }

    @Override
    public Timestamp getTimestamp(int columnIndex, Calendar cal) throws SQLException {
        CachedColumn column = column(columnIndex);
        return wasNull ? null : conversions.dateTimes().toTimestamp(column, row - 1, cal);
    }

    @Override
    public Object getObject(int columnIndex) throws SQLException {
        CachedColumn column = column(columnIndex);
        if (wasNull) {
            return null;
        }
        return column.zoneDependent() ? conversions.dateTimes().objectInTheCurrentZone(column, row - 1)
                : ValueSnapshots.copyForCaller(column.value(row - 1));
    }

    @Override
    public Object getObject(int columnIndex, Map<String, Class<?>> map) throws SQLException {
        if (map != null && !map.isEmpty()) {
            throw new SQLFeatureNotSupportedException("Custom type maps are not supported for cached results");
        }
        return getObject(columnIndex);
    }

    @Override
    public <T> T getObject(int columnIndex, Class<T> type) throws SQLException {
        if (type == null) {
            throw new SQLException("The class to convert to must not be null", "22023");
        }
        CachedColumn column = column(columnIndex);
        if (wasNull) {
            return null;
        }
        if (type == Object.class) {
            return type.cast(column.zoneDependent() ? conversions.dateTimes().objectInTheCurrentZone(column, row - 1)
                    : ValueSnapshots.copyForCaller(column.value(row - 1)));
        }
        return type.cast(conversions.toObject(column, row - 1, type));
    }

    @Override
    public Array getArray(int columnIndex) throws SQLException {
        CachedColumn column = column(columnIndex);
        return wasNull ? null : conversions.toArray(column, row - 1);
    }

    @Override
    public URL getURL(int columnIndex) throws SQLException {
        CachedColumn column = column(columnIndex);
        return wasNull ? null : conversions.toUrl(column, row - 1);
    }

    @Override
    public InputStream getAsciiStream(int columnIndex) throws SQLException {
        CachedColumn column = column(columnIndex);
        return wasNull ? null : new ByteArrayInputStream(conversions.binary().toAsciiStreamBytes(column, row - 1));
    }

    @Override
    @Deprecated
    public InputStream getUnicodeStream(int columnIndex) throws SQLException {
        String text = getString(columnIndex);
        return text == null ? null : new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public InputStream getBinaryStream(int columnIndex) throws SQLException {
        byte[] bytes = getBytes(columnIndex);
        return bytes == null ? null : new ByteArrayInputStream(bytes);
    }

    @Override
    public Reader getCharacterStream(int columnIndex) throws SQLException {
        String text = getString(columnIndex);
        return text == null ? null : new StringReader(text);
    }

    @Override
    public Reader getNCharacterStream(int columnIndex) throws SQLException {
        return getCharacterStream(columnIndex);
    }

    @Override
    public Blob getBlob(int columnIndex) throws SQLException {
        byte[] bytes = getBytes(columnIndex);
        return bytes == null ? null : new CopiedBlob(bytes);
    }

    @Override
    public Clob getClob(int columnIndex) throws SQLException {
        String text = getString(columnIndex);
        return text == null ? null : new CopiedClob(text.toCharArray());
    }

    @Override
    public NClob getNClob(int columnIndex) throws SQLException {
        throw new SQLFeatureNotSupportedException("NClob values are never cached");
    }

    @Override
    public Ref getRef(int columnIndex) throws SQLException {
        throw new SQLFeatureNotSupportedException("REF values are never cached");
    }

    @Override
    public RowId getRowId(int columnIndex) throws SQLException {
        throw new SQLFeatureNotSupportedException("ROWID values are never cached");
    }

    @Override
    public SQLXML getSQLXML(int columnIndex) throws SQLException {
        throw new SQLFeatureNotSupportedException("SQLXML values are never cached");
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private boolean onRow() {
        return row >= 1 && row <= rowCount;
    }

    /** The column about to be read on the current row; records whether its cell is SQL NULL for wasNull(). */
    private CachedColumn column(int columnIndex) throws SQLException {
        checkOpen();
        if (!onRow() || columnIndex < 1 || columnIndex > result.columnCount()) {
            throw notReadable(columnIndex);
        }
        CachedColumn column = result.column(columnIndex);
        wasNull = column.value(row - 1) == null;
        return column;
    }

    /** Why a column cannot be read, in the order the source driver checks: the position or the index first. */
    private SQLException notReadable(int columnIndex) {
        boolean badIndex = columnIndex < 1 || columnIndex > result.columnCount();
        if (badIndex && (onRow() || conversions.conventions().checksColumnIndexFirst())) {
            return misuse(Misuse.COLUMN_INDEX,
                    "Column index " + columnIndex + " is not within 1.." + result.columnCount());
        }
        return misuse(Misuse.NO_CURRENT_ROW, "The result set is not positioned on a row");
    }

    private void checkOpen() throws SQLException {
        if (closed) {
            throw misuse(Misuse.CLOSED, "This ResultSet is closed.");
        }
        if (endsWithConnection && issuer.connectionEnded()) {
            throw issuer.connectionLost() ? misuse(Misuse.CONNECTION_LOST, "This ResultSet's connection was lost")
                    : misuse(Misuse.CLOSED, "This ResultSet's connection was closed");
        }
    }

    /**
     * Refuses a move of a forward-only cursor unless its source driver lets a forward-only cursor make it:
     * {@code forward} tells whether this move goes nowhere but forward (H2 allows those).
     */
    private void checkScrollable(String operation, boolean forward) throws SQLException {
        checkOpen();
        if (type == TYPE_FORWARD_ONLY && !(forward && conversions.conventions().forwardOnlyMovesForward())) {
            throw misuse(Misuse.FORWARD_ONLY,
                    operation + "() needs a scrollable result set, but this one is TYPE_FORWARD_ONLY");
        }
    }

    private SQLException misuse(Misuse misuse, String message) {
        return conversions.conventions().misuse(misuse, message);
    }

    @Override
    public String toString() {
        return "CachedResultSet[row " + row + " of " + result + (closed ? ", closed" : "") + "]";
    }
}
