package dev.cachedjdbc.cache;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one {@link WriteScope} writes of one table, and the counters it holds open there (see {@link TableState}). It
 * keeps the rows it wrote, so that a column set registered by a read while the scope is open gets its counters too.
 * Every method runs under the table's lock.
 */
final class TableWrite implements CounterSink {

    /**
     * Above this many buckets of one column set a write opens the set's "unconfined" counter instead: a transaction
     * that updates thousands of rows by key would otherwise hold thousands of counters open.
     */
    static final int MOST_BUCKETS_PER_SET = 1024;

    /** Above this many row selections the write counts as one of any row: each is kept until the scope closes. */
    static final int MOST_SELECTIONS = 1024;

    private final TableState table;
    /** Counters are unique per table, set and bucket, so their identity is what they count. */
    private final Set<TableCounter> opened = new HashSet<>();
    private final Map<ColumnSetCounters, Integer> bucketsOpened = new HashMap<>();
    private final List<RowSelection> selections = new ArrayList<>();
    private boolean anyRow;
    /** Buckets of the set being opened now (see {@link #add(TableCounter)}). */
    private int bucketsOfSet;

    TableWrite(TableState table) {
        this.table = table;
    }

    TableState table() {
        return table;
    }

    /**
     * Adds rows to the write (null for any row) and opens what they need in every registered set; true the first time
     * the table is written in the scope.
     */
    boolean write(RowSelection rows, ColumnSetCounters[] sets) {
        boolean first = openOnce(table.anyWrite());
        if (anyRow) {
            return first;
        }
        if (rows == null || selections.size() == MOST_SELECTIONS) {
            anyRow = true;
            selections.clear();
            for (ColumnSetCounters set : sets) {
                openOnce(set.unconfinedWrite());
            }
            return first;
        }
        selections.add(rows);
        for (ColumnSetCounters set : sets) {
            open(set, rows);
        }
        return first;
    }

    /** Opens, for a set registered while the write is open, what the rows written so far need in it. */
    void cover(ColumnSetCounters set) {
        if (anyRow) {
            openOnce(set.unconfinedWrite());
            return;
        }
        for (RowSelection rows : selections) {
            open(set, rows);
        }
    }

    private void open(ColumnSetCounters set, RowSelection rows) {
        if (opened.contains(set.unconfinedWrite())) {
            return; // every read by the set already meets this write
        }
        int before = bucketsOpened.getOrDefault(set, 0);
        if (before + set.writeCounterCount(rows) > MOST_BUCKETS_PER_SET) {
            openOnce(set.unconfinedWrite());
            return;
        }
        bucketsOfSet = before;
        set.writeCounters(rows, this);
        bucketsOpened.put(set, bucketsOfSet);
    }

    /** Opens a counter {@link ColumnSetCounters#writeCounters} hands over, counting the buckets of the set. */
    @Override
    public void add(TableCounter counter) {
        if (openOnce(counter)) {
            bucketsOfSet++;
        }
    }

    /** Bumps every counter again, then lowers its open-writer count (see {@link WriteScope#close()}). */
    void release() {
        for (TableCounter counter : opened) {
            // Version first, then count: the count may only drop once nothing stamped during the scope is current.
            counter.bumpVersion();
            counter.writerClosed();
        }
    }

    boolean holdsOpen(TableCounter counter) {
        return opened.contains(counter);
    }

    private boolean openOnce(TableCounter counter) {
        if (!opened.add(counter)) {
            return false;
        }
        // Count first, then version: a reader that sees the new version is then sure to see the count.
        counter.writerOpened();
        counter.bumpVersion();
        return true;
    }
}
