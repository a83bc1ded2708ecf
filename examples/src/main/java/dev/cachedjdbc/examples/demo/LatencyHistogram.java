package dev.cachedjdbc.examples.demo;

/**
 * Latencies in nanoseconds, counted in buckets about 6% wide (16 per power of two), so that millions of samples
 * take a few kilobytes and percentiles are within a bucket's width of the exact value. Not thread-safe: each thread
 * keeps its own and they are merged afterwards.
 */
final class LatencyHistogram {

    private static final int SUB_BUCKET_BITS = 4;
    private static final int SUB_BUCKETS = 1 << SUB_BUCKET_BITS;
    private static final int BUCKETS = (64 - SUB_BUCKET_BITS + 1) * SUB_BUCKETS;

    private final long[] counts = new long[BUCKETS];
    private long total;

    void record(long nanos) {
        counts[bucketOf(Math.max(0, nanos))]++;
        total++;
    }

    void add(LatencyHistogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
    }

    long count() {
        return total;
    }

    /** The latency below which this share (0..1) of the samples fall, as the middle of its bucket. */
    long percentileNanos(double share) {
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(share * total);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= Math.max(1, rank)) {
                return (lowerBound(i) + upperBound(i)) / 2;
            }
        }
        return upperBound(BUCKETS - 1);
    }

    /** How many samples lie in [fromNanos, toNanos), counting each bucket by where its middle falls. */
    long countBetween(long fromNanos, long toNanos) {
        long sum = 0;
        for (int i = 0; i < BUCKETS; i++) {
            long middle = (lowerBound(i) + upperBound(i)) / 2;
            if (middle >= fromNanos && middle < toNanos) {
                sum += counts[i];
            }
        }
        return sum;
    }

    private static int bucketOf(long value) {
        if (value < SUB_BUCKETS) {
            return (int) value;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(value);
        int sub = (int) (value >>> (exponent - SUB_BUCKET_BITS)) & (SUB_BUCKETS - 1);
        return (exponent - SUB_BUCKET_BITS + 1) * SUB_BUCKETS + sub;
    }

    private static long lowerBound(int bucket) {
        if (bucket < SUB_BUCKETS) {
            return bucket;
        }
        int exponent = bucket / SUB_BUCKETS + SUB_BUCKET_BITS - 1;
        int sub = bucket % SUB_BUCKETS;
        return (long) (SUB_BUCKETS + sub) << (exponent - SUB_BUCKET_BITS);
    }

    private static long upperBound(int bucket) {
        if (bucket < SUB_BUCKETS) {
            return bucket + 1;
        }
        int exponent = bucket / SUB_BUCKETS + SUB_BUCKET_BITS - 1;
        return lowerBound(bucket) + (1L << (exponent - SUB_BUCKET_BITS));
    }
}
