package dev.cachedjdbc.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the driver's JMH benchmarks with the allocation profiler, then the main ratios again in alternating blocks
 * ({@link PairedRatios}), then the stampede measurement, and prints the ratios against their targets as Markdown
 * tables. JMH options given on the command line (-f, -wi, -w, -i, -r, a
 * benchmark pattern) apply; the JSON results and the table are written to the directory named by
 * {@code -Dsuite.output} (default {@code benchmarks/results}).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.cachedjdbc.benchmarks.Suite -f 1 -wi 3 -w 1s -i 5 -r 1s</pre>
 */
public final class Suite {

    private static final String DRIVER_BENCHMARKS =
            "dev\\.cachedjdbc\\.benchmarks\\.(HitPath|Floor|MissPath|WritePath|FirstSight)Benchmark\\.";

    private Suite() {
    }

    public static void main(String[] args) throws Exception {
        Path output = Path.of(System.getProperty("suite.output", "benchmarks/results"));
        Files.createDirectories(output);
        CommandLineOptions given = new CommandLineOptions(args);
        OptionsBuilder builder = new OptionsBuilder();
        builder.parent(given);
        if (given.getIncludes().isEmpty()) {
            builder.include(DRIVER_BENCHMARKS);
        }
        Options options = builder
                .addProfiler(GCProfiler.class)
                .resultFormat(ResultFormatType.JSON)
                .result(output.resolve("jmh.json").toString())
                .build();
        Collection<RunResult> results = new Runner(options).run();

        List<PairedRatios.Outcome> paired = new ArrayList<>();
        if (!Boolean.getBoolean("suite.skipPaired")) {
            for (String database : List.of("postgresql", "h2")) {
                paired.addAll(PairedRatios.measure(BenchmarkDatabase.named(database)));
            }
        }

        List<StampedeMeasurement.Outcome> stampedes = new ArrayList<>();
        if (!Boolean.getBoolean("suite.skipStampede")) {
            for (String database : List.of("h2", "postgresql")) {
                stampedes.addAll(StampedeMeasurement.measure(BenchmarkDatabase.named(database)));
            }
        }

        String report = "JMH (each benchmark in its own run, one after the other):\n\n"
                + new RatioReport(results).markdown(stampedes)
                + "\nAlternating blocks (PairedRatios):\n\n" + PairedRatios.report(paired)
                + "\nStampedes:\n\n" + StampedeMeasurement.report(stampedes);
        Files.writeString(output.resolve("summary.md"), report);
        System.out.println();
        System.out.println(report);
    }
}
