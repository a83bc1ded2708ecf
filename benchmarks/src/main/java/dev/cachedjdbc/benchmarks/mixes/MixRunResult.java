package dev.cachedjdbc.benchmarks.mixes;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What one run of one mix through one driver measured, and the line a run in its own JVM prints it as.
 *
 * @param mix                 the mix's name
 * @param driver              the driver's label: plain, cached, or a build's name when builds are compared
 * @param operationsPerSecond operations completed per second in the measured window
 * @param p50Micros           median latency of an operation (borrow a connection, run, read, commit, return)
 * @param p99Micros           99th percentile latency
 * @param measuredReads       read statements run in the measured window
 * @param checkedReads        read statements whose versioned rows were checked, over the whole run
 * @param staleReads          of those, reads that returned a row older than a write committed before they began
 * @param statistics          whether the driver had cache statistics; the counters below are 0 when not
 * @param hits                cache hits in the measured window
 * @param misses              cache misses in the measured window
 * @param loads               queries run through the cache in the measured window
 * @param coalescedWaits      callers that waited for another caller's load of the same key, in the window
 * @param evictions           entries dropped to keep the size bound, in the window
 * @param compileMillis       CPU time the JVM's JIT compiler threads used in the window, or -1 where it cannot be read
 *                            ({@link CompilerCpu}): they compete with the clients and the database for the cores, so
 *                            a large figure means the run was still warming up
 * @param cpuMicrosPerOperation CPU time the whole client JVM used in the window (every thread, user and system) per
 *                            operation: what the driver costs the application's machine, beside what it saves the
 *                            database's
 */
record MixRunResult(String mix, String driver, double operationsPerSecond, double p50Micros, double p99Micros,
        long measuredReads, long checkedReads, long staleReads, boolean statistics, long hits, long misses,
        long loads, long coalescedWaits, long evictions, long compileMillis, double cpuMicrosPerOperation) {

    static final String PREFIX = "mixes-result";

    String toLine() {
        return String.format(Locale.ROOT, "%s mix=%s driver=%s opsPerSecond=%.3f p50Micros=%.3f p99Micros=%.3f"
                        + " measuredReads=%d checkedReads=%d staleReads=%d statistics=%b hits=%d misses=%d loads=%d"
                        + " coalescedWaits=%d evictions=%d compileMillis=%d cpuMicrosPerOperation=%.3f",
                PREFIX, mix, driver, operationsPerSecond, p50Micros, p99Micros, measuredReads, checkedReads,
                staleReads, statistics, hits, misses, loads, coalescedWaits, evictions, compileMillis,
                cpuMicrosPerOperation);
    }

    static boolean isResultLine(String line) {
        return line.startsWith(PREFIX + " ");
    }

    static MixRunResult parse(String line) {
        Map<String, String> fields = new HashMap<>();
        for (String field : line.substring(PREFIX.length() + 1).trim().split(" +")) {
            int equals = field.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("Not a result line: " + line);
            }
            fields.put(field.substring(0, equals), field.substring(equals + 1));
        }
        try {
            return new MixRunResult(fields.get("mix"), fields.get("driver"),
                    Double.parseDouble(fields.get("opsPerSecond")), Double.parseDouble(fields.get("p50Micros")),
                    Double.parseDouble(fields.get("p99Micros")), Long.parseLong(fields.get("measuredReads")),
                    Long.parseLong(fields.get("checkedReads")), Long.parseLong(fields.get("staleReads")),
                    Boolean.parseBoolean(fields.get("statistics")), Long.parseLong(fields.get("hits")),
                    Long.parseLong(fields.get("misses")), Long.parseLong(fields.get("loads")),
                    Long.parseLong(fields.get("coalescedWaits")), Long.parseLong(fields.get("evictions")),
                    Long.parseLong(fields.get("compileMillis")), Double.parseDouble(fields.get("cpuMicrosPerOperation")));
        } catch (NullPointerException | NumberFormatException e) {
            throw new IllegalArgumentException("Not a complete result line: " + line, e);
        }
    }
}
