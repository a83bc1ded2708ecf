package dev.cachedjdbc.examples.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** The demo's parts in order, with the progress line while they run and the table and chart at the end. */
public final class DemoRun {

    static final double WARM_UP_SECONDS = 1.0;
    static final int STAMPEDE_REQUESTS = 32;
    static final int EXPIRY_ENTRIES = 200;
    private static final double SETUP_SECONDS = 2.0;
    private static final double STAMPEDE_SECONDS = 1.5;

    private final DemoOptions options;
    private final PrintStream out;
    private final boolean terminal;

    public DemoRun(DemoOptions options, PrintStream out, boolean terminal) {
        this.options = options;
        this.out = out;
        this.terminal = terminal;
    }

    /** Runs every part and prints the table; returns what was measured. */
    public DemoResults run() throws SQLException, InterruptedException, IOException {
        DemoShop shop = new DemoShop(options);
        ReadHeavyWorkload workload = new ReadHeavyWorkload(shop, options.threads());
        double planned = SETUP_SECONDS + 2 * (WARM_UP_SECONDS + options.secondsPerRun()) + STAMPEDE_SECONDS
                + ExpirySpread.expectedSeconds();
        DemoResults results;
        try (Progress progress = new Progress(out, terminal, planned)) {
            progress.begin("creating the demo tables on " + describe(), SETUP_SECONDS);
            shop.create();
            String database = shop.databaseName();
            try {
                progress.begin("warming up the plain driver", WARM_UP_SECONDS);
                workload.runPlain(WARM_UP_SECONDS);
                progress.begin("read-heavy workload, plain driver", options.secondsPerRun(), rate(workload::liveOperations));
                WorkloadResult plain = workload.runPlain(options.secondsPerRun());

                progress.begin("warming up the caching driver", WARM_UP_SECONDS);
                workload.runCached(WARM_UP_SECONDS);
                progress.begin("read-heavy workload, caching driver", options.secondsPerRun(),
                        rate(workload::liveOperations));
                WorkloadResult cached = workload.runCached(options.secondsPerRun());

                progress.begin(STAMPEDE_REQUESTS + " requests for one invalidated query", STAMPEDE_SECONDS);
                HotKeyStampede stampede = new HotKeyStampede(shop, STAMPEDE_REQUESTS);
                HotKeyStampede.Outcome stampedePlain = stampede.withPlainDriver();
                HotKeyStampede.Outcome stampedeCached = stampede.withCachingDriver();

                progress.begin("a write, then a read", 0);
                ReadAfterWrite.Outcome readAfterWrite = new ReadAfterWrite(shop).run();

                progress.begin("expiry of " + EXPIRY_ENTRIES + " entries loaded together", ExpirySpread.expectedSeconds());
                ExpirySpread.Outcome expiry = new ExpirySpread(shop, EXPIRY_ENTRIES).run();

                results = new DemoResults(database, options.threads(), options.secondsPerRun(), plain, cached,
                        stampedePlain, stampedeCached, readAfterWrite, expiry);
            } finally {
                shop.drop();
            }
        }
        out.print(TextReport.render(results));
        Path chart = SvgReport.write(results, options.reportDirectory());
        out.println();
        out.println("Chart: " + chart);
        return results;
    }

    private String describe() {
        return options.embedded() ? "embedded H2" : options.plainUrl();
    }

    /** Operations per second since the phase began, for the progress line. */
    private static Supplier<String> rate(LongSupplier operations) {
        long start = System.nanoTime();
        return () -> {
            double seconds = (System.nanoTime() - start) / 1e9;
            return seconds < 0.2 ? "" : String.format(Locale.ROOT, "%,.0f operations/s",
                    operations.getAsLong() / seconds);
        };
    }
}
