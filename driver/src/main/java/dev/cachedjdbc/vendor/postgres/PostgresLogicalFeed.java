package dev.cachedjdbc.vendor.postgres;

import dev.cachedjdbc.cache.WrittenTables;
import dev.cachedjdbc.coherence.ChangeFeed;
import dev.cachedjdbc.coherence.FeedContext;
import dev.cachedjdbc.coherence.Heartbeats;
import dev.cachedjdbc.coherence.StalenessGuard;
import dev.cachedjdbc.coherence.WriteOpening;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;

/**
 * The change feed on PostgreSQL's logical decoding: the cache follows every change any client commits, in commit
 * order, through pgjdbc's replication API and the {@code test_decoding} plugin that ships with the server, on a
 * temporary slot (the server drops it when the stream's connection ends, so a JVM that dies leaves nothing behind).
 * Nothing is announced: writes through this driver, other applications, {@code psql}, COPY, rows written by triggers
 * and cascades and {@code COMMIT PREPARED} all reach the stream alike, and rolled-back transactions never do.
 *
 * <p>The proof of freshness is a heartbeat in the same stream: every heartbeat interval the feed commits a logical
 * message of its own ({@code pg_logical_emit_message}) on a second connection. The stream delivers transactions in
 * the order of their commits, so hearing the heartbeat means every change committed before it was sent has been
 * heard.
 *
 * <p>Each time the stream (re)starts, on a new slot, the listener is told that changes may have been missed, which
 * invalidates everything of the database: what was committed before the slot existed is not in it.
 */
final class PostgresLogicalFeed implements ChangeFeed {

    /** The stream's and the heartbeat connection's application_name, as pg_stat_activity shows them. */
    static final String APPLICATION_NAME = "cached-jdbc change stream";
    /** The output plugin: shipped with every PostgreSQL server, it needs no publication and no superuser. */
    static final String PLUGIN = "test_decoding";
    /** The prefix of the feed's heartbeat messages in the stream. */
    static final String MESSAGE_PREFIX = "cached_jdbc";
    /** What slot names start with, so that an administrator knows whose slots they are. */
    static final String SLOT_PREFIX = "cached_jdbc_";
    private static final System.Logger LOG = System.getLogger(PostgresLogicalFeed.class.getName());
    /** How long the thread waits when the stream has nothing: the delay it adds to a change's invalidation. */
    private static final long IDLE_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /** Lines read at most before the thread sends a heartbeat that is due. */
    private static final int MOST_LINES_PER_TURN = 10_000;
    private static final Duration LONGEST_RETRY_PAUSE = Duration.ofSeconds(1);

    private final FeedContext context;
    private final StalenessGuard guard;
    /** Who this instance is in heartbeat messages: every instance's heartbeats are in every stream. */
    private final String sender = UUID.randomUUID().toString();
    private final CountDownLatch firstProof = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean closed;
    private volatile Connection streaming;
    private volatile Connection beating;

    private PostgresLogicalFeed(FeedContext context) {
        this.context = context;
        this.guard = context.guard();
        this.thread = new Thread(this::run, "cached-jdbc-logical " + context.database());
        thread.setDaemon(true);
    }

    /**
     * Checks that the server allows logical decoding to the application's role, then starts the feed.
     *
     * @param delegate the application's connection, on which the check runs
     * @throws SQLException naming the setting to change when the server does not allow it
     */
    static PostgresLogicalFeed start(Connection delegate, FeedContext context) throws SQLException {
        String walLevel;
        boolean mayReplicate;
        String role;
        boolean autoCommit = delegate.getAutoCommit();
        try (Statement statement = delegate.createStatement();
                ResultSet row = statement.executeQuery("select current_setting('wal_level'), current_user,"
                        + " (select rolreplication or rolsuper from pg_catalog.pg_roles where rolname = current_user)")) {
            row.next();
            walLevel = row.getString(1);
            role = row.getString(2);
            mayReplicate = row.getBoolean(3);
        } finally {
            if (!autoCommit) {
                delegate.rollback();
            }
        }
        String refusal = refusal(walLevel, mayReplicate, role);
        if (refusal != null) {
            throw new SQLException(refusal, "55000");
        }
        PostgresLogicalFeed feed = new PostgresLogicalFeed(context);
        feed.thread.start();
        LOG.log(Level.INFO, () -> "Cache coherence for " + context.database() + ": logical decoding (" + PLUGIN
                + ", temporary slot), staleness bound " + context.maxStaleness().toMillis() + " ms");
        return feed;
    }

