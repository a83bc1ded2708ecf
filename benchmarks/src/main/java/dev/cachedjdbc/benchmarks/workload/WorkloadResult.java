package dev.cachedjdbc.benchmarks.workload;

import java.util.Locale;

/**
 * What one configuration of the service simulation measured.
 *
 * @param driver               "plain" or "cached"
 * @param readPercent          share of operations that read
 * @param writesTo             "catalogue" when every write updates the table that is read, "orders" when most
 *                             writes go to another table
 * @param operationsPerSecond  operations completed per second in the measured window
 * @param p50Micros            median latency of an operation (borrow a connection, run, read, return)
 * @param p99Micros            99th percentile latency
 * @param hitRatio             hits / (hits + misses) of the cache in the measured window; NaN for the plain driver
 * @param statementsPerOperation statements that reached the catalogue table, as PostgreSQL counts them, per operation
 * @param reads                reads over the whole run
 * @param staleReads           reads that returned an older version than one committed before they began
 */
record WorkloadResult(String driver, int readPercent, String writesTo, double operationsPerSecond, double p50Micros,
        double p99Micros, double hitRatio, double statementsPerOperation, long reads, long staleReads) {

    static String header() {
        return "driver  reads%  writes to   ops/s      p50 us   p99 us   hit ratio  db stmts/op  reads checked  stale";
    }

    String line() {
        return String.format(Locale.ROOT, "%-6s  %5d  %-9s  %9.0f  %8.1f  %8.1f  %9s  %11.3f  %13d  %5d", driver,
                readPercent, writesTo, operationsPerSecond, p50Micros, p99Micros,
                Double.isNaN(hitRatio) ? "-" : String.format(Locale.ROOT, "%.3f", hitRatio), statementsPerOperation,
                reads, staleReads);
    }
}
