package dev.cachedjdbc.benchmarks.mixes;

/**
 * How the mixes run; each value can be set as a system property named {@code mixes.<name>}.
 *
 * @param threads           client threads
 * @param poolSize          HikariCP connections they share
 * @param warmUpSeconds     untimed running at the start of every run (JIT, pool, cache fill): on 2 cores the JIT
 *                          compilers, which get a core only now and then among the clients and the database, take
 *                          20 s and more to work through the caching driver's hot code, so a shorter warm-up measures
 *                          the driver half compiled (each run reports the compilers' CPU time in its window)
 * @param seconds           measured running per run
 * @param pairs             rounds of runs, one per driver in each, in alternating order
 * @param scale             multiplies every table's loaded size
 * @param zipfExponent      popularity skew of keys: key k is chosen in proportion to 1 / k^exponent
 * @param writesBypassCache the negative control: the caching runs' writes go through the plain driver
 */
record MixSettings(int threads, int poolSize, int warmUpSeconds, int seconds, int pairs, double scale,
        double zipfExponent, boolean writesBypassCache) {

    static MixSettings fromSystemProperties() {
        return new MixSettings(
                Integer.getInteger("mixes.threads", 8),
                Integer.getInteger("mixes.poolSize", 8),
                Integer.getInteger("mixes.warmUpSeconds", 25),
                Integer.getInteger("mixes.seconds", 20),
                Integer.getInteger("mixes.pairs", 2),
                Double.parseDouble(System.getProperty("mixes.scale", "1")),
                Double.parseDouble(System.getProperty("mixes.zipfExponent", "0.99")),
                Boolean.getBoolean("mixes.writesBypassCache"));
    }

    /** The same settings as system property arguments, for a run in another JVM. */
    String[] asSystemPropertyArguments() {
        return new String[] {
            "-Dmixes.threads=" + threads,
            "-Dmixes.poolSize=" + poolSize,
            "-Dmixes.warmUpSeconds=" + warmUpSeconds,
            "-Dmixes.seconds=" + seconds,
            "-Dmixes.pairs=" + pairs,
            "-Dmixes.scale=" + scale,
            "-Dmixes.zipfExponent=" + zipfExponent,
            "-Dmixes.writesBypassCache=" + writesBypassCache,
        };
    }
}
