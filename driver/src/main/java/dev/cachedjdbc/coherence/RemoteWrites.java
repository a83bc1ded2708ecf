package dev.cachedjdbc.coherence;

import dev.cachedjdbc.cache.WriteScope;
import dev.cachedjdbc.cache.WrittenTables;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Other instances' transactions between their opening and their closing, as this instance holds them open. A
 * transaction that wrote has its writes opened on the change channel before its commit and closed after it ends (see
 * {@code PostgresNotifyFeed}); between the two this instance treats them as it treats a transaction of its own that
 * is writing: in a write scope (see {@code TableVersions}), so that their cached results are stale and no load fills
 * them, whatever the load reads of the commit. The closing ends the scope, which moves the versions again.
 *
 * <p>A closing may never come: the other instance's JVM stopped between its commit and the closing, or this feed was
 * not listening when it was sent. An open write is therefore released after a timeout, its versions moved again;
 * that is counted ({@link StalenessGuard#remoteWritesExpired}), and logged as a warning unless this feed reconnected
 * while the write was open, which explains the missing closing. A closing of a write not open here (its opening was sent
 * before this feed listened, or it expired) invalidates what it names, as a write announced after its commit does.
 *
 * <p>Owned by the feed's thread: not thread-safe.
 */
public final class RemoteWrites {

    private static final System.Logger LOG = System.getLogger(RemoteWrites.class.getName());

    private final ChangeListener listener;
    private final StalenessGuard guard;
    private final long timeoutNanos;
    /** Open writes by sender and write id, in the order their openings were heard: the first expires first. */
    private final LinkedHashMap<WriteId, Open> open = new LinkedHashMap<>();

    public RemoteWrites(ChangeListener listener, StalenessGuard guard, Duration timeout) {
        this.listener = listener;
        this.guard = guard;
        this.timeoutNanos = timeout.toNanos();
    }

    /** One transaction's writes on the channel: its instance's sender id and its write id there. */
    private record WriteId(String sender, long writeId) {
    }

    /** The scopes one open write holds: several when its transaction opened again before it ended. */
    private static final class Open {
        private final List<WriteScope> scopes = new ArrayList<>(1);
        /** What the last opening named. */
        private WrittenTables written;
        private final long deadlineNanos;
        /** This feed reconnected while the write was open: its closing may have been sent while nobody listened. */
        private boolean closingMayBeLost;

        Open(long deadlineNanos) {
            this.deadlineNanos = deadlineNanos;
        }

        void close() {
            scopes.forEach(WriteScope::close);
        }
    }

    /** An opening was heard at this time ({@link System#nanoTime}): its writes are stale and open until closed. */
    public void opened(String sender, long writeId, WrittenTables written, long nowNanos) {
        WriteScope scope = listener.opened(written);
        Open write = open.computeIfAbsent(new WriteId(sender, writeId), id -> new Open(nowNanos + timeoutNanos));
        write.scopes.add(scope);
        write.written = written;
    }

    /**
     * A closing was heard: the write's transaction has ended, and its writes are released, stale once more. A closing
     * may name more than its opening (the writer's catalog changed meanwhile, and its writes count as writes of
     * everything): that is invalidated too.
     */
    public void closed(String sender, long writeId, WrittenTables written) {
        Open ended = open.remove(new WriteId(sender, writeId));
        if (ended == null) {
            listener.changed(written);
            return;
        }
        ended.close();
        if (!written.equals(ended.written)) {
            listener.changed(written);
        }
    }

    /** Releases the open writes whose closing has not come within the timeout. */
    public void expire(long nowNanos) {
        int unexplained = 0;
        Iterator<Open> oldestFirst = open.values().iterator();
        while (oldestFirst.hasNext()) {
            Open next = oldestFirst.next();
            if (nowNanos - next.deadlineNanos < 0) {
                break;
            }
            oldestFirst.remove();
            next.close();
            guard.remoteWriteExpired();
            if (!next.closingMayBeLost) {
                unexplained++;
            }
        }
        if (unexplained > 0) {
            int count = unexplained;
            LOG.log(Level.WARNING, () -> count + " write(s) another instance opened before its commit were not closed"
                    + " within " + Duration.ofNanos(timeoutNanos).toMillis() + " ms (its JVM may have stopped between"
                    + " a commit and its closing): their tables are filled again from now on, and what was cached of"
                    + " them meanwhile is invalidated");
        }
    }

    /**
     * The feed reconnected: a closing sent while it did not listen is lost, and the write it closed is released at its
     * timeout (counted, without a warning). The writes stay open until then: one whose transaction commits after this feed
     * listened again must not be filled before its commit, and only its closing, or the timeout, tells when it has.
     */
    public void closingsMayHaveBeenMissed() {
        open.values().forEach(write -> write.closingMayBeLost = true);
    }

    /** How many writes are open now. */
    public int openCount() {
        return open.size();
    }

    /** The feed stops: every open write is released. */
    public void releaseAll() {
        open.values().forEach(Open::close);
        open.clear();
    }
}
