package dev.cachedjdbc.benchmarks;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * The figures that matter from one suite run: each caching-driver benchmark as a ratio to its plain-driver (or floor)
 * counterpart measured in the same run, next to its target. Absolute times on a shared machine say little; ratios
 * measured side by side say a lot.
 */
final class RatioReport {

    private static final String ALLOCATION = "gc.alloc.rate.norm";

    private final Map<String, RunResult> byName = new HashMap<>();

    RatioReport(Collection<RunResult> results) {
        for (RunResult result : results) {
            String benchmark = result.getParams().getBenchmark();
            String name = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
            String coherence = result.getParams().getParam("coherence");
            if (coherence != null) {
                name = name + "[" + coherence + "]";
            }
            String database = result.getParams().getParam("database");
            String rows = result.getParams().getParam("rows");
            byName.put(key(name, database, rows), result);
        }
    }

    String markdown(List<StampedeMeasurement.Outcome> stampedes) {
        StringBuilder table = new StringBuilder();
        table.append("| measure | ratio | target | met | scores, us/op (99.9% error) |\n|---|---|---|---|---|\n");
        for (String database : List.of("postgresql", "h2")) {
            for (String rows : List.of("1", "10", "100", "1000")) {
                speedUp(table, database + ", " + rows + " row(s): hit speed-up over the plain driver",
                        "HitPathBenchmark.plainDriver", "HitPathBenchmark.cachedSameSqlString", database, rows,
                        rows.equals("1") ? (database.equals("postgresql") ? 50.0 : 3.0) : Double.NaN);
            }
        }
        for (String database : List.of("postgresql", "h2")) {
            for (String rows : List.of("1", "10", "100", "1000")) {
                slowDown(table, database + ", " + rows + " row(s): hit / floor (Caffeine lookup + row walk)",
                        "HitPathBenchmark.cachedSameSqlString", null, database, rows, 2.0);
            }
        }
        for (String database : List.of("postgresql", "h2")) {
            for (String rows : List.of("1", "100")) {
                slowDown(table, database + ", " + rows + " row(s): the database driver's prepare + bind + close"
                                + " (no execution) / the whole hit", "HitPathBenchmark.plainPrepareBindClose",
                        "HitPathBenchmark.cachedSameSqlString", database, rows, Double.NaN);
            }
        }
        for (String database : List.of("postgresql", "h2")) {
            for (String rows : List.of("1", "100")) {
                slowDown(table, database + ", " + rows + " row(s): hit with a new SQL String / same String",
                        "HitPathBenchmark.cachedNewSqlString", "HitPathBenchmark.cachedSameSqlString", database,
                        rows, Double.NaN);
            }
        }
        for (String database : List.of("postgresql", "h2")) {
            for (String rows : List.of("1", "100")) {
                slowDown(table, database + ", " + rows + " row(s): miss / plain driver", "MissPathBenchmark.cachedMiss",
                        "MissPathBenchmark.plainDriver", database, rows,
                        database.equals("postgresql") ? 1.10 : Double.NaN);
            }
        }
        for (String database : List.of("postgresql", "h2")) {
            for (String rows : List.of("1", "100")) {
                slowDown(table, database + ", " + rows + " row(s): miss passed through by cache.admission / plain"
                                + " driver", "MissPathBenchmark.bypassedMiss", "MissPathBenchmark.plainDriver", database,
                        rows, Double.NaN);
                slowDown(table, database + ", " + rows + " row(s): miss passed through by cache.admission / captured"
                                + " miss", "MissPathBenchmark.bypassedMiss", "MissPathBenchmark.cachedMiss", database,
                        rows, Double.NaN);
            }
        }
        for (String database : List.of("postgresql", "h2")) {
            slowDown(table, database + ": update by key / plain driver", "WritePathBenchmark.cachedDriver",
                    "WritePathBenchmark.plainDriver", database, null, database.equals("postgresql") ? 1.05 : Double.NaN);
        }
        slowDown(table, "postgresql: update by key in a committed transaction, notify / plain driver",
                "WritePathBenchmark.cachedTransaction", "WritePathBenchmark.plainTransaction", "postgresql", null,
                Double.NaN);
        slowDown(table, "postgresql: update by key in a committed transaction, local / plain driver",
                "WritePathBenchmark.cachedTransactionLocal", "WritePathBenchmark.plainTransaction", "postgresql", null,
                Double.NaN);
        slowDown(table, "postgresql: autocommit update by key, local / plain driver", "WritePathBenchmark.cachedDriverLocal",
                "WritePathBenchmark.plainDriver", "postgresql", null, Double.NaN);
        for (String mode : List.of("local", "notify", "logical")) {
            slowDown(table, "postgresql: autocommit update by key, " + mode + " / plain driver",
                    "CoherenceWriteBenchmark.autocommitUpdate[" + mode + "]",
                    "CoherenceWriteBenchmark.autocommitUpdate[plain]", null, null, Double.NaN);
            slowDown(table, "postgresql: update by key in a committed transaction, " + mode + " / plain driver",
                    "CoherenceWriteBenchmark.transactionUpdate[" + mode + "]",
                    "CoherenceWriteBenchmark.transactionUpdate[plain]", null, null, Double.NaN);
        }
        for (String database : List.of("postgresql", "h2")) {
            slowDown(table, database + ": first sight of a statement (cold analysis + miss) / plain driver",
                    "FirstSightBenchmark.cachedDriver", "FirstSightBenchmark.plainDriver", database, null, Double.NaN);
        }
        for (StampedeMeasurement.Outcome stampede : stampedes) {
            if (stampede.note() == null) {
                row(table, String.format(Locale.ROOT,
                                "%s, %d concurrent identical misses: database executions per stampede (max of %d)"
                                        + "; waiter/loader latency median %.2f",
                                stampede.database(), stampede.callers(), stampede.rounds(),
                                stampede.medianWaiterToLoader()),
                        Integer.toString(stampede.maxExecutions()), "1", stampede.maxExecutions() == 1 ? "met" : "not met",
                        String.format(Locale.ROOT, "loader %.1f ms", stampede.loaderMillis()));
            }
        }
        table.append("\nAllocation per operation (JMH -prof gc, ").append(ALLOCATION).append("), bytes:\n\n");
        table.append("| benchmark | database | rows | B/op |\n|---|---|---|---|\n");
        for (Map.Entry<String, RunResult> entry : new java.util.TreeMap<>(byName).entrySet()) {
            Result<?> allocation = entry.getValue().getSecondaryResults().get(ALLOCATION);
            if (allocation != null) {
                String[] parts = entry.getKey().split("\\|", -1);
                table.append(String.format(Locale.ROOT, "| %s | %s | %s | %.0f |%n", parts[0],
                        parts[1].isEmpty() ? "-" : parts[1], parts[2].isEmpty() ? "-" : parts[2],
                        allocation.getScore()));
            }
        }
        return table.toString();
    }

