package dev.cachedjdbc.cache;

import dev.cachedjdbc.analysis.TableKey;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The counters of one {@link TableKey} (a table), at two grains.
 *
 * <ul>
 *   <li>{@link #anyWrite()} is opened by every write to the table; a read of the whole table stamps it.</li>
 *   <li>Per set of columns that some read is confined by, a {@link ColumnSetCounters}: its "unconfined" counter is
 *       opened by writes that share no column with the set, and its buckets by writes confined by some of its
 *       columns, by their values there; a read confined by the set stamps the "unconfined" counter and the buckets of
 *       its values.</li>
 * </ul>
 * Every pair of a read and a write that may meet shares at least one counter, and the argument in
 * {@link TableVersions} holds for each counter on its own.
 *
 * <p>Sets are registered by the first read that needs one, while writes may be open: a write that opened before the
 * set existed must hold its counters too, or a read of the set could fill while it is open and serve what it wrote
 * over once it commits. So registration and every write's opening and closing of this table's counters take the
 * table's lock: a set is registered with the counters of every write open on the table already raised, before any read
 * can find it, and each write closes exactly what it opened. Reads and hits take no lock.
 */
final class TableState {

    /**
     * The most column sets a table keeps: each holds a table of buckets and costs every write of the table a look.
     * A read by another set once these are taken counts as a read of the whole table.
     */
    static final int MOST_COLUMN_SETS = 8;

    private static final ColumnSetCounters[] NO_SETS = {};

    private final TableKey key;
    private final TableCounter anyWrite;
    /** Replaced, never changed, under the lock; read without it. */
    private volatile ColumnSetCounters[] columnSets = NO_SETS;
    /** The writes open on the table now; guarded by this. */
    private final Set<TableWrite> openWrites = new HashSet<>();

    TableState(TableKey key) {
        this.key = key;
        this.anyWrite = new TableCounter(key.name());
    }

    TableKey key() {
        return key;
    }

    TableCounter anyWrite() {
        return anyWrite;
    }

    /** The sets registered so far, for invalidations that only bump. */
    ColumnSetCounters[] columnSets() {
        return columnSets;
    }

    /**
     * The counters of the set of these columns (sorted, at most {@link ColumnSetCounters#MOST_COLUMNS}), registered
     * now if it is new; null when the table has as many sets as it keeps.
     */
    ColumnSetCounters columnSet(String[] sortedColumns) {
        for (ColumnSetCounters set : columnSets) {
            if (set.isFor(sortedColumns)) {
                return set;
            }
        }
        return register(sortedColumns);
    }

    private synchronized ColumnSetCounters register(String[] sortedColumns) {
        ColumnSetCounters[] sets = columnSets;
        for (ColumnSetCounters set : sets) {
            if (set.isFor(sortedColumns)) {
                return set;
            }
        }
        if (sets.length == MOST_COLUMN_SETS) {
            return null;
        }
        ColumnSetCounters registered = new ColumnSetCounters(key.name(), sortedColumns);
        for (TableWrite write : openWrites) {
            write.cover(registered);
        }
        ColumnSetCounters[] more = Arrays.copyOf(sets, sets.length + 1);
        more[sets.length] = registered;
        columnSets = more;
        return registered;
    }

    /**
     * Adds rows to a scope's write of this table, each selection by its own columns, or any row when there are none;
     * true the first time the scope writes the table.
     */
    synchronized boolean write(TableWrite write, List<RowSelection> rows) {
        openWrites.add(write);
        ColumnSetCounters[] sets = columnSets;
        boolean first = rows.isEmpty() && write.write(null, sets);
        for (RowSelection selection : rows) {
            first |= write.write(selection, sets);
        }
        return first;
    }

    /** Ends a scope's write of this table: every counter it opened is bumped and released. */
    synchronized void close(TableWrite write) {
        write.release();
        openWrites.remove(write);
    }

    @Override
    public String toString() {
        return anyWrite.toString();
    }
}
