package dev.cachedjdbc.benchmarks.mixes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The mixes' figures as Markdown: per mix and driver, throughput (median and range over the pairs) and its ratio
 * to the plain driver's in the same pair, latency, the cache's counters summed over the measured windows, and the
 * freshness check's counts. With more than one caching driver, also each one's throughput against the first's.
 */
final class MixesReport {

    static final String PLAIN = "plain";

    private final List<Mix> mixes;
    private final List<String> drivers;
    private final Map<String, Map<String, List<MixRunResult>>> results = new LinkedHashMap<>();

    /**
     * @param drivers the plain driver's label first, then the caching drivers' in the order they are compared
     */
    MixesReport(List<Mix> mixes, List<String> drivers) {
        if (drivers.isEmpty() || !drivers.get(0).equals(PLAIN)) {
            throw new IllegalArgumentException("The plain driver comes first: " + drivers);
        }
        this.mixes = List.copyOf(mixes);
        this.drivers = List.copyOf(drivers);
    }

    /** Adds one run's result; runs of one mix and driver are added in pair order. */
    void add(MixRunResult result) {
        results.computeIfAbsent(result.mix(), mix -> new LinkedHashMap<>())
                .computeIfAbsent(result.driver(), driver -> new ArrayList<>()).add(result);
    }

    String markdown() {
        StringBuilder table = new StringBuilder();
        table.append("| mix | writes | driver | ops/s, median (range) | ÷ plain, median (range) | p50 µs | p99 µs"
                + " | hit ratio | loads per 1000 reads | coalesced waits | evictions | reads checked | stale reads"
                + " | client CPU µs per op | JIT CPU s in window |\n");
        table.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Mix mix : mixes) {
            Map<String, List<MixRunResult>> byDriver = results.get(mix.name());
            if (byDriver == null) {
                continue;
            }
            boolean first = true;
            for (String driver : drivers) {
                List<MixRunResult> runs = byDriver.get(driver);
                if (runs == null) {
                    continue;
                }
                table.append("| ").append(first ? mix.title() : "")
                        .append(" | ").append(first ? String.format(Locale.ROOT, "%.0f%%", 100 * mix.writeShare()) : "")
                        .append(" | ").append(driver)
                        .append(" | ").append(Spread.of(throughputs(runs)).format("%,.0f"))
                        .append(" | ").append(driver.equals(PLAIN) ? "—"
                                : Spread.of(ratios(runs, byDriver.get(PLAIN))).format("%.2f×"))
                        .append(" | ").append(micros(Spread.of(p50s(runs)).median()))
                        .append(" | ").append(micros(Spread.of(p99s(runs)).median()))
                        .append(" | ").append(cacheFigures(runs))
                        .append(" | ").append(String.format(Locale.ROOT, "%,d", sum(runs, MixRunResult::checkedReads)))
                        .append(" | ").append(sum(runs, MixRunResult::staleReads))
                        .append(" | ").append(micros(Spread.of(runs.stream()
                                .map(MixRunResult::cpuMicrosPerOperation).toList()).median()))
                        .append(" | ").append(compilerSeconds(runs))
                        .append(" |\n");
                first = false;
            }
        }
        List<String> cachedDrivers = drivers.subList(1, drivers.size());
        if (cachedDrivers.size() > 1) {
            table.append('\n').append(comparison(cachedDrivers));
        }
        return table.toString();
    }

    /** Each later caching driver's throughput divided by the first's, pair by pair. */
    private String comparison(List<String> cachedDrivers) {
        String baseline = cachedDrivers.get(0);
        StringBuilder table = new StringBuilder("| mix");
        StringBuilder rule = new StringBuilder("|---");
        for (String driver : cachedDrivers.subList(1, cachedDrivers.size())) {
            table.append(" | ").append(driver).append(" ÷ ").append(baseline).append(" throughput, median (range)");
            rule.append("|---");
        }
        table.append(" |\n").append(rule).append("|\n");
        for (Mix mix : mixes) {
            Map<String, List<MixRunResult>> byDriver = results.get(mix.name());
            if (byDriver == null || byDriver.get(baseline) == null) {
                continue;
            }
            table.append("| ").append(mix.title());
            for (String driver : cachedDrivers.subList(1, cachedDrivers.size())) {
                List<MixRunResult> runs = byDriver.get(driver);
                table.append(" | ").append(runs == null ? "—"
                        : Spread.of(ratios(runs, byDriver.get(baseline))).format("%.2f×"));
            }
            table.append(" |\n");
        }
        return table.toString();
    }

    private static String cacheFigures(List<MixRunResult> runs) {
        if (runs.stream().noneMatch(MixRunResult::statistics)) {
            return "— | — | — | —";
        }
        long hits = sum(runs, MixRunResult::hits);
        long lookups = hits + sum(runs, MixRunResult::misses);
        long reads = sum(runs, MixRunResult::measuredReads);
        return String.format(Locale.ROOT, "%s | %s | %,d | %,d",
                lookups == 0 ? "—" : String.format(Locale.ROOT, "%.3f", hits / (double) lookups),
                reads == 0 ? "—" : String.format(Locale.ROOT, "%.1f", 1000.0 * sum(runs, MixRunResult::loads) / reads),
                sum(runs, MixRunResult::coalescedWaits), sum(runs, MixRunResult::evictions));
    }

    /** Pair by pair, the run's throughput divided by the other driver's in the same pair. */
    static List<Double> ratios(List<MixRunResult> runs, List<MixRunResult> baseline) {
        if (baseline == null || baseline.size() != runs.size()) {
            throw new IllegalArgumentException("Runs and baseline runs must pair up");
        }
        List<Double> ratios = new ArrayList<>();
        for (int pair = 0; pair < runs.size(); pair++) {
            ratios.add(runs.get(pair).operationsPerSecond() / baseline.get(pair).operationsPerSecond());
        }
        return ratios;
    }

    private static List<Double> throughputs(List<MixRunResult> runs) {
        return runs.stream().map(MixRunResult::operationsPerSecond).toList();
    }

    private static List<Double> p50s(List<MixRunResult> runs) {
        return runs.stream().map(MixRunResult::p50Micros).toList();
    }

    private static List<Double> p99s(List<MixRunResult> runs) {
        return runs.stream().map(MixRunResult::p99Micros).toList();
    }

    private static String compilerSeconds(List<MixRunResult> runs) {
        if (runs.stream().anyMatch(run -> run.compileMillis() < 0)) {
            return "—";
        }
        return String.format(Locale.ROOT, "%.1f",
                Spread.of(runs.stream().map(run -> run.compileMillis() / 1e3).toList()).median());
    }

    private static String micros(double value) {
        return value < 10 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%,.0f", value);
    }

    private static long sum(List<MixRunResult> runs, ToLongFunction<MixRunResult> figure) {
        return runs.stream().mapToLong(figure).sum();
    }
}
