package dev.cachedjdbc.coherence;

import dev.cachedjdbc.cache.WrittenTables;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A database's channel to the other instances that cache it: announces what this instance's transactions wrote, hears
 * theirs, and proves how fresh what it has heard is (see {@link StalenessGuard}). One per database and runtime.
 *
 * <p>A transaction that wrote is announced in one of two ways, the first where it can be: its writes are opened on the
 * channel just before its commit ({@link #openWrite}) and closed once it has ended ({@link #closeWrite}); or, where
 * the opening could not be sent, announced inside the transaction ({@link #announceInTransaction}).
 */
public interface ChangeFeed extends AutoCloseable {

    /** A number for one transaction's writes, unique on this feed, which their opening and closing carry. */
    long newWriteId();

    /**
     * Opens a transaction's writes on the other instances just before its commit: they hold them open, stale and not to
     * be filled, until the closing. Sent on a connection of the feed's own, many transactions' openings to a
     * statement, and waited for within a bound. Never throws.
     *
     * @param writeId the transaction's write id ({@link #newWriteId}); the same again if the transaction opens again
     *                before it ends
     */
    WriteOpening openWrite(long writeId, WrittenTables written);

    /**
     * Closes a transaction's opened writes once it has ended, committed, rolled back or lost: other instances invalidate
     * them again and fill them from then on. Sent as {@link #announceCommitted}'s announcements are, without delaying
     * the caller. Never throws.
     */
    void closeWrite(long writeId, WrittenTables written);

    /**
     * Announces, in the open transaction of the application's connection, what that transaction wrote: the database
     * delivers the announcement when the transaction commits and drops it when it rolls back. Used where the writes
     * could not be opened before the commit ({@link #openWrite}): the server then holds a lock of the whole database
     * through this transaction's commit, so that notifying commits are made one at a time. Never throws: an
     * announcement that cannot be made leaves the transaction as it was, and its writes are announced after the
     * commit instead.
     *
     * @return the announcement's failure, or null; the caller's commit may need to report it (see
     *         {@code TransactionTracker#beforeCommit})
     */
    SQLException announceInTransaction(Connection delegate, WrittenTables written);

    /**
     * Announces writes already committed (autocommit statements), from the feed's own connection, without delaying
     * the caller; kept until sent, across reconnections. While the feed cannot show that it sends promptly (its own
     * heartbeat not heard back lately), the caller's connection announces them at once instead, with any still
     * waiting: another instance's proof covers only what was announced, so an announcement must not wait for this
     * feed to come back.
     *
     * @param autocommitConnection the writer's connection, in autocommit and outside any transaction, on which an
     *                             announcement commits at once; null where none may be used
     */
    void announceCommitted(Connection autocommitConnection, WrittenTables written);

    StalenessGuard guard();

    /**
     * Waits until the feed listens and has proven its first heartbeat, or has failed to connect, for at most the time
     * given.
     */
    boolean awaitProof(java.time.Duration atMost) throws InterruptedException;

    /** Stops listening and closes the feed's connection. */
    @Override
    void close();
}
