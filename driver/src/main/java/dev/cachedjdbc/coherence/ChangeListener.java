package dev.cachedjdbc.coherence;

import dev.cachedjdbc.analysis.TableKey;
import dev.cachedjdbc.cache.WriteScope;
import dev.cachedjdbc.cache.WrittenTables;

/** Where a change feed delivers what it learns: the database's invalidator. */
public interface ChangeListener {

    /** Another instance committed these writes, as it announced them. */
    void changed(WrittenTables written);

    /**
     * Another instance is about to commit these writes (their opening, see {@link RemoteWrites}): they are stale now,
     * as with {@link #changed}, and stay open, so that nothing of them is filled, until the returned scope is closed
     * once the transaction has ended.
     */
    WriteScope opened(WrittenTables written);

    /**
     * A committed transaction changed these rows and tables, as the database's own log shows them: every row it
     * changed, including those written by triggers, rules and cascades.
     */
    void logged(WrittenTables changed);

    /** The feed may have missed announcements (it was not listening for a while): every result may be stale. */
    void mayHaveMissedChanges();

    /**
     * The database's URL now reaches another server than the one this feed followed (it restarted, or another took
     * its place), which the driver knows by another identity and follows with another feed; this feed has stopped.
     */
    void serverReplaced();

    /**
     * The stored name of the column whose integer values name this table's rows for invalidation by row, as the
     * catalog knows it now; null when its rows cannot be named (then a change of it invalidates it whole). For feeds
     * that hear changes as rows rather than as announcements.
     */
    String rowKeyColumn(TableKey table);
}
