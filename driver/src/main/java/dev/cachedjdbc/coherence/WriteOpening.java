package dev.cachedjdbc.coherence;

/** What came of opening a transaction's writes on the change channel before its commit ({@link ChangeFeed#openWrite}). */
public enum WriteOpening {
    /**
     * The opening committed before the call returned: every instance hears it before the transaction's commit. The
     * transaction announces nothing inside itself, and closes the write once it has ended.
     */
    OPENED,
    /**
     * The opening was sent but may not have committed (its statement failed or was not answered in time): the
     * transaction announces its writes inside itself as well, and closes the write once it has ended, since other
     * instances may hold it open.
     */
    UNSURE,
    /** Nothing was sent (no connection to send it on): the transaction announces its writes inside itself. */
    NOT_SENT,
    /**
     * Nothing was sent because no other instance listens on the channel ({@link PeerPresence}): the transaction
     * announces nothing inside itself, and its writes are announced once it has ended, as an autocommit write's are.
     */
    NO_LISTENERS
}
