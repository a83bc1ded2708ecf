package dev.cachedjdbc.cache;

import dev.cachedjdbc.analysis.TableKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Per-table version counters of one database, shared by every {@link QueryCache} of that database. Thread-safe.
 *
 * <p>Tables are known by their {@link TableKey}s, which take case out of their names, so that a write and a read
 * can never miss each other over letter case. A counter named "everything" takes part in every stamp; a write whose
 * tables are unknown bumps it, and with it every cached result.
 *
 * <h2>Why no stale result is ever filled</h2>
 *
 * <p>The race to prevent: a reader misses and reads the old row; a writer commits and invalidates; the reader then
 * stores the old row, which would be served until it expires. The two sides order their steps as follows, and
 * every step is a volatile access, so all of them fall into one total order that respects each side's own order:
 * <pre>
 *   reader (stampForFill):  R1 read version v      R2 read open-writer count; if &gt; 0: no fill
 *                           then run the query, store the result with v, serve it only while version == v
 *   writer (WriteScope):    W1 count + 1           W2 version + 1      then run the statement and commit
 *                           W3 version + 1         W4 count - 1        (at close, after the commit)
 * </pre>
 * For one table and one writer there are three cases:
 * <ul>
 *   <li>R1 before W2: the version moves past v at W2, before the commit, and never comes back, so the result
 *       (whatever the query saw) is never served after the write began.</li>
 *   <li>R1 after W2 and R2 before W4: since W1 precedes W2 precedes R1 precedes R2, the reader sees the raised
 *       count and fills nothing.</li>
 *   <li>R2 after W4: the commit preceded W4, hence R2, hence the query: the query sees the committed data.</li>
 * </ul>
 * Several writers each fall into one of these cases, and the count is their sum. Versions only grow, so checking
 * a stamp needs no look at the counts. The bump at close (W3) is not needed by the cases above; it retires every
 * version a reader could have read while the scope was open, so the guarantee does not rest on the count alone.
 *
 * <h2>Tables and rows</h2>
 *
 * <p>The argument above is about one counter. A table has several (see {@link TableState}): every write opens the
 * table's "any write" counter, which reads of the whole table stamp; a read confined by equalities on a set of columns
 * stamps that set's "unconfined" counter, opened by writes that share no column with the set, and the buckets of its
 * values in every subset of the set, which writes confined by some of those columns open by their values there. A read
 * and a write that may meet always share a counter, so the argument applies to that counter; a write of other values
 * in a column both are confined by shares none, and leaves the read's entry alone.
 *
 * <p>The third case assumes that a query sees every commit that precedes it, as in autocommit or read committed.
 * A query in a transaction whose snapshot predates the commit does not, so such queries must not fill.
 */
public final class TableVersions {

    private static final String EVERYTHING_NAME = "*everything*";

    private final ConcurrentHashMap<TableKey, TableState> tables = new ConcurrentHashMap<>();
    private final TableCounter everything = new TableCounter(EVERYTHING_NAME);
    private final LongAdder invalidations = new LongAdder();

    public TableVersions() {
    }

    /**
     * Versions of these tables and of "everything", captured before a query runs; null when a fill is not allowed
     * now because a write to one of them (or a write of everything) is open.
     */
    public VersionStamp stampForFill(Collection<TableKey> tableKeys) {
        return stampForFill(TableReads.wholeTables(tableKeys));
    }

    /**
     * Versions of the counters these reads depend on (see {@link TableState}) and of "everything", captured before
     * a query runs; null when a fill is not allowed now because a write that may meet the reads is open.
     */
    public VersionStamp stampForFill(TableReads reads) {
        StampedCounters stamped = new StampedCounters(reads.size() + 2);
        stamped.add(everything);
        for (int i = 0; i < reads.size(); i++) {
            TableState table = stateOf(reads.tableKey(i));
            RowSelection rows = reads.rows(i);
            ColumnSetCounters set = rows == null ? null : table.columnSet(rows.sortedColumns());
            if (set == null) {
                stamped.add(table.anyWrite());
            } else {
                stamped.add(set.unconfinedWrite());
                set.readBuckets(rows, stamped);
            }
        }
        TableCounter[] counters = stamped.toArray();
        long[] versions = new long[counters.length];
        for (int i = 0; i < counters.length; i++) {
            // The version must be read before the count: see the class comment.
            versions[i] = counters[i].version();
            if (counters[i].hasOpenWriter()) {
                return null;
            }
        }
        return new VersionStamp(counters, versions);
    }

    /** Hit path: true while no table of the stamp (nor everything) has been invalidated since. No allocation, no lock. */
    public boolean isCurrent(VersionStamp stamp) {
        return stamp != null && stamp.isCurrent();
    }

    /** Opens a write scope: used around one autocommit statement, or for a whole transaction. */
    public WriteScope openWriteScope() {
        return new WriteScope(this);
    }

    /** Invalidations that come from elsewhere (by hand, or a bus): bump only. */
    public void invalidate(Collection<TableKey> tableKeys) {
        for (TableKey key : tableKeys) {
            TableState table = stateOf(key);
            // A set registered after this look stamps versions read after it, which see the write: see TableState.
            for (ColumnSetCounters set : table.columnSets()) {
                set.unconfinedWrite().bumpVersion();
            }
            table.anyWrite().bumpVersion();
            invalidations.increment();
        }
    }

    /**
     * Invalidation of some rows of a table that comes from elsewhere (a bus): bump only, every counter a write of these
     * rows would open.
     */
    public void invalidateRows(TableKey tableKey, RowSelection rows) {
        TableState table = stateOf(tableKey);
        for (ColumnSetCounters set : table.columnSets()) {
            set.writeCounters(rows, TableCounter::bumpVersion);
        }
        table.anyWrite().bumpVersion();
        invalidations.increment();
    }

    public void invalidateAll() {
        everything.bumpVersion();
        invalidations.increment();
    }

    /**
     * How many invalidations happened: one per table named to {@link #invalidate}, one per {@link #invalidateAll},
     * and one per table (or "everything") that entered a write scope.
     */
    public long invalidationCount() {
        return invalidations.sum();
    }

    /**
     * The counters a read stamps, each once. A read by many values may name a bucket twice (values that share one);
     * a hash set keeps the de-duplication linear there, and a list scan is cheaper for the few counters of most reads.
     */
    private static final class StampedCounters implements CounterSink {
        private static final int SCANNED = 16;
        private final List<TableCounter> counters;
        private Set<TableCounter> seen;

        StampedCounters(int expected) {
            counters = new ArrayList<>(expected);
        }

        @Override
        public void add(TableCounter counter) {
            if (seen == null && counters.size() == SCANNED) {
                seen = new HashSet<>(counters);
            }
            boolean added = seen == null ? !counters.contains(counter) : seen.add(counter);
            if (added) {
                counters.add(counter);
            }
        }

        TableCounter[] toArray() {
            return counters.toArray(new TableCounter[0]);
        }
    }

    TableState stateOf(TableKey tableKey) {
        TableState table = tables.get(tableKey);
        return table != null ? table : tables.computeIfAbsent(tableKey, TableState::new);
    }

    /** The counter every write to the table opens. */
    TableCounter counterFor(TableKey tableKey) {
        return stateOf(tableKey).anyWrite();
    }

    TableCounter everything() {
        return everything;
    }

    void countInvalidation() {
        invalidations.increment();
    }

    /** How many write scopes are writing this table now. */
    int openWriters(TableKey tableKey) {
        return counterFor(tableKey).openWriters();
    }

    int openWritersOfEverything() {
        return everything.openWriters();
    }
}
