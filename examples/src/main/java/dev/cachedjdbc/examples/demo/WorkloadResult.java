package dev.cachedjdbc.examples.demo;

/**
 * One measured run of the read-heavy workload.
 *
 * @param databaseQueries statements that reached the database: every statement with the plain driver; the cache's
 *                        loads plus the writes with the caching driver
 * @param cacheHits       reads answered from memory (0 with the plain driver)
 */
record WorkloadResult(long reads, long writes, long elapsedNanos, LatencyHistogram readLatencies,
                      LatencyHistogram writeLatencies, long databaseQueries, long cacheHits) {

    /** Every operation's latency, reads and writes together. */
    LatencyHistogram latencies() {
        LatencyHistogram all = new LatencyHistogram();
        all.add(readLatencies);
        all.add(writeLatencies);
        return all;
    }

    long operations() {
        return reads + writes;
    }

    double operationsPerSecond() {
        return operations() / (elapsedNanos / 1e9);
    }

    long p50Nanos() {
        return latencies().percentileNanos(0.50);
    }

    long p99Nanos() {
        return latencies().percentileNanos(0.99);
    }
}
