package dev.cachedjdbc.cache;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The counters of one table that reads confined by one set of its columns stamp (see {@link TableState}).
 *
 * <ul>
 *   <li>{@link #unconfinedWrite()} is opened by every write that shares no column with the set: it may change any
 *       row a read by the set sees.</li>
 *   <li>Bucket counters, one per bucket of (subset of the set's columns, values in those columns). A write confined
 *       by some of the set's columns (and maybe others) opens the buckets of its values in exactly the columns it
 *       shares with the set; a read stamps the buckets of its values in every non-empty subset of the set.</li>
 * </ul>
 * So a read and a write share a bucket whenever some row may carry both the read's values and the write's in the
 * columns they share, and share the "unconfined" counter when they share no column. A write whose values differ from
 * the read's in some shared column meets it only where buckets collide, which costs a needless invalidation, never
 * freshness.
 */
final class ColumnSetCounters {

    /**
     * A power of two: the bucket is taken from the top bits of a mixed hash. Hot values that share a bucket with a
     * written value miss needlessly, so more buckets raise the hit ratio of tables written by key (in the service
     * workload, 10,000 items: 0.79 with 1,024 buckets); each costs a reference once the set is used, and a 32-byte
     * counter once a value of it is read or written.
     */
    static final int BUCKETS = 8192;
    private static final int BUCKET_SHIFT = Long.SIZE - Integer.numberOfTrailingZeros(BUCKETS);

    /** The most columns a set may have: a read stamps a bucket for each of the 2^n - 1 subsets of its columns. */
    static final int MOST_COLUMNS = 4;

    private final String[] columns;
    private final TableCounter unconfinedWrite;
    /** One name for every bucket counter, so that a bucket costs no string of its own. */
    private final String bucketName;
    /** Created with the first read or write of a value: a set may be registered by a read that never fills. */
    private volatile AtomicReferenceArray<TableCounter> buckets;

    ColumnSetCounters(String tableName, String[] columns) {
        if (columns.length == 0 || columns.length > MOST_COLUMNS) {
            throw new IllegalArgumentException("a column set has 1 to " + MOST_COLUMNS + " columns: " + columns.length);
        }
        this.columns = columns.clone();
        this.unconfinedWrite = new TableCounter(tableName + "[not by " + String.join(",", columns) + "]");
        this.bucketName = tableName + "[by " + String.join(",", columns) + "]";
    }

    boolean isFor(String[] sortedColumns) {
        return Arrays.equals(columns, sortedColumns);
    }

    TableCounter unconfinedWrite() {
        return unconfinedWrite;
    }

    /**
     * Hands every counter a read confined by {@code read} stamps besides {@link #unconfinedWrite()}: one bucket per
     * combination of values in each non-empty subset of the columns. The read's columns must be this set's.
     */
    void readBuckets(RowSelection read, CounterSink sink) {
        if (columns.length == 1) {
            // The common case, a key of one column, without the arrays the general walk needs.
            for (long code : read.codes(0)) {
                sink.add(bucket(bucketOf(step(start(1), code))));
            }
            return;
        }
        long[][] codes = new long[columns.length][];
        for (int i = 0; i < columns.length; i++) {
            codes[i] = read.codes(i);
        }
        for (int subset = 1; subset < 1 << columns.length; subset++) {
            forEachCombination(subset, codes, sink);
        }
    }

    /**
     * Hands every counter a write confined by {@code write} opens: the buckets of its values in the columns it shares
     * with this set, or {@link #unconfinedWrite()} when it shares none.
     */
    void writeCounters(RowSelection write, CounterSink sink) {
        if (columns.length == 1) {
            long[] codes = write.codesIn(columns[0]);
            if (codes == null) {
                sink.add(unconfinedWrite);
            } else {
                for (long code : codes) {
                    sink.add(bucket(bucketOf(step(start(1), code))));
                }
            }
            return;
        }
        long[][] codes = new long[columns.length][];
        int shared = sharedColumns(write, codes);
        if (shared == 0) {
            sink.add(unconfinedWrite);
        } else {
            forEachCombination(shared, codes, sink);
        }
    }

    /** How many buckets {@link #writeCounters} opens for this write (1 for the unconfined counter). */
    long writeCounterCount(RowSelection write) {
        if (columns.length == 1) {
            long[] codes = write.codesIn(columns[0]);
            return codes == null ? 1 : codes.length;
        }
        long[][] codes = new long[columns.length][];
        int shared = sharedColumns(write, codes);
        long count = 1;
        for (int i = 0; i < columns.length; i++) {
            if ((shared & 1 << i) != 0) {
                count = Math.min(Integer.MAX_VALUE, count * codes[i].length);
            }
        }
        return count;
    }

    /** Fills {@code codes} with the write's codes of the set's columns it has; returns the bits of those columns. */
    private int sharedColumns(RowSelection write, long[][] codes) {
        int shared = 0;
        for (int i = 0; i < columns.length; i++) {
            long[] columnCodes = write.codesIn(columns[i]);
            if (columnCodes != null) {
                codes[i] = columnCodes;
                shared |= 1 << i;
            }
        }
        return shared;
    }

    /** The bucket of each combination of one code per column of {@code subset} (bit i for column i). */
    private void forEachCombination(int subset, long[][] codes, CounterSink sink) {
        int[] chosen = new int[Integer.bitCount(subset)];
        for (int i = 0, j = 0; i < columns.length; i++) {
            if ((subset & 1 << i) != 0) {
                chosen[j++] = i;
            }
        }
        int[] at = new int[chosen.length];
        while (true) {
            long hash = start(subset);
            for (int j = 0; j < chosen.length; j++) {
                hash = step(hash, codes[chosen[j]][at[j]]);
            }
            sink.add(bucket(bucketOf(hash)));
            int j = chosen.length - 1;
            while (j >= 0 && ++at[j] == codes[chosen[j]].length) {
                at[j] = 0;
                j--;
            }
            if (j < 0) {
                return;
            }
        }
    }

    /** The bucket of these codes in the columns of {@code subset}, in the set's column order; for tests. */
    static int bucketOf(int subset, long... codes) {
        long hash = start(subset);
        for (long code : codes) {
            hash = step(hash, code);
        }
        return bucketOf(hash);
    }

    private static long start(int subset) {
        return subset * 0x9E3779B97F4A7C15L;
    }

    private static long step(long hash, long code) {
        long mixed = (hash ^ code) * 0xBF58476D1CE4E5B9L;
        return mixed ^ (mixed >>> 31);
    }

    private static int bucketOf(long hash) {
        // Fibonacci hashing of the mixed value: neighbouring keys, the usual case for generated ids, land far apart.
        return (int) ((hash * 0x9E3779B97F4A7C15L) >>> BUCKET_SHIFT);
    }

    private TableCounter bucket(int bucket) {
        AtomicReferenceArray<TableCounter> all = buckets();
        TableCounter counter = all.get(bucket);
        if (counter != null) {
            return counter;
        }
        all.compareAndSet(bucket, null, new TableCounter(bucketName));
        return all.get(bucket);
    }

    private AtomicReferenceArray<TableCounter> buckets() {
        AtomicReferenceArray<TableCounter> all = buckets;
        if (all == null) {
            synchronized (this) {
                all = buckets;
                if (all == null) {
                    all = new AtomicReferenceArray<>(BUCKETS);
                    buckets = all;
                }
            }
        }
        return all;
    }

    @Override
    public String toString() {
        return bucketName;
    }
}
