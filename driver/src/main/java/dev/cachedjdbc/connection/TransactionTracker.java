package dev.cachedjdbc.connection;

import dev.cachedjdbc.analysis.SessionEffect;
import dev.cachedjdbc.analysis.StatementAnalysis;
import dev.cachedjdbc.analysis.TransactionControl;
import dev.cachedjdbc.cache.WriteScope;
import dev.cachedjdbc.cache.WrittenTables;
import dev.cachedjdbc.coherence.ChangeFeed;
import dev.cachedjdbc.coherence.WriteOpening;
import dev.cachedjdbc.runtime.DatabaseRuntime;
import dev.cachedjdbc.runtime.WriteInvalidator;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One connection's transaction as the cache must see it: whether one is open (begun through JDBC or by SQL text),
 * what it has written (its write scope: those tables' cached results are stale and cannot be refilled until it
 * ends), whether its characteristics were changed by SQL, whether it ran DDL, and the writes of statements that go
 * on after their call returns. Every way a transaction ends — commit, rollback, AND CHAIN, autocommit switched on
 * through JDBC or SQL, close, abort — ends here.
 */
final class TransactionTracker {

    private static final long NOT_OPENED = -1;

    private final Connection delegate;
    private final DatabaseRuntime database;
    private final WriteInvalidator invalidator;
    private final SessionState session;
    /** Run whenever a transaction ends, after its writes were published. */
    private final Runnable afterEnd;

    private boolean autoCommit;
    /** A transaction opened by SQL text (BEGIN, START TRANSACTION) while in autocommit. */
    private boolean explicitTransaction;
    /** The tables written by the open transaction; null when it has written nothing. */
    private WriteScope scope;
    /** The database's count of catalog changes when {@link #scope} was opened (see {@link #closeWidened}). */
    private long catalogChangesAtScopeOpen;
    /** SET TRANSACTION or BEGIN with an isolation level was sent as SQL: this transaction's isolation is unknown. */
    private boolean characteristicsChanged;
    /**
     * The open transaction ran DDL. Other connections cannot see it before the commit, so a catalog read they make
     * meanwhile misses it: the catalog must be read again once the transaction has ended.
     */
    private boolean ranDdl;
    /** Writes begun by {@link #holdWrite} in autocommit that have not ended yet; closed at the latest with the connection. */
    private final Set<WriteScope> heldWrites = ConcurrentHashMap.newKeySet();
    /** Where this connection's writes are announced to other instances; null when it hears only its own JVM. */
    private final ChangeFeed feed;
    /** The open transaction's writes were announced inside it, and reach other instances with its commit. */
    private boolean announced;
    /**
     * The write id under which the open transaction's writes were opened on the feed before its commit (or may have
     * been), to be closed once it ends; {@link #NOT_OPENED} when they were not.
     */
    private long openedWrite = NOT_OPENED;
    /** What the opening named, for a closing sent after the write scope was dropped (a rollback). */
    private WrittenTables openedTables;

    TransactionTracker(Connection delegate, DatabaseRuntime database, SessionState session, boolean autoCommit,
            ChangeFeed feed, Runnable afterEnd) {
        this.delegate = delegate;
        this.database = database;
        this.invalidator = database.invalidator();
        this.session = session;
        this.autoCommit = autoCommit;
        this.feed = feed;
        this.afterEnd = afterEnd;
    }

    /**
     * The open transaction is about to be committed: what it wrote is opened on the change feed, so that other
     * instances hear it before the commit and hold it open until its closing, which {@link #end} sends (see
     * {@code PostgresNotifyFeed}). Where it cannot surely be opened so, it is announced inside the transaction, so that
     * other instances hear it exactly when it commits, and never if it rolls back.
     *
     * @return the announcement's failure when it found the connection lost (then null otherwise): the commit that
     *         follows can only fail, and without the cache it would have been the one to meet that failure, so the
     *         caller reports this one instead of the commit's own ("connection closed")
     */
    SQLException beforeCommit() {
        if (feed == null || scope == null || scope.isEmpty()) {
            return null;
        }
        WrittenTables written = scope.written();
        long writeId = openedWrite == NOT_OPENED ? feed.newWriteId() : openedWrite;
        WriteOpening opening = feed.openWrite(writeId, written);
        if (opening == WriteOpening.NO_LISTENERS) {
            return null; // announced after the commit, by end()
        }
        if (opening != WriteOpening.NOT_SENT) {
            openedWrite = writeId;
            openedTables = written;
        }
        if (opening == WriteOpening.OPENED) {
            return null;
        }
        SQLException failure = feed.announceInTransaction(delegate, written);
        announced = failure == null;
        return failure != null && isClosed() ? failure : null;
    }

