package dev.cachedjdbc.schema;

import dev.cachedjdbc.analysis.TableKey;

/**
 * Which events on a written table's rows a write may cause, as foreign key actions tell them apart: an ON DELETE
 * action fires only when referenced rows are deleted, an ON UPDATE action only when they are updated, and inserting
 * rows fires none. A write the driver cannot classify may cause both.
 */
@FunctionalInterface
public interface RowEvents {

    /** The write may delete rows of the table. */
    int DELETES = 1;
    /** The write may update rows of the table. */
    int UPDATES = 2;
    /** The write may do anything to the table's rows: every foreign key action may fire. */
    int ANY = DELETES | UPDATES;

    /** Every write may delete and update rows: for writes whose statements are not known (other instances'). */
    RowEvents ANY_WRITE = written -> ANY;

    /** The events, a combination of {@link #DELETES} and {@link #UPDATES}, the write may cause on this table. */
    int on(TableKey written);
}
