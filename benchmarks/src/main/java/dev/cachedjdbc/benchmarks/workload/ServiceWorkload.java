package dev.cachedjdbc.benchmarks.workload;

import dev.cachedjdbc.benchmarks.BenchmarkDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A read-heavy service on PostgreSQL through a HikariCP pool, run through the plain and then the caching driver at
 * 95% and at 80% reads (and, as the ceiling, 100%), with the writes updating the catalogue that is read and, in a
 * second scenario, mostly placing orders in another table: throughput, median and 99th percentile latency, hit ratio,
 * statements that reached the database, and stale reads (which must be 0).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.cachedjdbc.benchmarks.workload.ServiceWorkload [readPercent ...]</pre>
 *
 * Settings: system properties {@code workload.threads} (16), {@code workload.poolSize} (8), {@code workload.items}
 * (10000), {@code workload.zipfExponent} (1.0), {@code workload.warmUpSeconds} (5), {@code workload.seconds} (20),
 * {@code workload.writeTargets} (catalogue,orders). {@code -Dworkload.writesBypassCache=true} sends the catalogue
 * updates of the cached runs through the plain driver, which the cache cannot see: the stale-read count must then
 * be above 0, which shows that the check can fail.
 */
public final class ServiceWorkload {

    private ServiceWorkload() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> mixes = new ArrayList<>();
        for (String arg : args) {
            mixes.add(Integer.parseInt(arg));
        }
        if (mixes.isEmpty()) {
            mixes = List.of(95, 80, 100);
        }
        WorkloadSettings settings = WorkloadSettings.fromSystemProperties();
        System.out.println(run(mixes, settings));
    }

    static String run(List<Integer> readPercents, WorkloadSettings settings) throws Exception {
        BenchmarkDatabase database = BenchmarkDatabase.named("postgresql", "60s");
        ZipfKeys keys = new ZipfKeys(settings.items(), settings.zipfExponent());
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "Service workload on PostgreSQL: %d threads, HikariCP pool of %d, %d items, Zipf exponent %.2f"
                        + " (top 100 items take %.0f%% of requests), %ds measured after %ds warm-up, cache.ttl=60s%n",
                settings.threads(), settings.poolSize(), settings.items(), settings.zipfExponent(),
                100 * keys.shareOfTop(100), settings.seconds(), settings.warmUpSeconds()));
        report.append(WorkloadResult.header()).append('\n');
        List<WorkloadRun.WriteTarget> targets = new ArrayList<>();
        for (String target : System.getProperty("workload.writeTargets", "catalogue,orders").split(",")) {
            targets.add(WorkloadRun.WriteTarget.valueOf(target.trim().toUpperCase(Locale.ROOT)));
        }
        for (WorkloadRun.WriteTarget target : targets) {
            for (int readPercent : readPercents) {
                if (readPercent == 100 && target != targets.get(0)) {
                    continue; // without writes, where they would go makes no difference
                }
                WorkloadResult plain = new WorkloadRun(database, false, readPercent, target, settings).run();
                report.append(plain.line()).append('\n');
                WorkloadResult cached = new WorkloadRun(database, true, readPercent, target, settings).run();
                report.append(cached.line()).append('\n');
                report.append(String.format(Locale.ROOT, "cached/plain throughput %.2fx%n",
                        cached.operationsPerSecond() / plain.operationsPerSecond()));
            }
        }
        return report.toString();
    }
}
