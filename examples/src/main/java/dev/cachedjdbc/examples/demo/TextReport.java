package dev.cachedjdbc.examples.demo;

import static dev.cachedjdbc.examples.demo.Figures.count;
import static dev.cachedjdbc.examples.demo.Figures.latency;
import static dev.cachedjdbc.examples.demo.Figures.comparison;

import java.util.Locale;

/** The table printed at the end of the demo. */
final class TextReport {

    private static final String INDENT = "   ";
    private static final int BAR_WIDTH = 40;

    private TextReport() {
    }

    static String render(DemoResults results) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "cached-jdbc demo on %s: %d threads, %d s per run, %d processors%n%n",
                results.database(), results.threads(), results.secondsPerRun(),
                Runtime.getRuntime().availableProcessors()));
        workload(text, results.plain(), results.cached());
        stampede(text, results.stampedePlain(), results.stampedeCached());
        readAfterWrite(text, results.readAfterWrite());
        expiry(text, results.expiry());
        return text.toString();
    }

    private static void workload(StringBuilder text, WorkloadResult plain, WorkloadResult cached) {
        text.append(String.format(Locale.ROOT, "1. Read-heavy workload: product pages of %s products picked"
                        + " Zipf-skewed, %d%% reads, %d%% order inserts%n", count(DemoShop.PRODUCTS),
                Math.round(100 * (1 - ReadHeavyWorkload.WRITE_SHARE)), Math.round(100 * ReadHeavyWorkload.WRITE_SHARE)));
        // With the plain driver every operation is one query, so that is what the same operations would have cost.
        long queriesSaved = cached.operations() - cached.databaseQueries();
        TextTable table = new TextTable("", "plain driver", "caching driver", "caching vs plain")
                .row("throughput (operations/s)", count(Math.round(plain.operationsPerSecond())),
                        count(Math.round(cached.operationsPerSecond())),
                        comparison(cached.operationsPerSecond(), plain.operationsPerSecond()))
                .row("p50 latency", latency(plain.p50Nanos()), latency(cached.p50Nanos()),
                        comparison(cached.p50Nanos(), plain.p50Nanos()))
                .row("p99 latency", latency(plain.p99Nanos()), latency(cached.p99Nanos()),
                        comparison(cached.p99Nanos(), plain.p99Nanos()))
                .row("  reads: p50 / p99", percentiles(plain.readLatencies()), percentiles(cached.readLatencies()), "")
                .row("  writes: p50 / p99", percentiles(plain.writeLatencies()), percentiles(cached.writeLatencies()),
                        "")
                .row("operations", count(plain.operations()), count(cached.operations()), "")
                .row("queries that reached the database", count(plain.databaseQueries()),
                        count(cached.databaseQueries()), "")
                .row("reads answered from memory", "-", count(cached.cacheHits())
                        + String.format(Locale.ROOT, " (%.1f%%)", 100.0 * cached.cacheHits() / Math.max(1, cached.reads())),
                        "");
        text.append(table.render(INDENT));
        text.append(INDENT).append(String.format(Locale.ROOT, "database queries saved: %s, %.1f%% of what the plain"
                        + " driver would have sent for the same %s operations%n", count(queriesSaved),
                100.0 * queriesSaved / Math.max(1, cached.operations()), count(cached.operations())));
        text.append(INDENT).append("(plain: counted by the demo; caching: the cache's loads plus the writes)\n\n");
    }

    private static String percentiles(LatencyHistogram latencies) {
        return latency(latencies.percentileNanos(0.50)) + " / " + latency(latencies.percentileNanos(0.99));
    }

    private static void stampede(StringBuilder text, HotKeyStampede.Outcome plain, HotKeyStampede.Outcome cached) {
        text.append(String.format(Locale.ROOT, "2. A hot query just invalidated, %d requests released together"
                + " (single flight)%n", plain.requests()));
        TextTable table = new TextTable("", "plain driver", "caching driver")
                .row("queries that reached the database", count(plain.databaseExecutions()),
                        count(cached.databaseExecutions()))
                .row("requests that waited for that query", "-", count(cached.coalescedWaits()))
                .row("requests that came after it and hit", "-", count(cached.hits()))
                .row("time until every request had its rows", latency(plain.elapsedNanos()),
                        latency(cached.elapsedNanos()));
        text.append(table.render(INDENT)).append('\n');
    }

    private static void readAfterWrite(StringBuilder text, ReadAfterWrite.Outcome outcome) {
        text.append("3. A write, then at once a read on another connection\n");
        text.append(INDENT).append(String.format(Locale.ROOT, "price of product %d before the write: %d (%s)%n",
                ReadAfterWrite.PRODUCT, outcome.cachedBefore(),
                outcome.servedFromCache() ? "answered from the cache" : "not a cache hit"));
        text.append(INDENT).append(String.format(Locale.ROOT, "update demo_product set price_cents = %d where id = %d%n",
                outcome.written(), ReadAfterWrite.PRODUCT));
        text.append(INDENT).append(String.format(Locale.ROOT, "price read right after:              %d (%s)%n",
                outcome.readAfter(), outcome.loadedAfterWrite() ? "read from the database" : "answered from the cache"));
        text.append(INDENT).append(outcome.fresh() ? "the read sees the write\n\n"
                : "STALE: the read did not see the write\n\n");
    }

    private static void expiry(StringBuilder text, ExpirySpread.Outcome outcome) {
        text.append(String.format(Locale.ROOT, "4. Expiry of %d entries loaded together (in %s), cache.ttl=%s,"
                        + " cache.ttlJitter=%s, sampled every %d ms%n", outcome.entries(),
                latency(outcome.loadingNanos()), ExpiryBins.seconds(outcome.ttl()), outcome.jitter(),
                outcome.sampleEvery().toMillis()));
        ExpiryBins bins = ExpiryBins.of(outcome);
        int largest = Math.max(1, bins.largest());
        text.append(INDENT).append("since loading began   entries expired\n");
        for (ExpiryBins.Interval interval : bins.intervals()) {
            int width = (int) Math.round((double) interval.expired() * BAR_WIDTH / largest);
            text.append(INDENT).append(interval.label()).append("           ").append("#".repeat(width))
                    .append(interval.expired() == 0 ? "" : " ").append(interval.expired()).append('\n');
        }
        int notExpired = outcome.stillCachedAtEnd();
        if (notExpired > 0) {
            text.append(INDENT).append(notExpired).append(" entries were still cached when sampling stopped\n");
        }
        text.append(INDENT).append(String.format(Locale.ROOT, "at most %d of %d in one %d ms interval;"
                        + " without jitter all would expire together at %s%n", bins.largest(), outcome.entries(),
                outcome.sampleEvery().toMillis(), ExpiryBins.seconds(outcome.ttl())));
    }
}