    /** Why the server does not allow this role a logical stream, with how to fix it; null when it does. */
    static String refusal(String walLevel, boolean mayReplicate, String role) {
        if (!"logical".equalsIgnoreCase(walLevel)) {
            return "cache.coherence=logical needs the server setting wal_level=logical (it is " + walLevel + "): run"
                    + " ALTER SYSTEM SET wal_level = logical and restart PostgreSQL (on a managed service, turn on"
                    + " its logical replication parameter, e.g. rds.logical_replication or cloudsql.logical_decoding),"
                    + " or use cache.coherence=notify, which needs no server settings";
        }
        if (!mayReplicate) {
            return "cache.coherence=logical needs a role allowed to replicate, and " + role + " is not: run ALTER ROLE "
                    + role + " REPLICATION (on a managed service, grant its replication role, e.g. rds_replication),"
                    + " or use cache.coherence=notify, which needs no privileges beyond the application's";
        }
        return null;
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
    public long newWriteId() {
        return 0;
    }

    /** Nothing to open: the transaction's commit reaches every stream by itself. */
    @Override
    public WriteOpening openWrite(long writeId, WrittenTables written) {
        return WriteOpening.NOT_SENT;
    }

    /** Nothing to close: nothing was opened. */
    @Override
    public void closeWrite(long writeId, WrittenTables written) {
    }

    /** Nothing to announce: the transaction's commit reaches every stream by itself. */
    @Override
    public SQLException announceInTransaction(Connection delegate, WrittenTables written) {
        return null;
    }

    /** Nothing to announce: the commit reaches every stream by itself. */
    @Override
    public void announceCommitted(Connection autocommitConnection, WrittenTables written) {
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        closeQuietly(streaming);
        closeQuietly(beating);
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException | RuntimeException e) {
                // closing anyway
            }
        }
    }

    private static Properties properties(boolean replication) {
        Properties properties = new Properties();
        properties.setProperty("ApplicationName", APPLICATION_NAME);
        if (replication) {
            properties.setProperty("replication", "database");
            properties.setProperty("preferQueryMode", "simple");
            properties.setProperty("assumeMinServerVersion", "10");
        }
        return properties;
    }

    private void run() {
        long pauseNanos = Math.min(context.heartbeatInterval().toNanos(), LONGEST_RETRY_PAUSE.toNanos());
        boolean failureLogged = false;
        while (!closed) {
            try (Connection beats = context.opener().open(properties(false));
                    Connection replication = context.opener().open(properties(true))) {
                beating = beats;
                streaming = replication;
                if (PostgresIdentity.replaced(beats, context.database())) {
                    closed = true;
                    context.listener().serverReplaced();
                    return;
                }
                PGReplicationStream stream = startStream(beats, replication);
                guard.connected(true);
                // The slot holds what was committed after it was made; what came before is unknown.
                context.listener().mayHaveMissedChanges();
                if (failureLogged) {
                    LOG.log(Level.INFO, () -> "The change stream of " + context.database() + " is back");
                }
                failureLogged = false;
                follow(stream, beats);
            } catch (SQLException | RuntimeException e) {
                firstProof.countDown();
                if (closed) {
                    return;
                }
                if (!failureLogged) {
                    failureLogged = true;
                    LOG.log(Level.WARNING, "The change stream of " + context.database() + " is down; reconnecting."
                            + " Hits are suspended once the last heartbeat heard is older than the bound", e);
                }
            } finally {
                streaming = null;
                beating = null;
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

    private PGReplicationStream startStream(Connection beats, Connection replication) throws SQLException {
        beats.setAutoCommit(true);
        try (Statement statement = beats.createStatement()) {
            // A heartbeat is heard once its commit is flushed; waiting for standbys would only delay the proof.
            statement.execute("SET synchronous_commit = local");
        }
        String slot = SLOT_PREFIX + sender.replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT)
                + Long.toHexString(System.nanoTime() & 0xffffff);
        PGConnection api = replication.unwrap(PGConnection.class);
        api.getReplicationAPI().createReplicationSlot().logical()
                .withSlotName(slot)
                .withOutputPlugin(PLUGIN)
                .withTemporaryOption()
                .make();
        return api.getReplicationAPI().replicationStream().logical()
                .withSlotName(slot)
                .withSlotOption("include-xids", false)
                .withSlotOption("skip-empty-xacts", true)
                .withStatusInterval(1, TimeUnit.SECONDS)
                .start();
    }

    /**
     * Reads what the stream has, invalidates each transaction at its commit, sends a heartbeat when one is due, runs
     * the catalog check on the heartbeat's connection when it is due (the stream carries no DDL), and waits a little
     * when the stream is idle.
     */
    private void follow(PGReplicationStream stream, Connection beats) throws SQLException {
        Heartbeats heartbeats = new Heartbeats(context, firstProof::countDown);
        DecodedTransaction[] open = {null};
        try (PreparedStatement heartbeat = beats.prepareStatement(
                "SELECT pg_catalog.pg_logical_emit_message(true, '" + MESSAGE_PREFIX + "', ?)")) {
            while (!closed) {
                int lines = 0;
                ByteBuffer data;
                while (lines < MOST_LINES_PER_TURN && (data = stream.readPending()) != null) {
                    lines++;
                    receive(decode(data), open, heartbeats);
                }
                if (lines > 0) {
                    // The slot is temporary and never resumed: confirming lets the server recycle its WAL.
                    LogSequenceNumber received = stream.getLastReceiveLSN();
                    stream.setAppliedLSN(received);
                    stream.setFlushedLSN(received);
                }
                long sequence = heartbeats.due();
                if (sequence >= 0) {
                    heartbeat.setString(1, sender + " " + sequence);
                    heartbeat.execute();
                }
                context.catalogCheck().runIfDue(beats);
                guard.check();
                if (lines == 0) {
                    TimeUnit.NANOSECONDS.sleep(IDLE_PAUSE_NANOS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A line the feed cannot decode is taken as a change it cannot read, which invalidates everything. */
    private static String decode(ByteBuffer data) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(data).toString();
        } catch (CharacterCodingException e) {
            return "";
        }
    }

    private void receive(String line, DecodedTransaction[] open, Heartbeats heartbeats) {
        DecodedChange change = DecodedChange.parse(line);
        switch (change.kind()) {
            case BEGIN -> open[0] = new DecodedTransaction(context.listener()::rowKeyColumn);
            case COMMIT -> {
                DecodedTransaction committed = open[0];
                open[0] = null;
                if (committed != null && !committed.isEmpty()) {
                    guard.invalidationReceived();
                    context.listener().logged(committed.written());
                }
            }
            case MESSAGE -> {
                if (MESSAGE_PREFIX.equals(change.prefix())) {
                    heartbeat(change.content(), heartbeats);
                }
            }
            default -> {
                if (open[0] == null) {
                    // A change outside a transaction's lines: invalidated at once rather than at a commit to come.
                    DecodedTransaction alone = new DecodedTransaction(context.listener()::rowKeyColumn);
                    alone.add(change);
                    guard.invalidationReceived();
                    context.listener().logged(alone.written());
                } else {
                    open[0].add(change);
                }
            }
        }
    }

    /**
     * A heartbeat message: the feed's own proves every change committed before it was sent has been heard; other
     * instances' are skipped.
     */
    private void heartbeat(String content, Heartbeats heartbeats) {
        int space = content.indexOf(' ');
        if (space < 0 || !content.substring(0, space).equals(sender)) {
            return;
        }
        try {
            heartbeats.heard(Long.parseLong(content.substring(space + 1)));
        } catch (NumberFormatException e) {
            // not a heartbeat of this feed's making
        }
    }
}
