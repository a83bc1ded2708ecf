package dev.cachedjdbc.vendor.postgres;

import dev.cachedjdbc.cache.WrittenTables;
import dev.cachedjdbc.coherence.ChangeFeed;
import dev.cachedjdbc.coherence.ChangeMessage;
import dev.cachedjdbc.coherence.FeedContext;
import dev.cachedjdbc.coherence.Heartbeats;
import dev.cachedjdbc.coherence.StalenessGuard;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The change feed on PostgreSQL's LISTEN/NOTIFY. One connection of the feed's own, outside the application's pool,
 * listens on {@link #CHANNEL}; one thread owns it and, in turn, sends what autocommit writes of this instance
 * committed, sends a heartbeat when one is due, waits a little for notifications, and runs the catalog check when
 * it is due ({@link FeedContext.CatalogCheck}). Transactions announce
 * themselves on their own connection, inside the transaction, so that the database delivers the announcement exactly
 * when they commit.
 *
 * <p>Each time the feed (re)connects it tells the listener that it may have missed announcements, which invalidates
 * everything of the database: what was committed while nobody listened cannot be known.
 */
final class PostgresNotifyFeed implements ChangeFeed {

    static final String CHANNEL = "cached_jdbc";
    /** The feed connection's application_name. */
    static final String APPLICATION_NAME = "cached-jdbc change feed";
    /**
     * Named from its start (pgjdbc's ApplicationName), so that an administrator looking at pg_stat_activity knows at
     * once what the extra connection is.
     */
    private static final Properties NAMED = named();
    private static final System.Logger LOG = System.getLogger(PostgresNotifyFeed.class.getName());
    /** How long the thread waits for notifications at a time: the delay of an autocommit write's announcement. */
    private static final int POLL_MILLIS = 20;
    private static final Duration LONGEST_RETRY_PAUSE = Duration.ofSeconds(1);
    /** Announcements sent in one statement at most, so that the statement stays small. */
    private static final int MOST_PER_STATEMENT = 64;

    private final FeedContext context;
    private final StalenessGuard guard;
    /** Who this instance is on the channel: its own announcements come back and are ignored. */
    private final String sender = UUID.randomUUID().toString();
    /**
     * Announcements of committed writes not yet sent. Each stays here until a statement that sent it has returned:
     * a sender that stalls mid-way (its connection hung) leaves them for the writers' connections to send meanwhile.
     */
    private final ConcurrentLinkedQueue<Waiting> committed = new ConcurrentLinkedQueue<>();
    /**
     * Released by the first proof, or by the first failure to connect: a connection being opened waits for the feed
     * only while it is on its way, never for a feed that cannot connect.
     */
    private final CountDownLatch firstProof = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean closed;
    private volatile Connection connection;

    PostgresNotifyFeed(FeedContext context) {
        this.context = context;
        this.guard = context.guard();
        this.thread = new Thread(this::run, "cached-jdbc-notify " + context.database());
        thread.setDaemon(true);
        thread.start();
        LOG.log(Level.INFO, () -> "Cache coherence for " + context.database() + ": notify on channel " + CHANNEL
                + ", staleness bound " + context.maxStaleness().toMillis() + " ms");
    }

    private static Properties named() {
        Properties properties = new Properties();
        properties.setProperty("ApplicationName", APPLICATION_NAME);
        return properties;
    }

    @Override
    public StalenessGuard guard() {
        return guard;
    }

    @Override
    public boolean awaitProof(Duration atMost) throws InterruptedException {
        return firstProof.await(atMost.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public SQLException announceInTransaction(Connection delegate, WrittenTables written) {
        if (written.isEmpty()) {
            return null;
        }
        // No savepoint around it: pg_notify fails in a healthy transaction of a primary server only for a payload
        // too long, which ChangeMessage prevents, and a savepoint would cost every writing transaction more than
        // the announcement itself. A standby refuses NOTIFY, and nothing can have been written there.
        String announce = "SELECT " + notifyCall(written) + " WHERE NOT pg_catalog.pg_is_in_recovery()";
        try (Statement statement = delegate.createStatement()) {
            statement.execute(announce);
            guard.announcementSent();
            return null;
        } catch (SQLException | RuntimeException e) {
            // The transaction cannot commit what it wrote (it was aborted before, or the connection is gone), or it
            // commits without the announcement: then other instances must not trust their results of these tables.
            LOG.log(Level.DEBUG, "Could not announce a transaction's writes in it; announcing them after it", e);
            committed.add(new Waiting(written));
            return e instanceof SQLException failure ? failure : new SQLException(e);
        }
    }

    /**
     * The call that announces these writes, with the payload as a string literal (it is printable ASCII, but quotes
     * are doubled all the same), for statements that must run as one text.
     */
    private String notifyCall(WrittenTables written) {
        String payload = ChangeMessage.written(sender, written).encode();
        return "pg_catalog.pg_notify('" + CHANNEL + "', '" + payload.replace("'", "''") + "')";
    }

    @Override
    public void announceCommitted(Connection autocommitConnection, WrittenTables written) {
        if (written.isEmpty()) {
            return;
        }
        committed.add(new Waiting(written));
        if (autocommitConnection != null && !sendsPromptly()) {
            sendWaitingOn(autocommitConnection);
        }
    }

    /**
     * Whether the feed's thread is connected and has heard its own heartbeat back within two heartbeat intervals: then
     * what is queued goes out within a poll.
     */
    private boolean sendsPromptly() {
        long age = guard.proofAgeNanos();
        return guard.connected() && age >= 0 && age <= 2 * context.heartbeatInterval().toNanos();
    }

    /**
     * Sends every waiting announcement on the writer's connection, in autocommit statements of up to
     * {@link #MOST_PER_STATEMENT}; what cannot be sent waits for the feed.
     */
    private void sendWaitingOn(Connection autocommitConnection) {
        try {
            sendWaiting(autocommitConnection);
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.DEBUG, "Could not announce committed writes on the writer's connection", e);
        }
    }

    /**
     * Sends every waiting announcement, many to a statement: each statement is one transaction, and a transaction
     * that notifies is one commit for the server to make durable, so a burst of writes costs few.
     */
    private void sendWaiting(Connection connection) throws SQLException {
        while (true) {
            List<Waiting> taken = new ArrayList<>();
            for (Waiting next : committed) {
                if (taken.size() == MOST_PER_STATEMENT) {
                    break;
                }
                taken.add(next);
            }
            if (taken.isEmpty()) {
                return;
            }
            StringBuilder announce = new StringBuilder("SELECT ");
            for (int i = 0; i < taken.size(); i++) {
                announce.append(i == 0 ? "" : ", ").append(notifyCall(taken.get(i).written()));
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute(announce.toString());
            }
            // Another sender may have sent some of them too (announcing twice is harmless); whoever removes one
            // counts it, so that each is counted once.
            for (Waiting sent : taken) {
                if (committed.remove(sent)) {
                    guard.announcementSent();
                }
            }
        }
    }

    /** One waiting announcement; equal only to itself, so that removing it never removes another write's. */
    private static final class Waiting {
        private final WrittenTables written;

        Waiting(WrittenTables written) {
            this.written = written;
        }

        WrittenTables written() {
            return written;
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        Connection open = connection;
        if (open != null) {
            try {
                open.close();
            } catch (SQLException | RuntimeException e) {
                // closing anyway
            }
        }
    }

    private void run() {
        long pauseNanos = Math.min(context.heartbeatInterval().toNanos(), LONGEST_RETRY_PAUSE.toNanos());
        boolean failureLogged = false;
        while (!closed) {
            try (Connection listening = context.opener().open(NAMED)) {
                connection = listening;
                if (PostgresIdentity.replaced(listening, context.database())) {
                    closed = true;
                    context.listener().serverReplaced();
                    return;
                }
                listen(listening);
                failureLogged = false;
                serve(listening);
            } catch (SQLException | RuntimeException e) {
                firstProof.countDown();
                if (closed) {
                    return;
                }
                if (!failureLogged) {
                    failureLogged = true;
                    LOG.log(Level.WARNING, "The change channel of " + context.database() + " is down; reconnecting."
                            + " Hits are suspended once the last heartbeat heard is older than the bound", e);
                }
            } finally {
                connection = null;
                guard.connected(false);
            }
            guard.check();
            try {
                TimeUnit.NANOSECONDS.sleep(pauseNanos);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void listen(Connection listening) throws SQLException {
        listening.setAutoCommit(true);
        // What waited while the feed was down goes out first: other instances may be serving what it made stale.
        sendWaitingOn(listening);
        try (Statement statement = listening.createStatement()) {
            statement.execute("LISTEN " + CHANNEL);
        }
        guard.connected(true);
        // Whatever was committed while nobody listened is unknown: after LISTEN, everything before it is invalidated.
        context.listener().mayHaveMissedChanges();
    }

    private void serve(Connection listening) throws SQLException {
        PGConnection notifications = listening.unwrap(PGConnection.class);
        Heartbeats heartbeats = new Heartbeats(context, firstProof::countDown);
        try (PreparedStatement notify = listening.prepareStatement("SELECT pg_catalog.pg_notify(?, ?)")) {
            notify.setString(1, CHANNEL);
            while (!closed) {
                sendWaiting(listening);
                long sequence = heartbeats.due();
                if (sequence >= 0) {
                    notify.setString(2, ChangeMessage.heartbeat(sender, sequence).encode());
                    notify.execute();
                }
                PGNotification[] heard = notifications.getNotifications(POLL_MILLIS);
                if (heard != null) {
                    for (PGNotification notification : heard) {
                        receive(notification, heartbeats);
                    }
                }
                context.catalogCheck().runIfDue(listening);
                guard.check();
            }
        }
    }

    private void receive(PGNotification notification, Heartbeats heartbeats) {
        if (!CHANNEL.equals(notification.getName())) {
            return;
        }
        ChangeMessage message = ChangeMessage.decode(notification.getParameter());
        if (message == null) {
            return;
        }
        if (message.isHeartbeat()) {
            if (message.sender().equals(sender)) {
                // Our own: every announcement committed before it was sent has been heard.
                heartbeats.heard(message.heartbeat());
            }
            return;
        }
        if (!message.sender().equals(sender)) {
            guard.invalidationReceived();
            context.listener().changed(message.written());
        }
    }
}
