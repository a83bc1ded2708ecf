package dev.cachedjdbc.cache;

import dev.cachedjdbc.analysis.TableKey;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The counters of one {@link TableKey} (a table), at two grains.
 *
 * <ul>
 *   <li>{@link #anyWrite()} is opened by every write to the table; a read of the whole table stamps it.</li>
 *   <li>{@link #wholeTableWrite()} is opened by writes whose rows are not known; a read confined to some rows
 *       stamps it.</li>
 *   <li>{@link #rowBucket(long)} counters, one per bucket of row keys, are opened by writes confined to known keys;
 *       a read confined to some keys stamps the buckets of those keys.</li>
 * </ul>
 * Every pair of a read and a write that may meet shares at least one counter, and the argument in
 * {@link TableVersions} holds for each counter on its own. Keys that share a bucket invalidate each other, which
 * costs misses, never freshness.
 */
final class TableState {

    /**
     * A power of two: the bucket is taken from the top bits of a multiplicative hash. Hot keys that share a bucket
     * with a written key miss needlessly, so more buckets raise the hit ratio of tables written by key (in the service
     * workload, 10,000 items: 0.79 with 1,024 buckets); each costs a reference once the table is used by key, and a
     * 32-byte counter once a key of it is read or written.
     */
    static final int ROW_BUCKETS = 8192;
    private static final int BUCKET_SHIFT = Long.SIZE - Integer.numberOfTrailingZeros(ROW_BUCKETS);

    private final TableKey key;
    private final TableCounter anyWrite;
    private final TableCounter wholeTableWrite;
    /** One name for every bucket counter, so that a bucket costs no string of its own. */
    private final String rowBucketName;
    /** Created with the first row-confined read or write: most tables are never used by key. */
    private volatile AtomicReferenceArray<TableCounter> rowBuckets;

    TableState(TableKey key) {
        this.key = key;
        this.anyWrite = new TableCounter(key.name());
        this.wholeTableWrite = new TableCounter(key.name() + "[whole table]");
        this.rowBucketName = key.name() + "[rows]";
    }

    TableKey key() {
        return key;
    }

    TableCounter anyWrite() {
        return anyWrite;
    }

    TableCounter wholeTableWrite() {
        return wholeTableWrite;
    }

    TableCounter rowBucket(long rowKey) {
        int bucket = bucketOf(rowKey);
        AtomicReferenceArray<TableCounter> buckets = buckets();
        TableCounter counter = buckets.get(bucket);
        if (counter != null) {
            return counter;
        }
        buckets.compareAndSet(bucket, null, new TableCounter(rowBucketName));
        return buckets.get(bucket);
    }

    static int bucketOf(long rowKey) {
        // Fibonacci hashing: neighbouring keys, the usual case for generated ids, land far apart.
        return (int) ((rowKey * 0x9E3779B97F4A7C15L) >>> BUCKET_SHIFT);
    }

    private AtomicReferenceArray<TableCounter> buckets() {
        AtomicReferenceArray<TableCounter> buckets = rowBuckets;
        if (buckets == null) {
            synchronized (this) {
                buckets = rowBuckets;
                if (buckets == null) {
                    buckets = new AtomicReferenceArray<>(ROW_BUCKETS);
                    rowBuckets = buckets;
                }
            }
        }
        return buckets;
    }

    @Override
    public String toString() {
        return anyWrite.toString();
    }
}
