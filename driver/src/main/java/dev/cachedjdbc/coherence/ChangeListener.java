package dev.cachedjdbc.coherence;

import dev.cachedjdbc.cache.WrittenTables;

/** Where a change feed delivers what it learns: the database's invalidator. */
public interface ChangeListener {

    /** Another instance committed these writes. */
    void changed(WrittenTables written);

    /** The feed may have missed announcements (it was not listening for a while): every result may be stale. */
    void mayHaveMissedChanges();
}
