package dev.cachedjdbc.result;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable copy of every {@link ResultSetMetaData} property of a result, read once from the driver. A property the
 * driver refused to report is refused again, with the driver's message and SQLState, every time it is asked for.
 */
public final class CachedResultSetMetaData implements ResultSetMetaData {

    /** Every per-column property, in the order they are captured and stored. */
    enum Property {
        CATALOG_NAME, SCHEMA_NAME, TABLE_NAME, COLUMN_NAME, COLUMN_LABEL, COLUMN_TYPE, COLUMN_TYPE_NAME,
        COLUMN_CLASS_NAME, PRECISION, SCALE, COLUMN_DISPLAY_SIZE, NULLABLE, AUTO_INCREMENT, CASE_SENSITIVE,
        SEARCHABLE, CURRENCY, SIGNED, READ_ONLY, WRITABLE, DEFINITELY_WRITABLE
    }

    private static final Property[] PROPERTIES = Property.values();

    /** A property the driver refused to report: kept so that asking again fails the same way. */
    private record Refusal(String message, String sqlState, int vendorCode) {
    }

    /** properties[column - 1][property.ordinal()] */
    private final Object[][] properties;

    private CachedResultSetMetaData(Object[][] properties) {
        this.properties = properties;
    }

    /** Reads every property of every column from the driver's metadata. */
    static CachedResultSetMetaData capture(ResultSetMetaData source) throws SQLException {
        return capture(source, null);
    }

    /**
     * Reads every property of every column from the driver's metadata, and returns {@code held} itself when the
     * driver reported exactly what it holds: the same number of columns and, for each, every property equal (a
     * refusal equal to a refusal with the same message, SQLState and vendor code). So the results of one statement
     * share one snapshot while its columns stay the same, and get a new one as soon as anything the driver reports
     * differs.
     *
     * @param held the snapshot to reuse when equal; null for none
     */
    static CachedResultSetMetaData capture(ResultSetMetaData source, CachedResultSetMetaData held)
            throws SQLException {
        int columnCount = source.getColumnCount();
        boolean sameSoFar = held != null && held.properties.length == columnCount;
        Object[][] properties = sameSoFar ? null : new Object[columnCount][];
        Object[] row = new Object[PROPERTIES.length];
        for (int column = 1; column <= columnCount; column++) {
            for (Property property : PROPERTIES) {
                try {
                    row[property.ordinal()] = read(source, column, property);
                } catch (SQLException e) {
                    row[property.ordinal()] = new Refusal(e.getMessage(), e.getSQLState(), e.getErrorCode());
                }
            }
            if (sameSoFar && Arrays.equals(row, held.properties[column - 1])) {
                continue; // the row read is reused for the next column
            }
            if (sameSoFar) {
                sameSoFar = false;
                // The columns before this one equal the held ones, whose rows are immutable and can be shared.
                properties = new Object[columnCount][];
                System.arraycopy(held.properties, 0, properties, 0, column - 1);
            }
            properties[column - 1] = row;
            row = new Object[PROPERTIES.length];
        }
        return sameSoFar ? held : new CachedResultSetMetaData(properties);
    }

    /** Metadata for a result built here rather than read from a driver, such as an array's index/value result. */
    static CachedResultSetMetaData describe(List<SyntheticColumn> columns) {
        Object[][] properties = new Object[columns.size()][];
        for (int i = 0; i < columns.size(); i++) {
            SyntheticColumn column = columns.get(i);
            Object[] row = new Object[PROPERTIES.length];
            row[Property.CATALOG_NAME.ordinal()] = "";
            row[Property.SCHEMA_NAME.ordinal()] = "";
            row[Property.TABLE_NAME.ordinal()] = "";
            row[Property.COLUMN_NAME.ordinal()] = column.name();
            row[Property.COLUMN_LABEL.ordinal()] = column.name();
            row[Property.COLUMN_TYPE.ordinal()] = column.sqlType();
            row[Property.COLUMN_TYPE_NAME.ordinal()] = column.typeName();
            row[Property.COLUMN_CLASS_NAME.ordinal()] = column.className();
            row[Property.PRECISION.ordinal()] = 0;
            row[Property.SCALE.ordinal()] = 0;
            row[Property.COLUMN_DISPLAY_SIZE.ordinal()] = Integer.MAX_VALUE;
            row[Property.NULLABLE.ordinal()] = ResultSetMetaData.columnNullableUnknown;
            row[Property.AUTO_INCREMENT.ordinal()] = false;
            row[Property.CASE_SENSITIVE.ordinal()] = true;
            row[Property.SEARCHABLE.ordinal()] = false;
            row[Property.CURRENCY.ordinal()] = false;
            row[Property.SIGNED.ordinal()] = false;
            row[Property.READ_ONLY.ordinal()] = true;
            row[Property.WRITABLE.ordinal()] = false;
            row[Property.DEFINITELY_WRITABLE.ordinal()] = false;
            properties[i] = row;
        }
        return new CachedResultSetMetaData(properties);
    }

    /** A column of a result that no driver described. */
    record SyntheticColumn(String name, int sqlType, String typeName, String className) {
    }

