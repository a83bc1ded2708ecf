package dev.cachedjdbc.connection;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Whether a connection has ended — closed or aborted by the application, or lost by the database's driver — as far
 * as can be known without I/O. A read on an ended connection must not be a hit: it goes to the database's driver,
 * which fails it with its own error, as it would without the cache.
 *
 * <p>A hit asks {@link #ended()}: one volatile read, and on drivers that know of a lost connection without talking to
 * the server (H2 embedded, whose session a SHUTDOWN elsewhere closes) their isClosed, a few field reads. pgjdbc learns
 * of a lost server only from I/O, and its isClosed takes a lock: its loss is learnt here instead when one of the
 * connection's calls fails and pgjdbc then says it is closed. A read answered before any call has reached the server
 * since the loss cannot know of it.
 */
public final class ConnectionLiveness {

    private static final int OPEN = 0;
    private static final int CLOSED = 1;
    private static final int LOST = 2;

    private final Connection delegate;
    /** Whether the database's driver knows of a lost connection without I/O, and says so cheaply. */
    private final boolean driverKnowsWithoutIo;
    private volatile int state = OPEN;

    ConnectionLiveness(Connection delegate, boolean driverKnowsWithoutIo) {
        this.delegate = delegate;
        this.driverKnowsWithoutIo = driverKnowsWithoutIo;
    }

    /** Whether the connection has ended; on the hit path. */
    public boolean ended() {
        if (state != OPEN) {
            return true;
        }
        if (driverKnowsWithoutIo && delegateClosed()) {
            state = LOST;
            return true;
        }
        return false;
    }

    /** Whether the connection is known to have ended, without asking the database's driver (a result set's getters). */
    public boolean knownEnded() {
        return state != OPEN;
    }

    /** Whether the connection ended otherwise than by the application's close or abort. */
    public boolean lost() {
        return state == LOST;
    }

    /** The application closed or aborted the connection. */
    void closedByApplication() {
        state = CLOSED;
    }

    /**
     * A call of the connection failed: when the database's driver now says the connection is closed (pgjdbc does
     * after an I/O failure or the server's termination of the backend), it is lost. Returns the failure, unchanged.
     */
    public SQLException failed(SQLException failure) {
        checkLost();
        return failure;
    }

    /**
     * A check found the connection invalid, or a call failed: when the database's driver now says the connection is
     * closed, it is lost.
     * An invalid connection the driver still calls open (a timeout) is left to answer for itself.
     */
    void checkLost() {
        if (state == OPEN && delegateClosed()) {
            state = LOST;
        }
    }

    private boolean delegateClosed() {
        try {
            return delegate.isClosed();
        } catch (SQLException | RuntimeException e) {
            return true; // a driver that cannot say is left to answer for itself
        }
    }
}
