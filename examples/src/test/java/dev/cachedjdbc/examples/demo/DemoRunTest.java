package dev.cachedjdbc.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.examples.ExampleDatabases;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole demo, shortened, on embedded H2: each part shows what it claims to show. */
class DemoRunTest {

    @TempDir
    static Path reports;
    private static DemoResults results;
    private static String printed;

    @BeforeAll
    static void runTheDemoOnce() throws Exception {
        DemoOptions options = DemoOptions.parse(new String[] {"--url", ExampleDatabases.plainH2Url("demo_run"),
                "--threads", "2", "--seconds", "1"}, reports);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        results = new DemoRun(options, new PrintStream(output, true, StandardCharsets.UTF_8), false).run();
        printed = output.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theCachedWorkloadAnswersReadsFromMemoryAndSendsFewerQueries() {
        WorkloadResult plain = results.plain();
        WorkloadResult cached = results.cached();
        assertThat(plain.databaseQueries()).isEqualTo(plain.operations());
        assertThat(cached.cacheHits()).isPositive();
        assertThat(cached.databaseQueries()).isLessThan(cached.operations());
        assertThat(cached.writes()).as("the workload writes too").isPositive();
    }

    @Test
    void theStampedeRunsTheQueryOncePerRequestPlainAndOnceInAllCached() {
        assertThat(results.stampedePlain().databaseExecutions()).isEqualTo(DemoRun.STAMPEDE_REQUESTS);
        assertThat(results.stampedeCached().databaseExecutions()).isEqualTo(1);
        assertThat(results.stampedeCached().coalescedWaits() + results.stampedeCached().hits())
                .isEqualTo(DemoRun.STAMPEDE_REQUESTS - 1);
    }

    @Test
    void theReadAfterTheWriteSeesTheNewValueFromTheDatabase() {
        ReadAfterWrite.Outcome outcome = results.readAfterWrite();
        assertThat(outcome.servedFromCache()).isTrue();
        assertThat(outcome.readAfter()).isEqualTo(outcome.written()).isNotEqualTo(outcome.cachedBefore());
        assertThat(outcome.loadedAfterWrite()).isTrue();
        assertThat(printed).contains("the read sees the write");
    }

    @Test
    void entriesLoadedTogetherExpireSpreadBetweenTheShortestAndTheLongestLifetime() {
        ExpirySpread.Outcome outcome = results.expiry();
        assertThat(outcome.stillCachedAtEnd()).isZero();
        ExpiryBins bins = ExpiryBins.of(outcome);
        long shortest = (long) (ExpirySpread.TTL.toNanos() * (1 - ExpirySpread.JITTER));
        assertThat(bins.intervals().get(0).toNanos()).as("none before ttl × (1 − jitter)").isGreaterThan(shortest);
        assertThat(bins.intervals().get(bins.intervals().size() - 1).fromNanos()).as("none after ttl")
                .isLessThanOrEqualTo(ExpirySpread.TTL.toNanos() + outcome.loadingNanos());
        // Bounds that hold even when a busy machine delays samples: late samples widen intervals, never narrow them.
        assertThat(bins.intervals().stream().filter(interval -> interval.expired() > 0).count())
                .as("spread over several sampling intervals").isGreaterThanOrEqualTo(3);
        long spread = bins.intervals().get(bins.intervals().size() - 1).toNanos() - bins.intervals().get(0).fromNanos();
        assertThat(spread).as("over at least half the jitter window")
                .isGreaterThanOrEqualTo((long) (ExpirySpread.TTL.toNanos() * ExpirySpread.JITTER / 2));
    }

    @Test
    void theTableAndAReadableChartArePrinted() throws Exception {
        assertThat(printed).contains("throughput (operations/s)", "p99 latency", "single flight", "entries expired");
        Path chart = reports.resolve("demo-report.svg");
        assertThat(printed).contains("Chart: " + chart.toAbsolutePath().normalize());
        assertThat(Files.size(chart)).isPositive();
        var document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(chart.toFile());
        assertThat(document.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(document.getElementsByTagName("rect").getLength()).as("bars were drawn").isGreaterThan(10);
    }
}