    /** How many times faster the cached benchmark is than its counterpart; the target is a minimum. */
    private void speedUp(StringBuilder table, String measure, String baseline, String cached, String database,
            String rows, double atLeast) {
        Double base = score(baseline, database, rows);
        Double ours = score(cached, database, rows);
        if (base == null || ours == null) {
            return;
        }
        double ratio = base / ours;
        row(table, measure, String.format(Locale.ROOT, "%.1fx", ratio),
                Double.isNaN(atLeast) ? "-" : String.format(Locale.ROOT, ">= %.0fx", atLeast),
                Double.isNaN(atLeast) ? "-" : ratio >= atLeast ? "met" : "not met",
                scores(cached, database, rows) + " vs " + scores(baseline, database, rows));
    }

    /** The cached benchmark's time over its counterpart's (the floor when none is named); the target is a maximum. */
    private void slowDown(StringBuilder table, String measure, String cached, String baseline, String database,
            String rows, double atMost) {
        Double ours = score(cached, database, rows);
        Double base = baseline == null ? score("FloorBenchmark.lookupAndWalk", null, rows)
                : score(baseline, database, rows);
        if (base == null || ours == null) {
            return;
        }
        double ratio = ours / base;
        row(table, measure, String.format(Locale.ROOT, "%.2f", ratio),
                Double.isNaN(atMost) ? "-" : String.format(Locale.ROOT, "<= %.2f", atMost),
                Double.isNaN(atMost) ? "-" : ratio <= atMost ? "met" : "not met",
                scores(cached, database, rows) + " vs " + (baseline == null
                        ? scores("FloorBenchmark.lookupAndWalk", null, rows) : scores(baseline, database, rows)));
    }

    private static void row(StringBuilder table, String measure, String ratio, String target, String met,
            String scores) {
        table.append("| ").append(measure).append(" | ").append(ratio).append(" | ").append(target).append(" | ")
                .append(met).append(" | ").append(scores).append(" |\n");
    }

    private String scores(String benchmark, String database, String rows) {
        RunResult result = byName.get(key(benchmark, database, rows));
        Result<?> primary = result.getPrimaryResult();
        double error = primary.getScoreError();
        return Double.isNaN(error) ? String.format(Locale.ROOT, "%.3f", primary.getScore())
                : String.format(Locale.ROOT, "%.3f ± %.3f", primary.getScore(), error);
    }

    private Double score(String benchmark, String database, String rows) {
        RunResult result = byName.get(key(benchmark, database, rows));
        return result == null ? null : result.getPrimaryResult().getScore();
    }

    private static String key(String benchmark, String database, String rows) {
        return benchmark + "|" + (database == null ? "" : database) + "|" + (rows == null ? "" : rows);
    }
}
