package dev.cachedjdbc.cache;

import dev.cachedjdbc.analysis.TableKey;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tables (or rows of tables) one connection is writing, from before its first write statement until its
 * transaction ended (or, in autocommit, around one statement). While a counter is in an open scope no result that
 * depends on it may be filled, and the scope bumps its version on entry and again at close (see
 * {@link TableVersions} and {@link TableState}). Not thread-safe: owned by one connection.
 */
public final class WriteScope implements AutoCloseable {

    /** Above this many row keys of one table the scope announces the whole table to other instances. */
    static final int MOST_ANNOUNCED_ROWS_PER_TABLE = 1024;

    private final TableVersions versions;
    private final Map<TableState, TableWrite> tableWrites = new LinkedHashMap<>();
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
            write(versions.stateOf(key), List.of());
            announceWhole(key);
        }
    }

    /**
     * Marks only these rows as written: cached results confined to other values of the columns the rows are picked by
     * stay current. A table written here by rows and also otherwise is written whole.
     *
     * @param rows          the rows written, each selection by its own columns (the executions of a batch, say)
     * @param announcedKeys the keys of the written rows for other instances (see {@link WrittenTables}), or null
     *                      when they cannot be named by key: the table is then announced whole
     */
    public void addRows(TableKey tableKey, List<RowSelection> rows, long[] announcedKeys) {
        ensureOpen();
        write(versions.stateOf(tableKey), rows);
        if (announcedKeys == null || rows.isEmpty()) {
            announceWhole(tableKey);
        } else if (!wholeTablesWritten.contains(tableKey)) {
            Set<Long> announced = rowsWritten.computeIfAbsent(tableKey, key -> new HashSet<>());
            for (long key : announcedKeys) {
                announced.add(key);
            }
            if (announced.size() > MOST_ANNOUNCED_ROWS_PER_TABLE) {
                announceWhole(tableKey);
            }
        }
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
        return tableWrites.isEmpty() && !writesEverything;
    }

    /** Ends the scope (transaction end or statement end): bumps every counter again, then lowers the open-writer
     *  counts. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (TableWrite write : tableWrites.values()) {
            write.table().close(write);
        }
        if (writesEverything) {
            TableCounter everything = versions.everything();
            everything.bumpVersion();
            everything.writerClosed();
        }
    }

    /** Whether this scope holds this counter open; for tests. */
    boolean holdsOpen(TableKey tableKey, TableCounter counter) {
        TableWrite write = tableWrites.get(versions.stateOf(tableKey));
        return write != null && write.holdsOpen(counter);
    }

    private void write(TableState table, List<RowSelection> rows) {
        TableWrite write = tableWrites.computeIfAbsent(table, TableWrite::new);
        if (table.write(write, rows)) {
            // The invalidation count goes up once per table and scope.
            versions.countInvalidation();
        }
    }

    private void announceWhole(TableKey key) {
        wholeTablesWritten.add(key);
        rowsWritten.remove(key);
    }

    private static void open(TableCounter counter) {
        // Count first, then version: a reader that sees the new version is then sure to see the count.
        counter.writerOpened();
        counter.bumpVersion();
    }

    private void ensureOpen() {
        if (closed) {
            // A table added after close would keep its open-writer count forever and never be cached again.
            throw new IllegalStateException("this write scope is closed; open a new one");
        }
    }
}
