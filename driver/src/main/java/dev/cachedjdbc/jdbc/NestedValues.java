package dev.cachedjdbc.jdbc;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Values that are themselves JDBC objects of the database's driver (a result set read from a refcursor, an array,
 * whose result sets have a statement of their own) come back wrapped, so that they do not lead the application to
 * the driver's own statement around the wrappers they were read through.
 */
final class NestedValues {

    private NestedValues() {
    }

    /** The value, with a result set or array of the driver's wrapped; any other value as it is. */
    static Object wrapped(Object value, Statement statement, Object handOutParent) {
        if (value instanceof ResultSet resultSet && !(value instanceof DelegatingResultSet)) {
            return new DelegatingResultSet(resultSet, statement, handOutParent);
        }
        if (value instanceof Array array && !(value instanceof DelegatingArray)) {
            return new DelegatingArray(array, statement, handOutParent);
        }
        return value;
    }

    static Array wrapped(Array value, Statement statement, Object handOutParent) {
        return (Array) wrapped((Object) value, statement, handOutParent);
    }

    /**
     * A value read as {@code type}: wrapped where the wrapper is still a {@code type}; where the caller asked for the
     * driver's own class, handed out as unwrap would hand out that object.
     */
    static <T> T wrappedAs(Class<T> type, T value, Statement statement, Object handOutParent) throws SQLException {
        Object wrapped = wrapped(value, statement, handOutParent);
        if (wrapped == value || type == null || type.isInstance(wrapped)) {
            return wrapped == value ? value : type.cast(wrapped);
        }
        return type.cast(AbstractWrapper.handOutThrough(handOutParent, type, value));
    }
}
