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

/**
 * The notify feed's connection for sending from writers' threads, and the group commit of what they send on it:
 * transactions' openings, which their writers wait for just before their commits. Whoever finds the connection free
 * sends everything queued, its own and other writers', in one autocommit statement
 * ({@code SELECT pg_notify(…), pg_notify(…)}) and wakes the others once it has returned; writers that arrive meanwhile
 * queue, and one of them sends next. So concurrent writers pay one round trip each at most, and the server makes one
 * notifying commit per statement rather than one per transaction.
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

    /** Notify calls one writer sends, and what came of them once a statement that carried them returned. */
    private static final class Pending {
        private final List<String> calls;
        private WriteOpening outcome;

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
        List<Pending> batch;
        Connection sendOn;
        synchronized (lock) {
            if (connection == null) {
                wanted = !closed;
                return WriteOpening.NOT_SENT;
            }
            queued.add(mine);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
            while (mine.outcome == null && sending) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return queued.remove(mine) ? WriteOpening.NOT_SENT : WriteOpening.UNSURE;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return queued.remove(mine) ? WriteOpening.NOT_SENT : WriteOpening.UNSURE;
                }
            }
            if (mine.outcome != null) {
                return mine.outcome;
            }
            if (connection == null) {
                queued.remove(mine);
                return WriteOpening.NOT_SENT;
            }
            sending = true;
            sendOn = connection;
            batch = takeWith(mine);
        }
        WriteOpening outcome = execute(sendOn, batch);
        synchronized (lock) {
            sending = false;
            batch.forEach(sent -> sent.outcome = outcome);
            if (outcome != WriteOpening.OPENED) {
                // The connection is dropped; what waited behind this statement was not sent, and is announced by its
                // writers inside their transactions.
                if (connection == sendOn) {
                    connection = null;
                }
                queued.forEach(notSent -> notSent.outcome = WriteOpening.NOT_SENT);
                queued.clear();
                wanted = !closed;
            }
            lock.notifyAll();
        }
        if (outcome != WriteOpening.OPENED) {
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
            lock.notifyAll();
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
