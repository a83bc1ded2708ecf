package dev.cachedjdbc.benchmarks.mixes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MixesReportTest {

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(Spread.of(List.of(4.0, 1.0, 3.0, 10.0))).isEqualTo(new Spread(3.5, 1.0, 10.0));
        assertThat(Spread.of(List.of(2.0, 9.0, 1.0))).isEqualTo(new Spread(2.0, 1.0, 9.0));
    }

    @Test
    void ratiosAreTakenWithinEachPair() {
        List<MixRunResult> plain = List.of(run("plain", 100), run("plain", 50));
        List<MixRunResult> cached = List.of(run("cached", 200), run("cached", 150));
        assertThat(MixesReport.ratios(cached, plain)).containsExactly(2.0, 3.0);
        assertThatThrownBy(() -> MixesReport.ratios(cached, plain.subList(0, 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pairsAlternateTheOrderOfTheDrivers() {
        List<String> drivers = List.of("plain", "before", "after");
        assertThat(Mixes.orderInPair(drivers, 1)).containsExactly("plain", "before", "after");
        assertThat(Mixes.orderInPair(drivers, 2)).containsExactly("after", "before", "plain");
        assertThat(Mixes.orderInPair(drivers, 3)).containsExactly("plain", "before", "after");
    }

    @Test
    void aRunsResultSurvivesTheLineItIsPassedOnAs() {
        MixRunResult result = new MixRunResult("wiki", "after", 1234.5, 56.25, 7890.0, 100_000, 90_000, 3, true,
                80_000, 20_000, 19_000, 12, 4, 1_500, 42.125);
        assertThat(MixRunResult.isResultLine(result.toLine())).isTrue();
        assertThat(MixRunResult.parse(result.toLine())).isEqualTo(result);
    }

    @Test
    void theTableShowsEachCachingDriverAgainstPlainAndTheLaterOnesAgainstTheFirst() {
        Mix wiki = new WikiMix();
        MixesReport report = new MixesReport(List.of(wiki), List.of("plain", "before", "after"));
        report.add(run("plain", 100));
        report.add(run("before", 80));
        report.add(run("after", 120));
        String markdown = report.markdown();
        assertThat(markdown).contains("| wiki page views and edits (Wikipedia-like) | 8% | plain | 100 (100–100) | — |")
                .contains("| before | 80 (80–80) | 0.80× (0.80×–0.80×) |")
                .contains("| after | 120 (120–120) | 1.20× (1.20×–1.20×) |")
                .contains("| after ÷ before throughput, median (range) |")
                .contains("| client CPU µs per op | JIT CPU s in window |").contains("| 0 | 35 | 2.5 |")
                .contains("| wiki page views and edits (Wikipedia-like) | 1.50× (1.50×–1.50×) |");
    }

    private static MixRunResult run(String driver, double operationsPerSecond) {
        return new MixRunResult("wiki", driver, operationsPerSecond, 10, 100, 1_000, 1_000, 0,
                !driver.equals("plain"), 500, 500, 500, 0, 0, 2_500, 35.0);
    }
}
