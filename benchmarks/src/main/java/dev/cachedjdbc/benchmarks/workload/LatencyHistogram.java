package dev.cachedjdbc.benchmarks.workload;

/**
 * Latencies in nanoseconds, in buckets that split each power of two into 16 (values are kept within about 6%), so
 * that every operation of a long run is counted without storing it. One per thread; merged at the end.
 */
public final class LatencyHistogram {

    private static final int SUB_BUCKET_BITS = 4;
    private static final int SUB_BUCKETS = 1 << SUB_BUCKET_BITS;

    private final long[] counts = new long[64 * SUB_BUCKETS];
    private long total;

    public void record(long nanos) {
        counts[bucketOf(Math.max(1, nanos))]++;
        total++;
    }

    public void add(LatencyHistogram other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
    }

    public long count() {
        return total;
    }

    /** The smallest recorded bucket's upper bound below which at least this fraction of operations fall. */
    public long percentileNanos(double fraction) {
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(fraction * total);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return upperBoundOf(i);
            }
        }
        return upperBoundOf(counts.length - 1);
    }

    private static int bucketOf(long value) {
        int exponent = 63 - Long.numberOfLeadingZeros(value);
        if (exponent < SUB_BUCKET_BITS) {
            return (int) value;
        }
        int sub = (int) (value >>> (exponent - SUB_BUCKET_BITS)) & (SUB_BUCKETS - 1);
        return exponent * SUB_BUCKETS + sub;
    }

    private static long upperBoundOf(int bucket) {
        int exponent = bucket / SUB_BUCKETS;
        if (exponent < SUB_BUCKET_BITS) {
            return bucket;
        }
        long sub = bucket % SUB_BUCKETS;
        return ((SUB_BUCKETS + sub + 1) << (exponent - SUB_BUCKET_BITS)) - 1;
    }
}
