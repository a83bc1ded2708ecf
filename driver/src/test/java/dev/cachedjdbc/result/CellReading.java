package dev.cachedjdbc.result;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The observable outcome of one getter call, in a form that compares by content: the value's class, the value (byte
 * arrays, Java arrays and java.sql.Array by what they hold), wasNull afterwards, or the failure.
 */
record CellReading(String valueClass, Object content, Boolean wasNull, String failure, boolean sqlFailure) {

    static CellReading read(ResultSet resultSet, Getters.Getter getter, int column, String label) {
        Object value;
        try {
            value = getter.read().read(resultSet, column, label);
        } catch (SQLException | RuntimeException e) {
            return new CellReading(null, null, null, e.getClass().getSimpleName() + ": " + e.getMessage(),
                    e instanceof SQLException);
        }
        boolean wasNull;
        try {
            wasNull = resultSet.wasNull();
        } catch (SQLException e) {
            return new CellReading(null, null, null, "wasNull failed: " + e.getMessage(), true);
        }
        Object content;
        try {
            content = contentOf(value);
        } catch (SQLException | RuntimeException e) {
            return new CellReading(null, null, null, "reading the value's content failed: " + e,
                    e instanceof SQLException);
        }
        return new CellReading(classOf(value), content, wasNull, null, false);
    }

    /** The class a caller sees; any java.sql.Array counts as one, since arrays are snapshotted into another class. */
    private static String classOf(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof Array ? Array.class.getName() : value.getClass().getName();
    }

    boolean failed() {
        return failure != null;
    }

    /** What a value holds, for comparing values whose classes compare by identity. */
    static Object contentOf(Object value) throws SQLException {
        if (value instanceof byte[] bytes) {
            return "bytes" + Arrays.toString(bytes);
        }
        if (value instanceof Object[] elements) {
            return elements.getClass().getName() + Arrays.deepToString(elements);
        }
        if (value instanceof Array array) {
            return describeArray(array);
        }
        return value;
    }

    private static Object describeArray(Array array) throws SQLException {
        List<Object> rows = new ArrayList<>();
        try (ResultSet elements = array.getResultSet()) {
            while (elements.next()) {
                rows.add(List.of(elements.getInt(1), String.valueOf(contentOf(elements.getObject(2)))));
            }
        }
        return List.of("Array", array.getBaseType(), array.getBaseTypeName(), contentOf(array.getArray()), rows);
    }
}