    private static Object read(ResultSetMetaData source, int column, Property property) throws SQLException {
        return switch (property) {
            case CATALOG_NAME -> source.getCatalogName(column);
            case SCHEMA_NAME -> source.getSchemaName(column);
            case TABLE_NAME -> source.getTableName(column);
            case COLUMN_NAME -> source.getColumnName(column);
            case COLUMN_LABEL -> source.getColumnLabel(column);
            case COLUMN_TYPE -> source.getColumnType(column);
            case COLUMN_TYPE_NAME -> source.getColumnTypeName(column);
            case COLUMN_CLASS_NAME -> source.getColumnClassName(column);
            case PRECISION -> source.getPrecision(column);
            case SCALE -> source.getScale(column);
            case COLUMN_DISPLAY_SIZE -> source.getColumnDisplaySize(column);
            case NULLABLE -> source.isNullable(column);
            case AUTO_INCREMENT -> source.isAutoIncrement(column);
            case CASE_SENSITIVE -> source.isCaseSensitive(column);
            case SEARCHABLE -> source.isSearchable(column);
            case CURRENCY -> source.isCurrency(column);
            case SIGNED -> source.isSigned(column);
            case READ_ONLY -> source.isReadOnly(column);
            case WRITABLE -> source.isWritable(column);
            case DEFINITELY_WRITABLE -> source.isDefinitelyWritable(column);
        };
    }

    private Object property(int column, Property property) throws SQLException {
        if (column < 1 || column > properties.length) {
            throw new SQLException("Column index " + column + " is out of range 1.." + properties.length, "07009");
        }
        Object value = properties[column - 1][property.ordinal()];
        if (value instanceof Refusal refusal) {
            throw new SQLException(refusal.message(), refusal.sqlState(), refusal.vendorCode());
        }
        return value;
    }

    private String string(int column, Property property) throws SQLException {
        return (String) property(column, property);
    }

    private int integer(int column, Property property) throws SQLException {
        return (Integer) property(column, property);
    }

    private boolean bool(int column, Property property) throws SQLException {
        return (Boolean) property(column, property);
    }

    /** The label of a column as captured, or null when the driver refused to report it. */
    String labelOrNull(int column) {
        Object label = properties[column - 1][Property.COLUMN_LABEL.ordinal()];
        return label instanceof String text ? text : null;
    }

    /** The SQL type of a column as captured, or {@link java.sql.Types#OTHER} when the driver refused to report it. */
    int sqlTypeOrOther(int column) {
        Object type = properties[column - 1][Property.COLUMN_TYPE.ordinal()];
        return type instanceof Integer sqlType ? sqlType : java.sql.Types.OTHER;
    }

    /** The type name of a column as captured, or "" when the driver refused to report it. */
    String typeNameOrEmpty(int column) {
        Object name = properties[column - 1][Property.COLUMN_TYPE_NAME.ordinal()];
        return name instanceof String text ? text : "";
    }

    /** Rough heap use of this snapshot, for the result's estimate. */
    long estimatedBytes() {
        long bytes = SizeEstimates.ARRAY_HEADER + (long) properties.length * SizeEstimates.REFERENCE;
        for (Object[] row : properties) {
            bytes += SizeEstimates.ARRAY_HEADER + (long) row.length * SizeEstimates.REFERENCE;
            for (Object value : row) {
                if (value instanceof String text) {
                    bytes += SizeEstimates.string(text);
                }
            }
        }
        return bytes;
    }

    @Override
    public int getColumnCount() {
        return properties.length;
    }

    @Override
    public boolean isAutoIncrement(int column) throws SQLException {
        return bool(column, Property.AUTO_INCREMENT);
    }

    @Override
    public boolean isCaseSensitive(int column) throws SQLException {
        return bool(column, Property.CASE_SENSITIVE);
    }

    @Override
    public boolean isSearchable(int column) throws SQLException {
        return bool(column, Property.SEARCHABLE);
    }

    @Override
    public boolean isCurrency(int column) throws SQLException {
        return bool(column, Property.CURRENCY);
    }

    @Override
    public int isNullable(int column) throws SQLException {
        return integer(column, Property.NULLABLE);
    }

    @Override
    public boolean isSigned(int column) throws SQLException {
        return bool(column, Property.SIGNED);
    }

    @Override
    public int getColumnDisplaySize(int column) throws SQLException {
        return integer(column, Property.COLUMN_DISPLAY_SIZE);
    }

    @Override
    public String getColumnLabel(int column) throws SQLException {
        return string(column, Property.COLUMN_LABEL);
    }

    @Override
    public String getColumnName(int column) throws SQLException {
        return string(column, Property.COLUMN_NAME);
    }

    @Override
    public String getSchemaName(int column) throws SQLException {
        return string(column, Property.SCHEMA_NAME);
    }

    @Override
    public int getPrecision(int column) throws SQLException {
        return integer(column, Property.PRECISION);
    }

    @Override
    public int getScale(int column) throws SQLException {
        return integer(column, Property.SCALE);
    }

    @Override
    public String getTableName(int column) throws SQLException {
        return string(column, Property.TABLE_NAME);
    }

    @Override
    public String getCatalogName(int column) throws SQLException {
        return string(column, Property.CATALOG_NAME);
    }

    @Override
    public int getColumnType(int column) throws SQLException {
        return integer(column, Property.COLUMN_TYPE);
    }

    @Override
    public String getColumnTypeName(int column) throws SQLException {
        return string(column, Property.COLUMN_TYPE_NAME);
    }

    @Override
    public boolean isReadOnly(int column) throws SQLException {
        return bool(column, Property.READ_ONLY);
    }

    @Override
    public boolean isWritable(int column) throws SQLException {
        return bool(column, Property.WRITABLE);
    }

    @Override
    public boolean isDefinitelyWritable(int column) throws SQLException {
        return bool(column, Property.DEFINITELY_WRITABLE);
    }

    @Override
    public String getColumnClassName(int column) throws SQLException {
        return string(column, Property.COLUMN_CLASS_NAME);
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

    @Override
    public String toString() {
        return "CachedResultSetMetaData" + Arrays.deepToString(properties);
    }
}
