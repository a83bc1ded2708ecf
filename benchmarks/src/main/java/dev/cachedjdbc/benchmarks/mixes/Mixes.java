package dev.cachedjdbc.benchmarks.mixes;

import dev.cachedjdbc.benchmarks.BenchmarkDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The four real mixes (timeline, keyvalue, wiki, reviews) on PostgreSQL, each run through the plain driver and the
 * caching driver at its default settings in alternating order (plain, cached; cached, plain; …), every run in a JVM
 * of its own ({@link MixRun}); prints the Markdown table of {@link MixesReport} and writes it to
 * {@code -Dmixes.output} (default {@code benchmarks/results/mixes.md}).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.cachedjdbc.benchmarks.mixes.Mixes [mix ...]</pre>
 *
 * Settings: {@link MixSettings} as {@code -Dmixes.<name>=…}; {@code -Dmixes.jvmArgs="-Xmx2g"} for the runs' JVMs;
 * {@code -Dmixes.cacheSettings=cache.maxBytes=1GB&cache.coherence=local} to run the caching driver with other
 * settings than its defaults (URL parameters, added to its URL), or {@code -Dmixes.cacheSettings.<driver>=…} to give
 * each of the drivers named by {@code -Dmixes.drivers} settings of its own.
 * To compare driver builds in one run, {@code -Dmixes.drivers=before,after} names the caching drivers and
 * {@code -Dmixes.classpath.<name>} gives each run's class path (this build's benchmark classes first, then the
 * other build's shaded jar); the runs of a pair then go plain, before, after and, in the next pair, after, before,
 * plain. {@code -Dmixes.note} adds a line to the report's heading.
 */
public final class Mixes {

    private Mixes() {
    }

    public static void main(String[] args) throws Exception {
        List<Mix> mixes = new ArrayList<>();
        for (String name : args) {
            mixes.add(Mix.named(name));
        }
        if (mixes.isEmpty()) {
            mixes = Mix.all();
        }
        MixSettings settings = MixSettings.fromSystemProperties();
        List<String> drivers = new ArrayList<>(List.of(MixesReport.PLAIN));
        for (String driver : System.getProperty("mixes.drivers", "cached").split(",")) {
            drivers.add(driver.trim());
        }
        String heading = heading(settings, drivers);
        MixesReport report = new MixesReport(mixes, drivers);
        for (Mix mix : mixes) {
            try (Connection connection = BenchmarkDatabase.postgresqlWithDefaultCacheSettings().plain()) {
                System.err.println(mix.name() + ": " + mix.prepare(connection, settings.scale()));
            }
            for (int pair = 1; pair <= settings.pairs(); pair++) {
                for (String driver : orderInPair(drivers, pair)) {
                    MixRunResult result = runInItsOwnJvm(mix, driver, settings);
                    System.err.printf(Locale.ROOT, "%s pair %d/%d %s: %,.0f ops/s, p50 %.0f us, p99 %.0f us,"
                                    + " %d stale of %d reads checked%n", mix.name(), pair, settings.pairs(), driver,
                            result.operationsPerSecond(), result.p50Micros(), result.p99Micros(),
                            result.staleReads(), result.checkedReads());
                    report.add(result);
                }
            }
        }
        String markdown = heading + "\n" + report.markdown() + footnote(settings);
        Path output = Path.of(System.getProperty("mixes.output", "benchmarks/results/mixes.md"));
        if (output.getParent() != null) {
            Files.createDirectories(output.getParent());
        }
        Files.writeString(output, markdown);
        System.out.println(markdown);
    }

    /** Odd pairs in the given order, even pairs reversed, so that a drift of the machine favours no driver. */
    static List<String> orderInPair(List<String> drivers, int pair) {
        List<String> order = new ArrayList<>(drivers);
        if (pair % 2 == 0) {
            Collections.reverse(order);
        }
        return order;
    }

