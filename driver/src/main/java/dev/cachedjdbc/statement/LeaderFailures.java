package dev.cachedjdbc.statement;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.Constructor;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/** What the callers waiting on a coalesced load do when the load that leads them fails. */
public final class LeaderFailures {

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
    public static boolean waitersRetryAfter(Exception failure) {
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
     * The leader's error as a waiter throws it: the same class, message, SQLState and vendor code (and whatever
     * else the database's driver keeps in it, such as PostgreSQL's server error fields), with the leader's
     * exception as the cause (or, where the class fixed its cause at construction, as a suppressed exception).
     */
    public static SQLException forWaiter(Exception failure) {
        if (!(failure instanceof SQLException sql)) {
            return new SQLException(failure.getMessage(), failure);
        }
        SQLException copy = copyByStandardConstructor(sql);
        if (copy == null) {
            copy = copyBySerialization(sql);
        }
        if (copy == null) {
            return new SQLException(sql.getMessage(), sql.getSQLState(), sql.getErrorCode(), sql);
        }
        return copy;
    }

    private static SQLException copyByStandardConstructor(SQLException original) {
        try {
            Constructor<? extends SQLException> constructor = original.getClass()
                    .getConstructor(String.class, String.class, int.class, Throwable.class);
            return constructor.newInstance(original.getMessage(), original.getSQLState(), original.getErrorCode(), original);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Drivers' own exception classes (pgjdbc's PSQLException, H2's JdbcSQLException family) have no standard
     * constructor; a serialized copy keeps their class and every field without knowing them.
     */
    private static SQLException copyBySerialization(SQLException original) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(original);
            }
            Object read;
            try (ObjectInputStream in = new LoaderAwareInputStream(new ByteArrayInputStream(bytes.toByteArray()),
                    original.getClass().getClassLoader())) {
                read = in.readObject();
            }
            if (read.getClass() != original.getClass()) {
                return null;
            }
            SQLException copy = (SQLException) read;
            copy.setStackTrace(new Throwable().getStackTrace());
            attachLeader(copy, original);
            return copy;
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            return null;
        }
    }

    private static void attachLeader(SQLException copy, SQLException leader) {
        try {
            copy.initCause(leader);
        } catch (IllegalStateException causeAlreadySet) {
            copy.addSuppressed(leader);
        }
    }

    /** Resolves classes through the loader of the driver that threw, which need not be the one of this class. */
    private static final class LoaderAwareInputStream extends ObjectInputStream {

        private final ClassLoader loader;

        LoaderAwareInputStream(ByteArrayInputStream in, ClassLoader loader) throws IOException {
            super(in);
            this.loader = loader;
        }

        @Override
        protected Class<?> resolveClass(java.io.ObjectStreamClass description) throws IOException, ClassNotFoundException {
            if (loader != null) {
                try {
                    return Class.forName(description.getName(), false, loader);
                } catch (ClassNotFoundException notThere) {
                    // fall back to the default resolution below
                }
            }
            return super.resolveClass(description);
        }
    }
}
