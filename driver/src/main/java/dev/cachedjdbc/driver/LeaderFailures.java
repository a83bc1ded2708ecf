package dev.cachedjdbc.driver;

import java.lang.reflect.Constructor;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;

/** What the callers waiting on a coalesced load do when the load that leads them fails. */
final class LeaderFailures {

    private static final String QUERY_CANCELED = "57014";

    private LeaderFailures() {
    }

    /**
     * A leader that was cancelled, timed out or lost its connection says nothing about the waiters' own statements:
     * each runs the query itself. Any other database error would recur for them, so they receive it.
     */
    static boolean waitersRetryAfter(Exception failure) {
        if (!(failure instanceof SQLException sql)) {
            return true;
        }
        String state = sql.getSQLState();
        return sql instanceof SQLTimeoutException
                || sql instanceof SQLTransientConnectionException
                || QUERY_CANCELED.equals(state)
                || (state != null && state.startsWith("08"));
    }

    /**
     * The leader's error as a waiter throws it: the same class where it can be built with the standard constructor,
     * with the same message, SQLState and vendor code, and the leader's exception as the cause.
     */
    static Exception forWaiter(Exception failure) {
        if (!(failure instanceof SQLException sql)) {
            return new SQLException(failure.getMessage(), failure);
        }
        SQLException copy = sameClassCopy(sql);
        if (copy == null) {
            copy = new SQLException(sql.getMessage(), sql.getSQLState(), sql.getErrorCode(), sql);
        }
        return copy;
    }

    private static SQLException sameClassCopy(SQLException original) {
        try {
            Constructor<? extends SQLException> constructor = original.getClass()
                    .getConstructor(String.class, String.class, int.class, Throwable.class);
            return constructor.newInstance(original.getMessage(), original.getSQLState(), original.getErrorCode(), original);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
