package dev.cachedjdbc.vendor.postgres;

import dev.cachedjdbc.cache.WrittenTables;
import dev.cachedjdbc.coherence.ChangeFeed;
import dev.cachedjdbc.coherence.ChangeMessage;
import dev.cachedjdbc.coherence.FeedContext;
import dev.cachedjdbc.coherence.Heartbeats;
import dev.cachedjdbc.coherence.PeerPresence;
import dev.cachedjdbc.coherence.RemoteWrites;
import dev.cachedjdbc.coherence.StalenessGuard;
import dev.cachedjdbc.coherence.WriteOpening;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The change feed on PostgreSQL's LISTEN/NOTIFY. One connection of the feed's own, outside the application's pool,
 * listens on {@link #CHANNEL}; one thread owns it and, in turn, sends what autocommit writes of this instance
 * committed (and the closings of transactions), sends a heartbeat when one is due, waits a little for notifications,
 * and runs the catalog check when it is due ({@link FeedContext.CatalogCheck}).
 *
 * <p>Each time the feed (re)connects it tells the listener that it may have missed announcements, which invalidates
 * everything of the database: what was committed while nobody listened cannot be known.
 *
 * <h2>Transactions: opened before their commit, closed after it</h2>
 *
 * <p>A transaction could announce its writes with a NOTIFY inside itself, just before its commit: the server then
 * delivers the announcement exactly when the transaction commits. But PostgreSQL makes notifications appear in commit
 * order by taking a lock of the whole database (an object lock on {@code pg_database}) when such a transaction
 * commits, and holds it until the transaction has ended, through the wait for the commit's WAL flush: every
 * notifying transaction of the server commits one at a time. So a transaction that wrote is announced in two
 * messages instead, under one write id:
 * <ol>
 *   <li>its <em>opening</em> (the tables and rows it wrote) is committed on the channel before the transaction
 *       commits, from a second connection of the feed ({@link NotifySender}), which sends the openings of concurrent
 *       writers many to a statement. A transaction that only notifies logs nothing but its commit record, which the
 *       server does not wait to flush (as for any transaction that wrote no WAL of its own), so it holds the lock
 *       only briefly; the writer's own commit takes no lock of the server's notifications at all;</li>
 *   <li>then the transaction commits;</li>
 *   <li>once it has ended, committed or not, its <em>closing</em> is queued for this feed's thread, which sends it as
 *       it sends autocommit writes' announcements ({@link #announceCommitted}), unless the next opening takes it
 *       along first.</li>
 * </ol>
 * Another instance that hears the opening invalidates what it names and holds it open, as it holds a write of its own
 * transactions: no load fills it until the closing, which moves the versions again and releases it
 * ({@link RemoteWrites}).
 *
 * <p>Why this keeps the bound. Hits are served only while the proof is younger than the bound: a heartbeat of the
 * serving instance, sent at time t, has been heard back, and since the server delivers notifications in commit
 * order, every notification committed before t has been heard. Take a transaction that committed at c, more than the
 * bound ago, so c &lt; t. Its opening committed before c, hence before t: it has been heard. From then on either the
 * closing has been heard too, and it was sent after the commit, so a load begun after it sees the commit and the
 * results cached before it were invalidated by it; or the write is still held open, and no load fills it. A load
 * begun before the opening was heard had its versions moved by the opening. So no result that misses the
 * transaction is served once it has committed more than the bound ago, as with an announcement inside it. A
 * transaction that rolled back sends its closing all the same: one invalidation too many, nothing stale. This
 * instance's own transactions are held open by their local write scopes, as before.
 *
 * <p>Where the opening cannot be sent surely before the commit (no sending connection yet, or it failed or did not
 * answer within {@link NotifySender#WAIT_MILLIS}), the transaction announces itself inside, as before
 * ({@link #announceInTransaction}), and still sends its closing if the opening may have gone out. Nothing is lost
 * either way; only such transactions commit one at a time.
 *
 * <p>Openings are for other instances. While this feed keeps up and has heard no other sender for two bounds
 * ({@link PeerPresence}), nobody else listens, and a transaction is announced after its commit instead, as an
 * autocommit write is: no round trip before the commit. An instance that starts listening meanwhile is heard within
 * a poll of its first heartbeat; until then, for it, such a transaction is like an autocommit write, its bound
 * counting from the announcement.
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
    /**
     * Heartbeat intervals without a message of any other instance (two bounds) after which nobody else is taken to be
     * listening: a live instance sends ten heartbeats in that time.
     */
    private static final int PEER_WINDOW_HEARTBEATS = 10;
    private static final Duration LONGEST_RETRY_PAUSE = Duration.ofSeconds(1);
    /** Announcements sent in one statement at most, so that the statement stays small. */
    private static final int MOST_PER_STATEMENT = 64;
    /**
     * The least time between two statements of the feed's thread that send what waits. A busy channel wakes the thread
     * at every notification, its own included, and each statement it sends is one more notifying commit, heard back
     * by every instance: without a spacing the thread would send one for every few writes.
     */
    private static final long LEAST_NANOS_BETWEEN_SENDS = TimeUnit.MILLISECONDS.toNanos(5);
    /** Waiting messages an opening takes along at most, so that an opening's statement stays small. */
    private static final int MOST_ALONG_AN_OPENING = 16;

    private final FeedContext context;
    private final StalenessGuard guard;
    /** Who this instance is on the channel: its own announcements come back and are ignored. */
    private final String sender = UUID.randomUUID().toString();
    /**
     * Announcements of committed writes, and closings of transactions, not yet sent. Each stays here until a statement
     * that sent it has returned: a sender that stalls mid-way (its connection hung) leaves them for the writers'
     * connections to send meanwhile.
     */
    private final ConcurrentLinkedQueue<Waiting> committed = new ConcurrentLinkedQueue<>();
    /** Where transactions' openings are sent, from their writers' threads. */
    private final NotifySender openings = new NotifySender();
    private final AtomicLong writeIds = new AtomicLong();
    /** Other instances' writes opened and not yet closed; the feed's thread alone uses it. */
    private final RemoteWrites remoteWrites;
    /** Two heartbeat intervals: a proof younger than this shows the feed's thread sends within a poll. */
    private final long promptProofNanos;
    /** Whether other instances listen: where none does, transactions are announced after their commits. */
    private final PeerPresence peers;
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
        this.remoteWrites = new RemoteWrites(context.listener(), guard, context.remoteWriteTimeout());
        this.promptProofNanos = 2 * context.heartbeatInterval().toNanos();
        this.peers = new PeerPresence(context.heartbeatInterval().multipliedBy(PEER_WINDOW_HEARTBEATS));
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
            committed.add(Waiting.announcement(written));
            return e instanceof SQLException failure ? failure : new SQLException(e);
        }
    }

    /**
     * The call that sends this message, with the payload as a string literal (it is printable ASCII, but quotes are
     * doubled all the same), for statements that must run as one text.
     */
    private static String notifyCall(ChangeMessage message) {
        return "pg_catalog.pg_notify('" + CHANNEL + "', '" + message.encode().replace("'", "''") + "')";
    }

    /** The call that announces these writes, whole. */
    private String notifyCall(WrittenTables written) {
        return notifyCall(ChangeMessage.written(sender, written));
    }

    /**
     * The calls that send these waiting messages: each closing's own, and one announcement of everything the waiting
     * announcements wrote, so that a burst of autocommit writes costs the server one notification and every listener
     * one message rather than one per write (a union too long for a payload is announced by whole tables).
     */
    private List<String> callsFor(List<Waiting> taken) {
        List<String> calls = new ArrayList<>(taken.size());
        List<WrittenTables> announced = new ArrayList<>();
        for (Waiting waiting : taken) {
            if (waiting.announcement()) {
                announced.add(waiting.written);
            } else {
                calls.add(waiting.notifyCall);
            }
        }
        if (!announced.isEmpty()) {
            calls.add(notifyCall(WrittenTables.union(announced)));
        }
        return calls;
    }

    @Override
    public long newWriteId() {
        return writeIds.incrementAndGet();
    }

    @Override
    public WriteOpening openWrite(long writeId, WrittenTables written) {
        if (written.isEmpty()) {
            return WriteOpening.NOT_SENT;
        }
        // Only while this feed keeps up (its own heartbeat heard back lately) has it heard every instance that
        // announced itself until shortly before now.
        if (!peers.othersMayListen(System.nanoTime()) && sendsPromptly()) {
            return WriteOpening.NO_LISTENERS;
        }
        // What waits for the feed's thread (the closings of transactions that ended) goes along: under concurrent
        // writers the feed's thread then has little left to send, and the closings arrive sooner.
        List<Waiting> along = firstWaiting(MOST_ALONG_AN_OPENING, true);
        List<String> calls = new ArrayList<>(1 + along.size());
        calls.add(notifyCall(ChangeMessage.opening(sender, writeId, written)));
        calls.addAll(callsFor(along));
        WriteOpening opening = openings.send(calls);
        if (opening == WriteOpening.OPENED) {
            guard.announcementSent();
            sent(along);
        } else {
            along.forEach(Waiting::release);
        }
        return opening;
    }

    @Override
    public void closeWrite(long writeId, WrittenTables written) {
        committed.add(Waiting.closing(notifyCall(ChangeMessage.closing(sender, writeId, written))));
        if (!sendsPromptly()) {
            // Other instances hold the write open until they hear this, filling nothing of it: the sending
            // connection takes it, with whatever else waits, rather than leaving it to a feed that is behind.
            sendWaitingOnSender();
        }
    }

    /** Sends what waits, up to one statement's worth, on the sending connection. */
    private void sendWaitingOnSender() {
        List<Waiting> taken = firstWaiting(MOST_PER_STATEMENT, false);
        if (!taken.isEmpty() && openings.send(callsFor(taken)) == WriteOpening.OPENED) {
            sent(taken);
        }
    }

    @Override
    public void announceCommitted(Connection autocommitConnection, WrittenTables written) {
        if (written.isEmpty()) {
            return;
        }
        committed.add(Waiting.announcement(written));
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
        return guard.connected() && age >= 0 && age <= promptProofNanos;
    }

    /**
     * Sends every waiting announcement on the writer's connection, in autocommit statements of up to
     * {@link #MOST_PER_STATEMENT}; what cannot be sent waits for the feed.
     */
    private void sendWaitingOn(Connection autocommitConnection) {
        try {
            sendWaiting(autocommitConnection, false);
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.DEBUG, "Could not announce committed writes on the writer's connection", e);
        }
    }

    /**
     * Sends every waiting announcement, many to a statement: each statement is one transaction, and each transaction
     * that notifies takes the server's notification lock once, so a burst of writes costs few.
     */
    private void sendWaiting(Connection connection, boolean claiming) throws SQLException {
        while (true) {
            List<Waiting> taken = firstWaiting(MOST_PER_STATEMENT, claiming);
            if (taken.isEmpty()) {
                return;
            }
            String announce = "SELECT " + String.join(", ", callsFor(taken));
            try (Statement statement = connection.createStatement()) {
                statement.execute(announce);
            } catch (SQLException | RuntimeException e) {
                taken.forEach(Waiting::release);
                throw e;
            }
            sent(taken);
        }
    }

    /**
     * The oldest waiting messages, at most this many; left in the queue until sent. A claiming sender (the feed's
     * thread, an opening that takes them along) takes only those no other claiming sender is sending, so that they
     * are not sent twice; the senders that stand in for a feed that is behind take every one, claimed or not.
     */
    private List<Waiting> firstWaiting(int most, boolean claiming) {
        List<Waiting> taken = new ArrayList<>();
        for (Waiting next : committed) {
            if (taken.size() == most) {
                break;
            }
            if (!claiming || next.claim()) {
                taken.add(next);
            }
        }
        return taken;
    }

    /**
     * These waiting messages were sent. Another sender may have sent some of them too (sending twice is harmless);
     * whoever removes one counts it, so that each is counted once.
     */
    private void sent(List<Waiting> taken) {
        for (Waiting sent : taken) {
            if (committed.remove(sent) && sent.announcement()) {
                guard.announcementSent();
            }
        }
    }

    /**
     * One waiting message: an announcement of writes that committed, or a transaction's closing (not counted as an
     * announcement: its opening was). Equal only to itself, so that removing it never removes another's.
     */
    private static final class Waiting {
        /** A closing's call, ready to send; null for an announcement, which is merged with others when sent. */
        private final String notifyCall;
        /** An announcement's writes; null for a closing. */
        private final WrittenTables written;
        /** A claiming sender is sending it. */
        private final AtomicBoolean claimed = new AtomicBoolean();

        private Waiting(String notifyCall, WrittenTables written) {
            this.notifyCall = notifyCall;
            this.written = written;
        }

        static Waiting announcement(WrittenTables written) {
            return new Waiting(null, written);
        }

        static Waiting closing(String notifyCall) {
            return new Waiting(notifyCall, null);
        }

        boolean announcement() {
            return written != null;
        }

        boolean claim() {
            return claimed.compareAndSet(false, true);
        }

        /** The claiming sender could not send it: another may. */
        void release() {
            claimed.set(false);
        }
    }

    @Override
    public void close() {
        closed = true;
        openings.close();
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
        try {
            follow();
        } finally {
            remoteWrites.releaseAll();
        }
    }

    private void follow() {
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
                peers.stoppedListening();
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
        peers.startedListening(System.nanoTime());
        // Whatever was committed while nobody listened is unknown: after LISTEN, everything before it is invalidated.
        context.listener().mayHaveMissedChanges();
        remoteWrites.closingsMayHaveBeenMissed();
    }

    private void serve(Connection listening) throws SQLException {
        PGConnection notifications = listening.unwrap(PGConnection.class);
        Heartbeats heartbeats = new Heartbeats(context, firstProof::countDown);
        try (PreparedStatement notify = listening.prepareStatement("SELECT pg_catalog.pg_notify(?, ?)")) {
            notify.setString(1, CHANNEL);
            long lastSent = System.nanoTime() - LEAST_NANOS_BETWEEN_SENDS;
            while (!closed) {
                int poll = POLL_MILLIS;
                if (!committed.isEmpty()) {
                    long sinceSent = System.nanoTime() - lastSent;
                    if (sinceSent >= LEAST_NANOS_BETWEEN_SENDS) {
                        sendWaiting(listening, true);
                        lastSent = System.nanoTime();
                    } else {
                        poll = (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(LEAST_NANOS_BETWEEN_SENDS - sinceSent));
                    }
                }
                long sequence = heartbeats.due();
                if (sequence >= 0) {
                    notify.setString(2, ChangeMessage.heartbeat(sender, sequence).encode());
                    notify.execute();
                }
                PGNotification[] heard = notifications.getNotifications(poll);
                if (heard != null) {
                    for (PGNotification notification : heard) {
                        receive(notification, heartbeats);
                    }
                }
                remoteWrites.expire(System.nanoTime());
                openings.openIfWanted(context.opener());
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
        if (!message.sender().equals(sender)) {
            peers.heardPeer(System.nanoTime());
        }
        if (message.isHeartbeat()) {
            if (message.sender().equals(sender)) {
                // Our own: every announcement committed before it was sent has been heard.
                heartbeats.heard(message.heartbeat());
            }
            return;
        }
        if (message.sender().equals(sender)) {
            return;
        }
        switch (message.kind()) {
            case OPENING -> {
                guard.invalidationReceived();
                remoteWrites.opened(message.sender(), message.writeId(), message.written(), System.nanoTime());
            }
            case CLOSING -> remoteWrites.closed(message.sender(), message.writeId(), message.written());
            default -> {
                guard.invalidationReceived();
                context.listener().changed(message.written());
            }
        }
    }
}
