package dev.cachedjdbc.cache;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The tables one connection is writing, from before its first write statement until its transaction ended (or,
 * in autocommit, around one statement). While a table is in an open scope no result of it may be filled, and the
 * scope bumps its version on entry and again at close. Not thread-safe: owned by one connection.
 */
public final class WriteScope implements AutoCloseable {

    private final TableVersions versions;
    /** Counters are unique per key, so their identity is the table's. */
    private final Set<TableCounter> writtenTables = new HashSet<>();
    private boolean writesEverything;
    private boolean closed;

    WriteScope(TableVersions versions) {
        this.versions = versions;
    }

    /**
     * Marks tables as being written by this scope: the first time a table enters the scope, its open-writer count
     * goes up and its version is bumped (so every cached result that read it becomes stale at once, and no load may
     * fill it until the scope closes).
     */
    public void add(Collection<String> tableKeys) {
        ensureOpen();
        for (String key : tableKeys) {
            TableCounter counter = versions.counterFor(key);
            if (writtenTables.add(counter)) {
                open(counter);
            }
        }
    }

    /** Marks the scope as writing every table: used when what a statement writes is not known. */
    public void addEverything() {
        ensureOpen();
        if (!writesEverything) {
            writesEverything = true;
            open(versions.everything());
        }
    }

    public boolean isEmpty() {
        return writtenTables.isEmpty() && !writesEverything;
    }

    /** Ends the scope (transaction end or statement end): bumps every table again, then lowers the open-writer
     *  counts. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (TableCounter counter : writtenTables) {
            release(counter);
        }
        if (writesEverything) {
            release(versions.everything());
        }
    }

    private void open(TableCounter counter) {
        // Count first, then version: a reader that sees the new version is then sure to see the count.
        counter.writerOpened();
        counter.bumpVersion();
        versions.countInvalidation();
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
