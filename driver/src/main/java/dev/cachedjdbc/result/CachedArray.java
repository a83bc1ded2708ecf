package dev.cachedjdbc.result;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Types;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * An immutable, in-memory copy of a driver's {@link Array}, which (like pgjdbc's) may depend on the connection that
 * produced it. Every {@link #getArray()} returns a fresh copy, so it can be handed to any number of callers.
 * {@link #free()} releases nothing, because the copy is shared by every hit on the same result.
 */
final class CachedArray implements Array {

    private final int baseType;
    private final String baseTypeName;
    /** A Java array of the element class the driver used, holding snapshot values. */
    private final Object[] elements;

    /** An array of one element, for drivers (H2) that read a single value as an array when asked for one. */
    static CachedArray ofSingle(int baseType, String baseTypeName, Object element) {
        return new CachedArray(baseType, baseTypeName, new Object[] {element});
    }

    private CachedArray(int baseType, String baseTypeName, Object[] elements) {
        this.baseType = baseType;
        this.baseTypeName = baseTypeName;
        this.elements = elements;
    }

    static CachedArray snapshot(Array source) throws SQLException, UnsnapshottableValueException {
        Object elements = source.getArray();
        if (!(elements instanceof Object[] objects)) {
            // A primitive array could be copied, but no driver in use returns one and ResultSet views need objects.
            throw new UnsnapshottableValueException(elements == null ? Array.class : elements.getClass());
        }
        return new CachedArray(source.getBaseType(), source.getBaseTypeName(),
                (Object[]) ValueSnapshots.snapshot(objects));
    }

    @Override
    public String getBaseTypeName() {
        return baseTypeName;
    }

    @Override
    public int getBaseType() {
        return baseType;
    }

    @Override
    public Object getArray() {
        return ValueSnapshots.copyForCaller(elements);
    }

    @Override
    public Object getArray(Map<String, Class<?>> map) throws SQLException {
        requireNoTypeMap(map);
        return getArray();
    }

    @Override
    public Object getArray(long index, int count) throws SQLException {
        int from = startOf(index, count);
        Object[] slice = Arrays.copyOfRange(elements, from, from + count);
        return ValueSnapshots.copyForCaller(slice);
    }

    @Override
    public Object getArray(long index, int count, Map<String, Class<?>> map) throws SQLException {
        requireNoTypeMap(map);
        return getArray(index, count);
    }

    @Override
    public ResultSet getResultSet() throws SQLException {
        return resultSetOf(0, elements.length);
    }

    @Override
    public ResultSet getResultSet(Map<String, Class<?>> map) throws SQLException {
        requireNoTypeMap(map);
        return getResultSet();
    }

    @Override
    public ResultSet getResultSet(long index, int count) throws SQLException {
        return resultSetOf(startOf(index, count), count);
    }

    @Override
    public ResultSet getResultSet(long index, int count, Map<String, Class<?>> map) throws SQLException {
        requireNoTypeMap(map);
        return getResultSet(index, count);
    }

    @Override
    public void free() {
        // Shared by every hit on the cached result; there is nothing of one caller's to release.
    }

    long estimatedBytes() {
        return SizeEstimates.OBJECT_HEADER + 16 + SizeEstimates.string(baseTypeName == null ? "" : baseTypeName)
                + SizeEstimates.value(elements);
    }

    /** A result of the JDBC shape for arrays: INDEX (1-based position in the array) and VALUE, one row each. */
    private ResultSet resultSetOf(int from, int count) {
        Object[] indexes = new Object[count];
        Object[] values = new Object[count];
        for (int i = 0; i < count; i++) {
            indexes[i] = from + i + 1;
            Object element = elements[from + i];
            // A multi-dimensional array's rows are arrays themselves, one dimension fewer, as JDBC drivers give them.
            values[i] = element instanceof Object[] inner ? new CachedArray(baseType, baseTypeName, inner) : element;
        }
        String valueClass = elements.getClass().getComponentType().getName();
        CachedResultSetMetaData metaData = CachedResultSetMetaData.describe(List.of(
                new CachedResultSetMetaData.SyntheticColumn("INDEX", Types.INTEGER, "int4", Integer.class.getName()),
                new CachedResultSetMetaData.SyntheticColumn("VALUE", baseType, baseTypeName, valueClass)));
        ColumnPlan[] plans = {
            ColumnPlan.valuesOnly(Types.INTEGER, "int4", SourceConventions.GENERIC),
            ColumnPlan.valuesOnly(baseType, baseTypeName, SourceConventions.GENERIC)
        };
        CachedColumn[] columns = {
            new CachedColumn(plans[0], indexes, null, null),
            new CachedColumn(plans[1], values, null, null)
        };
        CachedResult result = new CachedResult(new ResultShape(metaData, SourceConventions.GENERIC, plans), columns,
                count);
        return new CachedResultSet(result, null, ResultSet.TYPE_SCROLL_INSENSITIVE);
    }

    private int startOf(long index, int count) throws SQLException {
        if (index < 1 || count < 0 || index - 1 + count > elements.length) {
            throw new SQLException("Array slice from " + index + " of " + count + " elements is outside 1.."
                    + elements.length, "2202E");
        }
        return (int) (index - 1);
    }

    private static void requireNoTypeMap(Map<String, Class<?>> map) throws SQLException {
        if (map != null && !map.isEmpty()) {
            throw new SQLFeatureNotSupportedException("Custom type maps are not supported for cached arrays");
        }
    }

    @Override
    public String toString() {
        return Arrays.deepToString(elements);
    }
}