    private boolean isClosed() {
        try {
            return delegate.isClosed();
        } catch (SQLException | RuntimeException e) {
            return true;
        }
    }

    /** The open transaction was rolled back: its writes never reach the database, and are not announced. */
    void rolledBack() {
        WriteScope written = scope;
        scope = null;
        if (written != null) {
            written.close();
        }
        end();
    }

    boolean inTransaction() {
        return !autoCommit || explicitTransaction;
    }

    /** Whether the open transaction was begun by SQL text in autocommit. */
    boolean explicit() {
        return explicitTransaction;
    }

    /**
     * Whether JDBC's autocommit is off and no transaction was begun by SQL text: right after a commit or rollback,
     * such a connection is between two transactions of its own.
     */
    boolean autoCommitOffWithoutSqlTransaction() {
        return !autoCommit && !explicitTransaction;
    }

    /** Whether the open transaction has written: its reads go to the database. */
    boolean hasWritten() {
        return scope != null;
    }

    boolean characteristicsChanged() {
        return characteristicsChanged;
    }

    /** The open transaction's write scope, opened on its first write. */
    WriteScope scope() {
        if (scope == null) {
            catalogChangesAtScopeOpen = database.schemaChanges();
            scope = database.versions().openWriteScope();
        }
        return scope;
    }

    /** The open transaction, if any, ran DDL. */
    void ranDdl() {
        ranDdl |= inTransaction();
    }

    /**
     * Runs a write: in a transaction (or in a text that may open one), as part of the transaction's writes; in
     * autocommit, in a write of its own that ends with the call.
     */
    <T> T runWrite(WriteSet writes, boolean mayOpenTransaction, SqlCall<T> call) throws SQLException {
        if (inTransaction() || mayOpenTransaction) {
            invalidator.addTo(scope(), writes);
            try {
                return call.run();
            } finally {
                if (mayOpenTransaction && !stillOpen()) {
                    end();
                } else if (mayOpenTransaction) {
                    explicitTransaction = true;
                }
            }
        }
        long catalogChanges = database.schemaChanges();
        WriteScope own = invalidator.open(writes);
        try {
            return call.run();
        } finally {
            closeWidened(own, catalogChanges);
            if (feed != null && !own.isEmpty()) {
                feed.announceCommitted(delegate, own.written());
            }
        }
    }

    /**
     * Writes that committed (or may have) without an announcement inside their transaction are announced by the feed
     * after the fact. A write that failed is announced all the same: in autocommit it changed nothing, and announcing
     * it only costs other instances a few entries.
     */
    private void announceCommitted(WriteScope written) {
        if (feed != null && !written.isEmpty()) {
            feed.announceCommitted(null, written.written());
        }
    }

    /**
     * Begins a write whose work goes on after this call returns (a COPY fed or read piece by piece): in a transaction,
     * as part of the transaction's writes; in autocommit, in a write of its own that stays open, so that no load fills
     * with rows from before it, until the returned action ends it (or the connection closes).
     */
    Runnable holdWrite(WriteSet writes) {
        if (inTransaction()) {
            invalidator.addTo(scope(), writes);
            return () -> { };
        }
        long catalogChanges = database.schemaChanges();
        WriteScope held = invalidator.open(writes);
        heldWrites.add(held);
        return () -> {
            if (heldWrites.remove(held)) {
                closeWidened(held, catalogChanges);
                announceCommitted(held);
            }
        };
    }

    /** Runs a transaction-control statement and follows its effect on the transaction. */
    <T> T control(StatementAnalysis analysis, SqlCall<T> call) throws SQLException {
        switch (analysis.transactionControl()) {
            case BEGIN -> {
                T result = call.run();
                if (autoCommit) {
                    explicitTransaction = true;
                }
                if (analysis.may(SessionEffect.SETS_ISOLATION)) {
                    characteristicsChanged = true; // BEGIN ISOLATION LEVEL …: a snapshot, perhaps
                }
                return result;
            }
            case COMMIT, ROLLBACK -> {
                boolean chained = analysis.may(SessionEffect.CHAINS_TRANSACTION);
                boolean characteristicsBefore = characteristicsChanged;
                boolean rollback = analysis.transactionControl() == TransactionControl.ROLLBACK;
                SQLException lostInAnnouncement = rollback ? null : beforeCommit();
                try {
                    return call.run();
                } catch (SQLException e) {
                    throw lostInAnnouncement != null ? lostInAnnouncement : e;
                } finally {
                    if (rollback) {
                        rolledBack();
                    } else {
                        end();
                    }
                    if (chained) {
                        // AND CHAIN starts the next transaction at once, with the same characteristics.
                        explicitTransaction = autoCommit;
                        characteristicsChanged = characteristicsBefore;
                    }
                    followDatabaseAutoCommit();
                }
            }
            case SET_TRANSACTION -> {
                T result = call.run();
                characteristicsChanged = true;
                return result;
            }
            case ROLLBACK_TO_SAVEPOINT -> {
                try {
                    return call.run();
                } finally {
                    session.rolledBackToSavepoint();
                }
            }
            default -> {
                return call.run();
            }
        }
    }

