package dev.cachedjdbc.schema;

import dev.cachedjdbc.analysis.TableKey;
import java.util.Set;

/**
 * Which events on a written table's rows a write may cause, as foreign key actions and triggers tell them apart: an
 * ON DELETE action fires only when referenced rows are deleted, an ON UPDATE action only when an update assigns one
 * of the referenced columns, and inserting rows fires none; a trigger fires only on the events it names, and an
 * UPDATE OF trigger only when one of its columns is assigned. A write the driver cannot classify may cause every
 * event and assign every column.
 */
@FunctionalInterface
public interface RowEvents {

    /** The write may delete rows of the table. */
    int DELETES = 1;
    /** The write may update rows of the table. */
    int UPDATES = 2;
    /** The write may insert rows into the table. */
    int INSERTS = 4;
    /** The write may do anything to the table's rows: every foreign key action and trigger may fire. */
    int ANY = DELETES | UPDATES | INSERTS;

    /** Every write may delete and update rows: for writes whose statements are not known (other instances'). */
    RowEvents ANY_WRITE = written -> ANY;

    /** The events, a combination of {@link #DELETES}, {@link #UPDATES} and {@link #INSERTS}, the write may cause. */
    int on(TableKey written);

    /**
     * The columns the write may assign where it updates rows of this table, each as {@link CatalogFacts#caseless}
     * gives it; null when it may assign any. Only asked of tables the write may update ({@link #on}).
     */
    default Set<String> assignedColumns(TableKey written) {
        return null;
    }
}
