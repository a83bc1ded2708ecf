package dev.cachedjdbc.vendor.postgres;

import dev.cachedjdbc.coherence.FeedContext;
import dev.cachedjdbc.coherence.WriteOpening;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The notify feed's connection for sending from writers' threads, and the group commit of what they send on it:
 * transactions' openings, which their writers wait for just before their commits. A writer that finds the connection
 * free sends its own; writers that arrive while a statement is on its way queue, and when it returns, its sender wakes
 * the writers it carried and hands the next statement to the first one queued, which sends every queued writer's in
 * one autocommit statement ({@code SELECT pg_notify(…), pg_notify(…)}). So a writer waits for two statements at most,
 * each writer is woken once, and the server makes one notifying commit per statement rather than one per
 * transaction.
 *
 * <p>The connection does nothing else: the feed's listening connection is held by its thread, which sleeps on it
 * waiting for notifications. It is opened by the feed's thread once a writer found none ({@link #openIfWanted}), so
 * that an instance whose transactions never write holds no such connection, and dropped at its first failure. A
 * writer waits at most {@link #WAIT_MILLIS}: its network timeout bounds a send on a connection that stopped
 * answering, and its session's {@code lock_timeout} the wait for the server's notification lock, which every notifying
 * commit takes. Whatever was not surely sent, the writer announces inside its own transaction instead.
 */
final class NotifySender implements AutoCloseable {

    /** The sending connection's application_name. */
    static final String APPLICATION_NAME = "cached-jdbc change sender";
    /** The longest a writer waits for its statement, or for the one before it, to return. */
    static final int WAIT_MILLIS = 1_000;
    private static final Properties NAMED = named();
    /** Notify calls sent in one statement at most, besides the sender's own. */
    private static final int MOST_PER_STATEMENT = 64;
    private static final System.Logger LOG = System.getLogger(NotifySender.class.getName());

    private final Object lock = new Object();
    /** Sends waiting for a statement, oldest first; guarded by {@link #lock}. */
    private final ArrayDeque<Pending> queued = new ArrayDeque<>();
    /** A statement is on its way; guarded by {@link #lock}. */
    private boolean sending;
    /** The sending connection; null while none is open; guarded by {@link #lock}. */
    private Connection connection;
    /** Guarded by {@link #lock}. */
    private boolean closed;
    /** A writer found no connection: the feed's thread opens one. */
    private volatile boolean wanted;
    /** Whether the last attempt to open the connection failed, so that failures are logged once until one succeeds. */
    private boolean openFailed;

    private static Properties named() {
        Properties properties = new Properties();
        properties.setProperty("ApplicationName", APPLICATION_NAME);
        return properties;
    }

    /**
     * Notify calls one writer sends, and what came of them once a statement that carried them returned; or that the
     * writer is to send the next statement itself. Each writer is woken alone, when one of these is set.
     */
    private static final class Pending {
        private final List<String> calls;
        private final Thread writer = Thread.currentThread();
        private volatile WriteOpening outcome;
        private volatile boolean leads;

        Pending(List<String> calls) {
            this.calls = calls;
        }
    }

    /**
     * Sends these notify calls, with whatever else is queued, in one autocommit statement, and waits for it to return:
     * {@link WriteOpening#OPENED} once it has (they have committed), {@link WriteOpening#NOT_SENT} when they were not
     * sent (no connection, or the statement before them failed), {@link WriteOpening#UNSURE} when they were sent but
     * the statement failed or did not return in time. Never throws.
     */
    WriteOpening send(List<String> calls) {
        Pending mine = new Pending(calls);
        synchronized (lock) {
            if (connection == null) {
                wanted = !closed;
                return WriteOpening.NOT_SENT;
            }
            if (sending) {
                queued.add(mine);
            } else {
                sending = true;
                mine.leads = true;
            }
        }
        WriteOpening waited = awaitTurn(mine);
        return waited != null ? waited : lead(mine);
    }

    /**
     * Waits until a statement that carried these calls has returned (its outcome), or until this writer is to send the
     * next statement (null), for at most {@link #WAIT_MILLIS}.
     */
    private WriteOpening awaitTurn(Pending mine) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        boolean interrupted = false;
        try {
            while (mine.outcome == null && !mine.leads) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || interrupted) {
                    synchronized (lock) {
                        if (mine.outcome != null || mine.leads) {
                            break;
                        }
                        return queued.remove(mine) ? WriteOpening.NOT_SENT : WriteOpening.UNSURE;
                    }
                }
                LockSupport.parkNanos(this, left);
                interrupted = Thread.interrupted();
            }
            return mine.outcome;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Sends this writer's calls and what queued behind the last statement, then hands the next statement to the first
     * writer still queued: so that only the writers whose calls were sent, and the next sender, are woken.
     */
    private WriteOpening lead(Pending mine) {
        List<Pending> batch;
        Connection sendOn;
        synchronized (lock) {
            sendOn = connection;
            batch = takeWith(mine);
        }
        WriteOpening outcome = sendOn == null ? WriteOpening.NOT_SENT : execute(sendOn, batch);
        List<Pending> woken = new ArrayList<>(batch);
        synchronized (lock) {
            batch.forEach(sent -> sent.outcome = outcome);
            if (outcome != WriteOpening.OPENED) {
                // The connection is dropped; what waited behind this statement was not sent, and is announced by its
                // writers inside their transactions.
                if (sendOn != null && connection == sendOn) {
                    connection = null;
                }
                queued.forEach(notSent -> notSent.outcome = WriteOpening.NOT_SENT);
                woken.addAll(queued);
                queued.clear();
                sending = false;
                wanted = !closed;
            } else if (queued.isEmpty()) {
                sending = false;
            } else {
                Pending next = queued.peek();
                next.leads = true;
                woken.add(next);
            }
        }
        for (Pending waiting : woken) {
            if (waiting != mine) {
                LockSupport.unpark(waiting.writer);
            }
        }
        if (outcome != WriteOpening.OPENED && sendOn != null) {
            closeQuietly(sendOn);
        }
        return outcome;
    }

    /** The sender's own calls and as many others queued as fit in one statement, oldest first; taken off the queue. */
    private List<Pending> takeWith(Pending mine) {
        queued.remove(mine);
        List<Pending> batch = new ArrayList<>();
        batch.add(mine);
        int calls = 0;
        while (!queued.isEmpty() && calls + queued.peek().calls.size() <= MOST_PER_STATEMENT) {
            Pending next = queued.poll();
            calls += next.calls.size();
            batch.add(next);
        }
        return batch;
    }

    private static WriteOpening execute(Connection sendOn, List<Pending> batch) {
        StringBuilder text = new StringBuilder("SELECT ");
        boolean first = true;
        for (Pending pending : batch) {
            for (String call : pending.calls) {
                text.append(first ? "" : ", ").append(call);
                first = false;
            }
        }
        try (Statement statement = sendOn.createStatement()) {
            statement.execute(text.toString());
            return WriteOpening.OPENED;
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.DEBUG, "Could not send on the change channel's sending connection; the writers announce"
                    + " inside their transactions", e);
            return WriteOpening.UNSURE;
        }
    }

    /** Whether a writer found no connection since the last one was opened. */
    boolean wanted() {
        return wanted;
    }

    /**
     * Opens the sending connection if a writer wanted one and none is open. Called by the feed's thread, so that no
     * writer waits for a connection to open; a writer that finds none announces inside its transaction meanwhile.
     */
    void openIfWanted(FeedContext.Opener opener) {
        if (!wanted) {
            return;
        }
        wanted = false;
        synchronized (lock) {
            if (connection != null || closed) {
                return;
            }
        }
        Connection opened = null;
        try {
            opened = opener.open(NAMED);
            opened.setAutoCommit(true);
            try (Statement statement = opened.createStatement()) {
                statement.execute("SET lock_timeout = " + WAIT_MILLIS);
            }
            opened.setNetworkTimeout(Runnable::run, WAIT_MILLIS);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(opened);
            if (!openFailed) {
                openFailed = true;
                LOG.log(Level.WARNING, "Could not open the change channel's sending connection: until it opens,"
                        + " transactions announce their writes inside themselves, and the server commits them one at"
                        + " a time", e);
            }
            return;
        }
        openFailed = false;
        synchronized (lock) {
            if (connection == null && !closed) {
                connection = opened;
                return;
            }
        }
        closeQuietly(opened);
    }

    @Override
    public void close() {
        Connection open;
        synchronized (lock) {
            closed = true;
            open = connection;
            connection = null;
        }
        closeQuietly(open);
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException | RuntimeException e) {
            // dropped anyway
        }
    }
}
