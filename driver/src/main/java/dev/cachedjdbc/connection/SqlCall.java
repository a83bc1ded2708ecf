package dev.cachedjdbc.connection;

import java.sql.SQLException;

/** One call on the delegate, run by the driver where its caching or invalidation needs it run. */
@FunctionalInterface
public interface SqlCall<T> {
    T run() throws SQLException;
}
