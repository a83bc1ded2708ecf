package dev.cachedjdbc.examples.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The demo's results as one SVG picture in four panels: throughput, the latency distribution, the stampede and the
 * expiry spread. Hand-written SVG, so that the demo needs no charting library.
 */
final class SvgReport {

    private static final int PANEL_WIDTH = 520;
    private static final int PANEL_HEIGHT = 330;
    private static final String PLAIN_COLOUR = "#9aa5b1";
    private static final String CACHED_COLOUR = "#2f7ed8";
    /** Latency bins: eight per decade from 100 ns (a hit can take less than a microsecond) to 1 s. */
    private static final int BINS_PER_DECADE = 8;
    private static final double FIRST_BIN_NANOS = 100;
    private static final int LATENCY_BINS = 7 * BINS_PER_DECADE;

    private final StringBuilder svg = new StringBuilder();

    private SvgReport() {
    }

    static Path write(DemoResults results, Path directory) throws IOException {
        SvgReport report = new SvgReport();
        String text = report.render(results);
        Files.createDirectories(directory);
        Path file = directory.resolve("demo-report.svg");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file.toAbsolutePath().normalize();
    }

    private String render(DemoResults results) {
        int width = 2 * PANEL_WIDTH;
        int height = 2 * PANEL_HEIGHT + 50;
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", width, height, width, height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        text(20, 30, "cached-jdbc demo on " + results.database() + ": " + results.threads() + " threads, "
                + results.secondsPerRun() + " s per run", "start", 16, "bold");
        legend(width - 300, 24);
        throughput(0, 50, results.plain(), results.cached());
        latencies(PANEL_WIDTH, 50, results.plain(), results.cached());
        stampede(0, 50 + PANEL_HEIGHT, results.stampedePlain(), results.stampedeCached());
        expiry(PANEL_WIDTH, 50 + PANEL_HEIGHT, results.expiry());
        svg.append("</svg>\n");
        return svg.toString();
    }

    private void legend(int x, int y) {
        rect(x, y - 10, 12, 12, PLAIN_COLOUR);
        text(x + 18, y, "plain driver", "start", 12, "normal");
        rect(x + 120, y - 10, 12, 12, CACHED_COLOUR);
        text(x + 138, y, "caching driver", "start", 12, "normal");
    }

    private void throughput(int x, int y, WorkloadResult plain, WorkloadResult cached) {
        title(x, y, "Throughput, read-heavy workload (operations/s)");
        double top = Math.max(plain.operationsPerSecond(), cached.operationsPerSecond());
        int chartBottom = y + PANEL_HEIGHT - 40;
        int chartHeight = PANEL_HEIGHT - 100;
        verticalBar(x + 140, chartBottom, chartHeight, plain.operationsPerSecond() / top, PLAIN_COLOUR,
                Figures.count(Math.round(plain.operationsPerSecond())), "plain driver");
        verticalBar(x + 300, chartBottom, chartHeight, cached.operationsPerSecond() / top, CACHED_COLOUR,
                Figures.count(Math.round(cached.operationsPerSecond())), "caching driver");
        axis(x + 100, chartBottom, x + 440);
    }

    private void latencies(int x, int y, WorkloadResult plain, WorkloadResult cached) {
        title(x, y, "Latency per operation (share of operations)");
        int left = x + 50;
        int right = x + PANEL_WIDTH - 20;
        int chartBottom = y + PANEL_HEIGHT - 40;
        int chartHeight = PANEL_HEIGHT - 90;
        double[] plainShares = shares(plain.latencies());
        double[] cachedShares = shares(cached.latencies());
        double top = 0;
        for (int i = 0; i < LATENCY_BINS; i++) {
            top = Math.max(top, Math.max(plainShares[i], cachedShares[i]));
        }
        double binWidth = (double) (right - left) / LATENCY_BINS;
        for (int i = 0; i < LATENCY_BINS; i++) {
            histogramBar(left + i * binWidth, chartBottom, binWidth, chartHeight * plainShares[i] / top, PLAIN_COLOUR);
        }
        // Drawn over the plain driver's bars, see-through, so that both shapes stay visible where they overlap.
        svg.append("<g fill-opacity=\"0.75\">\n");
        for (int i = 0; i < LATENCY_BINS; i++) {
            histogramBar(left + i * binWidth, chartBottom, binWidth, chartHeight * cachedShares[i] / top, CACHED_COLOUR);
        }
        svg.append("</g>\n");
        axis(left, chartBottom, right);
        String[] decades = {"100 ns", "1 µs", "10 µs", "100 µs", "1 ms", "10 ms", "100 ms", "1 s"};
        for (int decade = 0; decade < decades.length; decade++) {
            double tick = left + decade * BINS_PER_DECADE * binWidth;
            line(tick, chartBottom, tick, chartBottom + 5);
            text(tick, chartBottom + 18, decades[decade], "middle", 11, "normal");
        }
        text(left - 6, chartBottom - chartHeight + 4, percent(top), "end", 11, "normal");
        text(left - 6, chartBottom, "0%", "end", 11, "normal");
        text(right, y + 40, "plain / caching: p50 " + Figures.latency(plain.p50Nanos()) + " / "
                + Figures.latency(cached.p50Nanos()) + ",  p99 " + Figures.latency(plain.p99Nanos()) + " / "
                + Figures.latency(cached.p99Nanos()), "end", 11, "normal");
    }

    private void stampede(int x, int y, HotKeyStampede.Outcome plain, HotKeyStampede.Outcome cached) {
        title(x, y, plain.requests() + " requests for one invalidated query: queries run on the database");
        double top = Math.max(1, Math.max(plain.databaseExecutions(), cached.databaseExecutions()));
        int chartBottom = y + PANEL_HEIGHT - 40;
        int chartHeight = PANEL_HEIGHT - 100;
        verticalBar(x + 140, chartBottom, chartHeight, plain.databaseExecutions() / top, PLAIN_COLOUR,
                Figures.count(plain.databaseExecutions()), "plain driver");
        verticalBar(x + 300, chartBottom, chartHeight, cached.databaseExecutions() / top, CACHED_COLOUR,
                Figures.count(cached.databaseExecutions()), "caching driver");
        axis(x + 100, chartBottom, x + 440);
    }

    private void expiry(int x, int y, ExpirySpread.Outcome outcome) {
        title(x, y, "Expiry of " + outcome.entries() + " entries loaded together (ttl "
                + ExpiryBins.seconds(outcome.ttl()) + ", jitter " + outcome.jitter() + ")");
        ExpiryBins bins = ExpiryBins.of(outcome);
        int left = x + 50;
        int right = x + PANEL_WIDTH - 20;
        int chartBottom = y + PANEL_HEIGHT - 40;
        int chartHeight = PANEL_HEIGHT - 90;
        int binCount = Math.max(1, bins.intervals().size());
        double binWidth = (double) (right - left) / binCount;
        // Headroom above the tallest bar for its count.
        double top = Math.max(1, bins.largest() * 1.15);
        for (int i = 0; i < bins.intervals().size(); i++) {
            ExpiryBins.Interval interval = bins.intervals().get(i);
            double height = chartHeight * interval.expired() / top;
            histogramBar(left + i * binWidth + 2, chartBottom, binWidth - 4, height, CACHED_COLOUR);
            text(left + (i + 0.5) * binWidth, chartBottom - height - 4, Integer.toString(interval.expired()),
                    "middle", 10, "normal");
            if (i % 2 == 0) {
                text(left + i * binWidth, chartBottom + 18,
                        String.format(Locale.ROOT, "%.1f s", interval.fromNanos() / 1e9), "middle", 11, "normal");
            }
        }
        axis(left, chartBottom, right);
        text(right, y + 40, "entries expired per " + outcome.sampleEvery().toMillis()
                + " ms since loading began; without jitter: all " + outcome.entries() + " at once", "end", 11, "normal");
    }

    private static double[] shares(LatencyHistogram histogram) {
        double[] shares = new double[LATENCY_BINS];
        double total = Math.max(1, histogram.count());
        for (int i = 0; i < LATENCY_BINS; i++) {
            long from = i == 0 ? 0 : binEdge(i);
            long to = i == LATENCY_BINS - 1 ? Long.MAX_VALUE : binEdge(i + 1);
            shares[i] = histogram.countBetween(from, to) / total;
        }
        return shares;
    }

    private static long binEdge(int bin) {
        return Math.round(FIRST_BIN_NANOS * Math.pow(10, (double) bin / BINS_PER_DECADE));
    }

    private void verticalBar(int x, int bottom, int fullHeight, double share, String colour, String value,
                             String label) {
        double height = Math.max(1, fullHeight * share);
        rect(x, bottom - height, 100, height, colour);
        text(x + 50, bottom - height - 6, value, "middle", 13, "bold");
        text(x + 50, bottom + 18, label, "middle", 12, "normal");
    }

    private void histogramBar(double x, double bottom, double width, double height, String colour) {
        if (height > 0) {
            rect(x, bottom - height, Math.max(1, width), height, colour);
        }
    }

    private void title(int x, int y, String title) {
        text(x + 20, y + 20, title, "start", 13, "bold");
    }

    private void axis(double from, double y, double to) {
        line(from, y, to, y);
    }

    private void rect(double x, double y, double width, double height, String colour) {
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\""
                + " fill=\"%s\"/>%n", x, y, width, height, colour));
    }

    private void line(double x1, double y1, double x2, double y2) {
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\""
                + " stroke=\"#333\"/>%n", x1, y1, x2, y2));
    }

    private void text(double x, double y, String content, String anchor, int size, String weight) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\""
                + " font-weight=\"%s\">%s</text>%n", x, y, anchor, size, weight, escape(content)));
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
