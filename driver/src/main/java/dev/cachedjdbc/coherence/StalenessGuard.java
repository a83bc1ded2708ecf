package dev.cachedjdbc.coherence;

import com.github.benmanes.caffeine.cache.Ticker;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Whether a database's cached results may be served: only while the change feed proves that it has heard every
 * announcement committed more than the staleness bound ago. The feed proves it with heartbeats of its own sent on the
 * same channel: the database delivers notifications in commit order, so hearing a heartbeat back means every
 * announcement committed before it was sent has been heard as well. The time the last such heartbeat was sent is
 * the proof; a hit is served only while the proof is no older than the bound. When the feed stops hearing (its
 * connection lost, stalled, lagging), the proof ages and hits stop, without anyone having to notice the failure.
 *
 * <p>The check on the hit path is one volatile read and one clock read.
 */
public final class StalenessGuard {

    private static final System.Logger LOG = System.getLogger(StalenessGuard.class.getName());
    private static final long NEVER = Long.MIN_VALUE;

    private final Ticker ticker;
    private final String database;
    /** When the last heartbeat heard back was sent, on the ticker; NEVER before the first. */
    private volatile long provenAt = NEVER;
    /** Since when hits are suspended, on the ticker; NEVER while they are served. */
    private final AtomicLong suspendedSince = new AtomicLong(NEVER);
    private final LongAdder suspendedReads = new LongAdder();
    private final AtomicLong suspendedNanos = new AtomicLong();
    private final LongAdder invalidationsReceived = new LongAdder();
    private final LongAdder announcementsSent = new LongAdder();
    private final LongAdder remoteWritesExpired = new LongAdder();
    private volatile boolean connected;
    /** The tightest bound asked of this database; the feed's suspension checks use it. */
    private volatile long tightestBoundNanos = Long.MAX_VALUE;

    public StalenessGuard(Ticker ticker, String database) {
        this.ticker = ticker;
        this.database = database;
    }

    public Ticker ticker() {
        return ticker;
    }

    /** Notes a bound some connection holds to, so that the feed judges suspension by the tightest one. */
    public void boundAsked(Duration bound) {
        long nanos = bound.toNanos();
        if (nanos < tightestBoundNanos) {
            tightestBoundNanos = nanos;
        }
    }

    /**
     * Whether a hit may be served under this bound now; a refusal counts as a read sent to the database and, on the
     * first refusal after hits were served, is logged.
     */
    public boolean mayServe(long boundNanos) {
        long now = ticker.read();
        long proof = provenAt;
        if (proof != NEVER && now - proof <= boundNanos) {
            return true;
        }
        suspendedReads.increment();
        suspend(now, proof);
        return false;
    }

    /** The feed heard back a heartbeat it sent at this time. */
    public void proven(long sentAt) {
        if (sentAt <= provenAt && provenAt != NEVER) {
            return;
        }
        provenAt = sentAt;
        long since = suspendedSince.get();
        if (since != NEVER && ticker.read() - sentAt <= tightestBoundNanos && suspendedSince.compareAndSet(since, NEVER)) {
            long suspended = ticker.read() - since;
            suspendedNanos.addAndGet(suspended);
            LOG.log(Level.WARNING, () -> "Cached results of " + database + " are served again: the change channel has"
                    + " caught up after " + Duration.ofNanos(suspended).toMillis() + " ms");
        }
    }

    /** The feed's own periodic check, so that a suspension is logged even when no read asks. */
    public void check() {
        long now = ticker.read();
        long proof = provenAt;
        if (proof == NEVER || now - proof > tightestBoundNanos) {
            suspend(now, proof);
        }
    }

    private void suspend(long now, long proof) {
        if (suspendedSince.get() == NEVER && suspendedSince.compareAndSet(NEVER, now)) {
            String age = proof == NEVER ? "no heartbeat heard yet"
                    : "the last heartbeat heard was sent " + Duration.ofNanos(now - proof).toMillis() + " ms ago";
            LOG.log(Level.WARNING, () -> "Cached results of " + database + " are not served, reads go to the database:"
                    + " the change channel cannot prove that other instances' writes were heard (" + age + ")");
        }
    }

    public void connected(boolean now) {
        connected = now;
    }

    public void announcementSent() {
        announcementsSent.increment();
    }

    public void invalidationReceived() {
        invalidationsReceived.increment();
    }

    /** Another instance's write, opened before its commit, was released without its closing (see RemoteWrites). */
    public void remoteWriteExpired() {
        remoteWritesExpired.increment();
    }

    /** How long ago the heard heartbeat was sent, in milliseconds; -1 before the first. */
    public long proofAgeMillis() {
        long age = proofAgeNanos();
        return age < 0 ? -1 : Duration.ofNanos(age).toMillis();
    }

    public boolean connected() {
        return connected;
    }

    /** How long ago the heard heartbeat was sent, in nanoseconds on the ticker; -1 before the first. */
    public long proofAgeNanos() {
        long proof = provenAt;
        return proof == NEVER ? -1 : ticker.read() - proof;
    }

    public long suspendedReads() {
        return suspendedReads.sum();
    }

    /** Time hits have spent suspended, including a suspension still going on. */
    public long suspendedMillis() {
        long since = suspendedSince.get();
        long ongoing = since == NEVER ? 0 : ticker.read() - since;
        return Duration.ofNanos(suspendedNanos.get() + ongoing).toMillis();
    }

    /**
     * Whether hits are suspended now: since a read or the feed's own check found the proof too old, or because it is
     * too old now, which a status read while the feed's thread is stalled and nothing reads must show as well.
     */
    public boolean suspended() {
        if (suspendedSince.get() != NEVER) {
            return true;
        }
        long proof = provenAt;
        return proof == NEVER || ticker.read() - proof > tightestBoundNanos;
    }

    public long invalidationsReceived() {
        return invalidationsReceived.sum();
    }

    public long announcementsSent() {
        return announcementsSent.sum();
    }

    public long remoteWritesExpired() {
        return remoteWritesExpired.sum();
    }
}
