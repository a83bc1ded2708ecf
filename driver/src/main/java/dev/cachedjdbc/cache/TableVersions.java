package dev.cachedjdbc.cache;

import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Per-table version counters of one database, shared by every {@link QueryCache} of that database. Thread-safe.
 *
 * <p>Keys are invalidation keys: bare table names in lower case (they are lower-cased here as well, so that a write
 * and a read can never miss each other over letter case). A counter named "everything" takes part in every stamp;
 * a write whose tables are unknown bumps it, and with it every cached result.
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
 * <p>The third case assumes that a query sees every commit that precedes it, as in autocommit or read committed.
 * A query in a transaction whose snapshot predates the commit does not, so such queries must not fill.
 */
public final class TableVersions {

    private static final String EVERYTHING_KEY = "*everything*";

    private final ConcurrentHashMap<String, TableCounter> counters = new ConcurrentHashMap<>();
    private final TableCounter everything = new TableCounter(EVERYTHING_KEY);
    private final LongAdder invalidations = new LongAdder();

    public TableVersions() {
    }

    /**
     * Versions of these tables and of "everything", captured before a query runs; null when a fill is not allowed
     * now because a write to one of them (or a write of everything) is open.
     */
    public VersionStamp stampForFill(Collection<String> tableKeys) {
        String[] keys = tableKeys.toArray(new String[0]);
        TableCounter[] stamped = new TableCounter[keys.length + 1];
        long[] versions = new long[stamped.length];
        stamped[0] = everything;
        for (int i = 0; i < keys.length; i++) {
            stamped[i + 1] = counterFor(keys[i]);
        }
        for (int i = 0; i < stamped.length; i++) {
            // The version must be read before the count: see the class comment.
            versions[i] = stamped[i].version();
            if (stamped[i].hasOpenWriter()) {
                return null;
            }
        }
        return new VersionStamp(stamped, versions);
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
    public void invalidate(Collection<String> tableKeys) {
        for (String key : tableKeys) {
            counterFor(key).bumpVersion();
            invalidations.increment();
        }
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

    TableCounter counterFor(String tableKey) {
        String key = tableKey.toLowerCase(Locale.ROOT);
        TableCounter counter = counters.get(key);
        return counter != null ? counter : counters.computeIfAbsent(key, TableCounter::new);
    }

    TableCounter everything() {
        return everything;
    }

    void countInvalidation() {
        invalidations.increment();
    }

    /** How many write scopes are writing this table now. */
    int openWriters(String tableKey) {
        return counterFor(tableKey).openWriters();
    }

    int openWritersOfEverything() {
        return everything.openWriters();
    }
}
