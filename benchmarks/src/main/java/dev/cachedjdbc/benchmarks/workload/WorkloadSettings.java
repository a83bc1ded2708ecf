package dev.cachedjdbc.benchmarks.workload;

/**
 * How the service simulation runs; each value can be set as a system property named {@code workload.<name>}.
 *
 * @param threads       request threads
 * @param poolSize      HikariCP connections shared by them
 * @param items         catalogue size
 * @param zipfExponent  popularity skew: item k is requested in proportion to 1 / k^exponent
 * @param warmUpSeconds untimed running before each measurement (JIT, pool, cache fill)
 * @param seconds       measured running per configuration
 */
record WorkloadSettings(int threads, int poolSize, int items, double zipfExponent, int warmUpSeconds, int seconds) {

    static WorkloadSettings fromSystemProperties() {
        return new WorkloadSettings(
                Integer.getInteger("workload.threads", 16),
                Integer.getInteger("workload.poolSize", 8),
                Integer.getInteger("workload.items", 10_000),
                Double.parseDouble(System.getProperty("workload.zipfExponent", "1.0")),
                Integer.getInteger("workload.warmUpSeconds", 5),
                Integer.getInteger("workload.seconds", 20));
    }
}