    private static MixRunResult runInItsOwnJvm(Mix mix, String driver, MixSettings settings) throws Exception {
        String ownClassPath = System.getProperty("java.class.path");
        String classPath = driver.equals(MixesReport.PLAIN) ? ownClassPath
                : System.getProperty("mixes.classpath." + driver, ownClassPath);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String jvmArgs = System.getProperty("mixes.jvmArgs", "").trim();
        if (!jvmArgs.isEmpty()) {
            command.addAll(Arrays.asList(jvmArgs.split("\\s+")));
        }
        command.addAll(Arrays.asList(settings.asSystemPropertyArguments()));
        command.add("-Dmixes.cacheSettings=" + cacheSettings(driver));
        command.addAll(List.of("-cp", classPath, MixRun.class.getName(), mix.name(), driver,
                driver.equals(MixesReport.PLAIN) ? "plain" : "cached"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        MixRunResult result = null;
        List<String> output = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (MixRunResult.isResultLine(line)) {
                    result = MixRunResult.parse(line);
                } else if (!line.startsWith("SLF4J")) {
                    output.add(line);
                }
            }
        }
        int exit = process.waitFor();
        if (exit != 0 || result == null) {
            throw new IllegalStateException("The run of " + mix.name() + " through " + driver + " failed (exit "
                    + exit + "):\n" + String.join("\n", output));
        }
        for (String line : output) {
            System.err.println("  " + line);
        }
        return result;
    }

    /** Settings of the caching driver other than its defaults, as URL parameters; empty by default. */
    private static String cacheSettings() {
        return System.getProperty("mixes.cacheSettings", "").trim();
    }

    /**
     * This caching driver's settings: {@code -Dmixes.cacheSettings.<driver>} where given, so that one run can compare
     * settings side by side ({@code -Dmixes.drivers=local,notify}), else those of every caching driver.
     */
    private static String cacheSettings(String driver) {
        return System.getProperty("mixes.cacheSettings." + driver, cacheSettings()).trim();
    }

    private static String heading(MixSettings settings, List<String> drivers) {
        StringBuilder heading = new StringBuilder(String.format(Locale.ROOT,
                "Real mixes on PostgreSQL, %s: %d client threads on a HikariCP pool of %d; %s of runs of"
                        + " %d s measured after %d s of warm-up, in the order %s, then reversed, every run in its own"
                        + " JVM; the caching driver %s; Zipf exponent %.2f, scale %s."
                        + " System load average at the start: %.2f.%n",
                Instant.now().truncatedTo(ChronoUnit.MINUTES), settings.threads(), settings.poolSize(),
                settings.pairs() == 1 ? "1 pair" : settings.pairs() + " pairs", settings.seconds(),
                settings.warmUpSeconds(), String.join(", ", drivers),
                describeCacheSettings(drivers),
                settings.zipfExponent(), settings.scale(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        if (settings.writesBypassCache()) {
            heading.append("\nNEGATIVE CONTROL (-Dmixes.writesBypassCache=true): the caching runs' writes went through"
                    + " the plain driver, which the cache cannot see; stale reads are expected.\n");
        }
        String note = System.getProperty("mixes.note", "").trim();
        if (!note.isEmpty()) {
            heading.append('\n').append(note).append('\n');
        }
        return heading.toString();
    }

    private static String describeCacheSettings(List<String> drivers) {
        List<String> own = new ArrayList<>();
        for (String driver : drivers) {
            if (!driver.equals(MixesReport.PLAIN) && !cacheSettings(driver).equals(cacheSettings())) {
                own.add(driver + " with " + cacheSettings(driver));
            }
        }
        String common = cacheSettings().isEmpty() ? "at its default settings" : "with " + cacheSettings();
        return own.isEmpty() ? common : common + " (" + String.join("; ", own) + ")";
    }

    private static String footnote(MixSettings settings) {
        return String.format(Locale.ROOT, "%nThroughput and the ratio: median and range over the pairs (%d); the ratio"
                + " is taken within each pair. p50 and p99: medians over the pairs of each run's percentile of"
                + " operation latency (borrow, run, read, commit, return). Hit ratio, loads per 1000 reads (read"
                + " statements the clients ran), coalesced waits and evictions: the caching driver's statistics summed"
                + " over the measured windows. Reads checked and stale reads: over whole runs, warm-up included; a read"
                + " is stale when it returns a row older than a write that committed before the read began."
                + " System load average at the end: %.2f.%n", settings.pairs(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