    /**
     * Takes the database driver's autocommit flag for this driver's own, after a statement that may have switched
     * it. Switched off, a transaction has begun (its writes are held until it ends); switched on, the open
     * transaction was committed. pgjdbc's flag cannot change this way (PostgreSQL has no autocommit of its own), and
     * reading it, as reading H2's, costs a field read.
     */
    void followDatabaseAutoCommit() {
        boolean databaseAutoCommit;
        try {
            databaseAutoCommit = delegate.getAutoCommit();
        } catch (SQLException | RuntimeException e) {
            return; // a closed connection, say: nothing more will run on it
        }
        if (databaseAutoCommit && !autoCommit) {
            autoCommit = true;
            end();
        } else if (!databaseAutoCommit && autoCommit && !explicitTransaction) {
            autoCommit = false;
        }
    }

    /** JDBC's setAutoCommit succeeded: turning autocommit on commits the open transaction. */
    void autoCommitSet(boolean on) {
        boolean wasInTransaction = inTransaction();
        autoCommit = on;
        if (on && wasInTransaction) {
            end();
        }
    }

    /**
     * A commit failed. What the transaction wrote is published as stale; where the transaction may still be open
     * (the database driver cannot tell), the connection keeps counting as writing everything until it ends.
     * PostgreSQL ends a failed commit's transaction and pgjdbc says so: a scope kept open for nothing would stop
     * every load of the database from filling.
     */
    void commitFailed() {
        // Whether the database committed is not known (the connection may have failed after it did): the writes
        // are announced after the fact, whatever was announced inside the transaction.
        announced = false;
        if (!autoCommit && scope != null) {
            end();
            if (stillOpen()) {
                scope().addEverything();
            }
        }
    }

    /** After a text that may have opened a transaction: asks the delegate where it can tell, else assumes it did. */
    private boolean stillOpen() {
        return database.support().transactionOpen(delegate);
    }

    /**
     * The transaction ended (commit, rollback, close, or autocommit turned on): its writes are now visible or gone. Writes
     * opened on the feed before a commit are closed, whether it committed or not; others are announced after the fact
     * unless they were announced inside the transaction.
     */
    void end() {
        WriteScope written = scope;
        scope = null;
        boolean announcedInside = announced;
        announced = false;
        long opened = openedWrite;
        openedWrite = NOT_OPENED;
        explicitTransaction = false;
        characteristicsChanged = false;
        session.transactionEnded();
        if (ranDdl) {
            ranDdl = false;
            database.schemaChanged();
        }
        if (written != null) {
            closeWidened(written, catalogChangesAtScopeOpen);
        }
        if (opened != NOT_OPENED) {
            feed.closeWrite(opened, written != null ? written.written() : openedTables);
        } else if (written != null && !announcedInside) {
            announceCommitted(written);
        }
        openedTables = null;
        afterEnd.run();
    }

    /**
     * Ends a write that committed (or may have). When the catalog changed while it was open (DDL through the driver,
     * or DDL run elsewhere and noticed by the catalog check: see {@link DatabaseRuntime#schemaChanges}), its writes
     * were widened by a catalog that no longer holds, and a new trigger or foreign key may have made them reach
     * tables they did not name: they count as a write of everything. Without it, a result loaded while the write was
     * open, after the change was noticed and everything invalidated, would outlive the write's commit.
     */
    private void closeWidened(WriteScope written, long catalogChangesAtOpen) {
        if (database.schemaChanges() != catalogChangesAtOpen) {
            written.addEverything();
        }
        written.close();
    }

    /** The connection ended: its transaction, if any, is rolled back by the database, and held writes end. */
    void connectionEnded() {
        rolledBack();
        for (WriteScope held : heldWrites) {
            if (heldWrites.remove(held)) {
                held.close();
                announceCommitted(held);
            }
        }
    }
}
