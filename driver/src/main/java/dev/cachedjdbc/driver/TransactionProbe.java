package dev.cachedjdbc.driver;

import dev.cachedjdbc.analysis.Dialect;
import java.lang.reflect.Method;
import java.sql.Connection;

/**
 * Asks the delegate whether a transaction is open, after a statement whose text may have opened one unseen (a
 * multi-statement string with BEGIN, say). Where the delegate cannot tell, the answer is yes: the driver then keeps
 * treating the connection as inside a transaction that writes everything until it commits, rolls back or closes.
 */
final class TransactionProbe {

    private TransactionProbe() {
    }

    static boolean transactionOpen(Connection delegate, Dialect dialect) {
        if (dialect == Dialect.POSTGRESQL) {
            try {
                // pgjdbc tracks the server's transaction status from every ReadyForQuery message.
                Class<?> baseConnection = Class.forName("org.postgresql.core.BaseConnection", false,
                        delegate.getClass().getClassLoader());
                Object connection = delegate.unwrap(baseConnection);
                Method state = baseConnection.getMethod("getTransactionState");
                return !"IDLE".equals(String.valueOf(state.invoke(connection)));
            } catch (ReflectiveOperationException | java.sql.SQLException | RuntimeException | LinkageError e) {
                return true;
            }
        }
        if (dialect == Dialect.H2) {
            try {
                // H2 turns autocommit off for a transaction begun in SQL (BEGIN, SET AUTOCOMMIT FALSE), and back on
                // when BEGIN's transaction ends; its embedded driver reads the session's own flag.
                return !delegate.getAutoCommit();
            } catch (java.sql.SQLException | RuntimeException e) {
                return true;
            }
        }
        return true;
    }
}
