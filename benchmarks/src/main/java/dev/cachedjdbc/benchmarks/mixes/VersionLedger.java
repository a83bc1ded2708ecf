package dev.cachedjdbc.benchmarks.mixes;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The highest version of each row of one table whose write has committed, as the writers of a run recorded it.
 * A writer records after its commit returns; a reader takes the floor before its read begins. A read that then
 * returns an older version than its floor returned something older than a write that had committed before it began:
 * a stale read, whatever else ran concurrently.
 */
final class VersionLedger {

    private final String table;
    private final ConcurrentHashMap<Long, Long> committed = new ConcurrentHashMap<>();

    VersionLedger(String table) {
        this.table = table;
    }

    /** Records that a write which set the row's version to at least {@code version} has committed. */
    void committed(long row, long version) {
        committed.merge(row, version, Math::max);
    }

    /** The highest version recorded for the row so far; 0 if no write of this run has committed one. */
    long floor(long row) {
        return committed.getOrDefault(row, 0L);
    }

    @Override
    public String toString() {
        return table;
    }
}
