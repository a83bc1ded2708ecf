package dev.cachedjdbc.examples.demo;

/** Everything the demo measured, for the table and the chart. */
record DemoResults(String database, int threads, int secondsPerRun, WorkloadResult plain, WorkloadResult cached,
                   HotKeyStampede.Outcome stampedePlain, HotKeyStampede.Outcome stampedeCached,
                   ReadAfterWrite.Outcome readAfterWrite, ExpirySpread.Outcome expiry) {
}
