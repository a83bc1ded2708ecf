package dev.cachedjdbc.cache;

import dev.cachedjdbc.analysis.TableKey;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The tables (or rows of tables) one connection is writing, from before its first write statement until its
 * transaction ended (or, in autocommit, around one statement). While a counter is in an open scope no result that
 * depends on it may be filled, and the scope bumps its version on entry and again at close (see
 * {@link TableVersions} and {@link TableState}). Not thread-safe: owned by one connection.
 */
public final class WriteScope implements AutoCloseable {

    /**
     * Above this many row buckets of one table a scope writes the whole table instead: a transaction that updates
     * thousands of rows by key would otherwise hold thousands of counters open.
     */
    static final int MOST_ROW_BUCKETS_PER_TABLE = 64;

    private final TableVersions versions;
    /** Counters are unique per table and bucket, so their identity is what they count. */
    private final Set<TableCounter> opened = new HashSet<>();
    private final Map<TableState, Integer> rowBucketsOpened = new HashMap<>();
    /** What was written, by table key, for other instances (see {@link #written()}). */
    private final Set<TableKey> wholeTablesWritten = new HashSet<>();
    private final Map<TableKey, Set<Long>> rowsWritten = new HashMap<>();
    private boolean writesEverything;
    private boolean closed;

    WriteScope(TableVersions versions) {
        this.versions = versions;
    }

    /**
     * Marks tables as written by this scope, any of their rows: the first time a table enters the scope, its
     * open-writer counts go up and its versions are bumped (so every cached result that read it becomes stale at
     * once, and no load may fill it until the scope closes).
     */
    public void add(Collection<TableKey> tableKeys) {
        ensureOpen();
        for (TableKey key : tableKeys) {
            addWholeTable(versions.stateOf(key));
            wholeTablesWritten.add(key);
            rowsWritten.remove(key);
        }
    }

    /**
     * Marks only the rows with these key values as written: cached results confined to other keys of the table stay
     * current. Many keys count as the whole table.
     */
    public void addRows(TableKey tableKey, long[] rowKeys) {
        ensureOpen();
        TableState table = versions.stateOf(tableKey);
        if (opened.contains(table.wholeTableWrite())) {
            return;
        }
        if (rowKeys.length == 0) {
            addWholeTable(table);
            wholeTablesWritten.add(tableKey);
            rowsWritten.remove(tableKey);
            return;
        }
        Set<Long> rows = rowsWritten.computeIfAbsent(tableKey, key -> new HashSet<>());
        for (long rowKey : rowKeys) {
            rows.add(rowKey);
        }
        openCountingTable(table);
        int bucketsOpened = rowBucketsOpened.getOrDefault(table, 0);
        for (long rowKey : rowKeys) {
            TableCounter bucket = table.rowBucket(rowKey);
            if (opened.contains(bucket)) {
                continue;
            }
            if (bucketsOpened == MOST_ROW_BUCKETS_PER_TABLE) {
                openOnce(table.wholeTableWrite());
                wholeTablesWritten.add(tableKey);
                rowsWritten.remove(tableKey);
                return;
            }
            openOnce(bucket);
            bucketsOpened++;
        }
        rowBucketsOpened.put(table, bucketsOpened);
    }

    /** Marks the scope as writing every table: used when what a statement writes is not known. */
    public void addEverything() {
        ensureOpen();
        if (!writesEverything) {
            writesEverything = true;
            open(versions.everything());
            versions.countInvalidation();
        }
    }

    /** What this scope has written so far, for instances that share the database but not these versions. */
    public WrittenTables written() {
        if (writesEverything) {
            return WrittenTables.EVERYTHING;
        }
        return new WrittenTables(false, wholeTablesWritten, rowsWritten);
    }

    public boolean isEmpty() {
        return opened.isEmpty() && !writesEverything;
    }

    /** Ends the scope (transaction end or statement end): bumps every counter again, then lowers the open-writer
     *  counts. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (TableCounter counter : opened) {
            release(counter);
        }
        if (writesEverything) {
            release(versions.everything());
        }
    }

    private void addWholeTable(TableState table) {
        openCountingTable(table);
        openOnce(table.wholeTableWrite());
    }

    /** Every write opens the table's "any write" counter; the invalidation count goes up once per table. */
    private void openCountingTable(TableState table) {
        if (openOnce(table.anyWrite())) {
            versions.countInvalidation();
        }
    }

    private boolean openOnce(TableCounter counter) {
        if (!opened.add(counter)) {
            return false;
        }
        open(counter);
        return true;
    }

    private static void open(TableCounter counter) {
        // Count first, then version: a reader that sees the new version is then sure to see the count.
        counter.writerOpened();
        counter.bumpVersion();
    }

    private static void release(TableCounter counter) {
        // Version first, then count: the count may only drop once nothing stamped during the scope is current.
        counter.bumpVersion();
        counter.writerClosed();
    }

    private void ensureOpen() {
        if (closed) {
            // A table added after close would keep its open-writer count forever and never be cached again.
            throw new IllegalStateException("this write scope is closed; open a new one");
        }
    }
}
