package dev.cachedjdbc.jdbc;

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
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;

/**
 * Each indexed parameter setter of {@link PreparedStatement}, one constant per overload, so that a wrapper can see
 * every binding in one method ({@link DelegatingPreparedStatement#setParameter}) and make it on a statement later.
 * A binding is described by the setter, the parameter index, the value and, where the setter takes them, a detail
 * and a length:
 * <ul>
 *   <li>detail: the {@link Calendar} of the date and time setters, the target type of setObject (an {@link Integer}
 *       of {@link java.sql.Types} or an {@link SQLType}), the type name of setNull; null otherwise;</li>
 *   <li>length: the length of a stream or LOB, the scale or length of setObject, the SQL type of setNull; 0
 *       otherwise.</li>
 * </ul>
 * Primitive values travel boxed.
 */
public enum ParameterSetter {
    NULL, NULL_WITH_TYPE_NAME,
    BOOLEAN, BYTE, SHORT, INT, LONG, FLOAT, DOUBLE, BIG_DECIMAL, STRING, NSTRING, BYTES,
    DATE, DATE_WITH_CALENDAR, TIME, TIME_WITH_CALENDAR, TIMESTAMP, TIMESTAMP_WITH_CALENDAR, URL,
    OBJECT, OBJECT_WITH_TYPE, OBJECT_WITH_TYPE_AND_SCALE, OBJECT_WITH_SQL_TYPE, OBJECT_WITH_SQL_TYPE_AND_SCALE,
    ASCII_STREAM, ASCII_STREAM_WITH_INT_LENGTH, ASCII_STREAM_WITH_LENGTH, UNICODE_STREAM_WITH_INT_LENGTH,
    BINARY_STREAM, BINARY_STREAM_WITH_INT_LENGTH, BINARY_STREAM_WITH_LENGTH,
    CHARACTER_STREAM, CHARACTER_STREAM_WITH_INT_LENGTH, CHARACTER_STREAM_WITH_LENGTH,
    NCHARACTER_STREAM, NCHARACTER_STREAM_WITH_LENGTH,
    BLOB, BLOB_STREAM, BLOB_STREAM_WITH_LENGTH, CLOB, CLOB_READER, CLOB_READER_WITH_LENGTH,
    NCLOB, NCLOB_READER, NCLOB_READER_WITH_LENGTH, REF, ARRAY, ROW_ID, SQLXML;

    /** Makes the binding on {@code statement} by calling the setter it stands for with these arguments. */
    @SuppressWarnings("deprecation")
    public void bind(PreparedStatement statement, int index, Object value, Object detail, long length)
            throws SQLException {
        switch (this) {
            case NULL -> statement.setNull(index, (int) length);
            case NULL_WITH_TYPE_NAME -> statement.setNull(index, (int) length, (String) detail);
            case BOOLEAN -> statement.setBoolean(index, (Boolean) value);
            case BYTE -> statement.setByte(index, (Byte) value);
            case SHORT -> statement.setShort(index, (Short) value);
            case INT -> statement.setInt(index, (Integer) value);
            case LONG -> statement.setLong(index, (Long) value);
            case FLOAT -> statement.setFloat(index, (Float) value);
            case DOUBLE -> statement.setDouble(index, (Double) value);
            case BIG_DECIMAL -> statement.setBigDecimal(index, (BigDecimal) value);
            case STRING -> statement.setString(index, (String) value);
            case NSTRING -> statement.setNString(index, (String) value);
            case BYTES -> statement.setBytes(index, (byte[]) value);
            case DATE -> statement.setDate(index, (Date) value);
            case DATE_WITH_CALENDAR -> statement.setDate(index, (Date) value, (Calendar) detail);
            case TIME -> statement.setTime(index, (Time) value);
            case TIME_WITH_CALENDAR -> statement.setTime(index, (Time) value, (Calendar) detail);
            case TIMESTAMP -> statement.setTimestamp(index, (Timestamp) value);
            case TIMESTAMP_WITH_CALENDAR -> statement.setTimestamp(index, (Timestamp) value, (Calendar) detail);
            case URL -> statement.setURL(index, (URL) value);
            case OBJECT -> statement.setObject(index, value);
            case OBJECT_WITH_TYPE -> statement.setObject(index, value, (Integer) detail);
            case OBJECT_WITH_TYPE_AND_SCALE -> statement.setObject(index, value, (Integer) detail, (int) length);
            case OBJECT_WITH_SQL_TYPE -> statement.setObject(index, value, (SQLType) detail);
            case OBJECT_WITH_SQL_TYPE_AND_SCALE -> statement.setObject(index, value, (SQLType) detail, (int) length);
            case ASCII_STREAM -> statement.setAsciiStream(index, (InputStream) value);
            case ASCII_STREAM_WITH_INT_LENGTH -> statement.setAsciiStream(index, (InputStream) value, (int) length);
            case ASCII_STREAM_WITH_LENGTH -> statement.setAsciiStream(index, (InputStream) value, length);
            case UNICODE_STREAM_WITH_INT_LENGTH ->
                    statement.setUnicodeStream(index, (InputStream) value, (int) length);
            case BINARY_STREAM -> statement.setBinaryStream(index, (InputStream) value);
            case BINARY_STREAM_WITH_INT_LENGTH -> statement.setBinaryStream(index, (InputStream) value, (int) length);
            case BINARY_STREAM_WITH_LENGTH -> statement.setBinaryStream(index, (InputStream) value, length);
            case CHARACTER_STREAM -> statement.setCharacterStream(index, (Reader) value);
            case CHARACTER_STREAM_WITH_INT_LENGTH -> statement.setCharacterStream(index, (Reader) value, (int) length);
            case CHARACTER_STREAM_WITH_LENGTH -> statement.setCharacterStream(index, (Reader) value, length);
            case NCHARACTER_STREAM -> statement.setNCharacterStream(index, (Reader) value);
            case NCHARACTER_STREAM_WITH_LENGTH -> statement.setNCharacterStream(index, (Reader) value, length);
            case BLOB -> statement.setBlob(index, (Blob) value);
            case BLOB_STREAM -> statement.setBlob(index, (InputStream) value);
            case BLOB_STREAM_WITH_LENGTH -> statement.setBlob(index, (InputStream) value, length);
            case CLOB -> statement.setClob(index, (Clob) value);
            case CLOB_READER -> statement.setClob(index, (Reader) value);
            case CLOB_READER_WITH_LENGTH -> statement.setClob(index, (Reader) value, length);
            case NCLOB -> statement.setNClob(index, (NClob) value);
            case NCLOB_READER -> statement.setNClob(index, (Reader) value);
            case NCLOB_READER_WITH_LENGTH -> statement.setNClob(index, (Reader) value, length);
            case REF -> statement.setRef(index, (Ref) value);
            case ARRAY -> statement.setArray(index, (Array) value);
            case ROW_ID -> statement.setRowId(index, (RowId) value);
            case SQLXML -> statement.setSQLXML(index, (SQLXML) value);
        }
    }
}
