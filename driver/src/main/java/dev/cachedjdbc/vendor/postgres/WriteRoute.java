package dev.cachedjdbc.vendor.postgres;

import java.sql.SQLException;

/**
 * How a caching connection runs work that reaches the database around its statement wrappers, so that it
 * invalidates as the statement's text requires. Uses only JDK types: the driver loads it whatever the database.
 */
public interface WriteRoute {

    /** Runs work that sends this statement text, as the connection runs a statement of that text. */
    <T> T run(String sql, Work<T> work) throws SQLException;

    /**
     * Begins a statement of this text whose work goes on after this call returns (a COPY fed or read piece by piece);
     * its writes stay open until {@link Held#end()}.
     */
    Held hold(String sql) throws SQLException;

    /** Something that can run statements the connection never sees has been handed out. */
    void unseenAccess();

    /**
     * A setting of the database's driver changed under which it renders values otherwise than the cached results
     * of this connection's cache hold (pgjdbc's prepare threshold, which switches to binary transfer, or a type of
     * its own for a database type).
     */
    void renderingSettingsChanged();

    /** The work of one statement. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException;
    }

    /** A statement begun by {@link #hold}; ending it twice is harmless. */
    interface Held {
        void end();
    }
}
