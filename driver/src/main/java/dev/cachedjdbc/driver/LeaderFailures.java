package dev.cachedjdbc.driver;

import java.lang.reflect.Constructor;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/** What the callers waiting on a coalesced load do when the load that leads them fails. */
final class LeaderFailures {

    /**
     * SQLState classes and codes that describe the leader's connection, session or transaction rather than the
     * statement: connection exceptions (08), invalid transaction state such as an aborted transaction (25),
     * transaction rollback such as a deadlock or a serialization failure (40), insufficient resources (53),
     * operator intervention such as a cancel or a terminated backend (57), a lock not available in time (55P03),
     * and the generic cancel and timeout states (HY008, HYT00, HYT01).
     */
    private static final String[] LEADERS_OWN_STATE_PREFIXES = {
        "08", "25", "40", "53", "57", "55P03", "HY008", "HYT00", "HYT01"
    };

    private LeaderFailures() {
    }

    /**
     * A leader that was cancelled, timed out, lost its connection or failed because of its own transaction says
     * nothing about the waiters' statements, which run on other connections: each runs the query itself. Any other
     * database error would recur for them, so they receive it.
     */
    static boolean waitersRetryAfter(Exception failure) {
        if (!(failure instanceof SQLException sql)) {
            return true;
        }
        if (sql instanceof SQLTransientException || sql instanceof SQLRecoverableException) {
            return true;
        }
        String state = sql.getSQLState();
        if (state == null) {
            return false;
        }
        for (String prefix : LEADERS_OWN_STATE_PREFIXES) {
            if (state.startsWith(prefix)) {
                return true;
            }
        }
        return false;
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
