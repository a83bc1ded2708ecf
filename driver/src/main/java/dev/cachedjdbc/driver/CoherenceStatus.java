package dev.cachedjdbc.driver;

/**
 * How a cache learns of writes made elsewhere ({@link CacheProperty#COHERENCE}), and how well it does now.
 *
 * @param mode                  {@code local}, {@code notify} or {@code logical}, as in force for this connection's
 *                              database
 * @param connected             whether the change channel is connected (always false with {@code local})
 * @param proofAgeMillis        how long ago the last heartbeat heard back was sent: every announcement committed
 *                              before then has been heard; -1 before the first, or with {@code local}
 * @param hitsSuspended         whether hits are suspended now because the proof is older than the bound
 * @param suspendedReads        reads sent to the database because the proof was too old
 * @param suspendedMillis       time hits have spent suspended in all
 * @param invalidationsReceived other instances' announcements heard (notify), or committed transactions that
 *                              changed tables (logical)
 * @param announcementsSent     announcements of this instance's writes sent (notify only): one per autocommit write and
 *                              per transaction that wrote
 * @param remoteWritesExpired   other instances' transactions whose writes were opened here before their commit and
 *                              never closed after it, and were released after ten bounds (at least 10 s): the other
 *                              instance stopped between its commit and the closing, or this one's channel was down
 *                              when the closing was sent (notify only)
 */
public record CoherenceStatus(String mode, boolean connected, long proofAgeMillis, boolean hitsSuspended,
        long suspendedReads, long suspendedMillis, long invalidationsReceived, long announcementsSent,
        long remoteWritesExpired) {

    /** The status of a cache that hears only its own JVM's writes. */
    public static final CoherenceStatus LOCAL = new CoherenceStatus("local", false, -1, false, 0, 0, 0, 0, 0);
}
