package dev.cachedjdbc.examples.demo;

import java.util.Locale;

/** How the demo writes numbers and times for people. */
final class Figures {

    private Figures() {
    }

    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    static String latency(long nanos) {
        if (nanos < 1_000) {
            return nanos + " ns";
        }
        if (nanos < 1_000_000) {
            return String.format(Locale.ROOT, nanos < 10_000 ? "%.1f µs" : "%.0f µs", nanos / 1e3);
        }
        if (nanos < 1_000_000_000) {
            return String.format(Locale.ROOT, nanos < 10_000_000 ? "%.1f ms" : "%.0f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    /** How a figure compares with the plain driver's, as "6.2× higher" or "11× lower". */
    static String comparison(double caching, double plain) {
        if (caching <= 0 || plain <= 0) {
            return "";
        }
        double factor = caching >= plain ? caching / plain : plain / caching;
        String format = factor < 10 ? "%.1f× %s" : "%.0f× %s";
        return String.format(Locale.ROOT, format, factor, caching >= plain ? "higher" : "lower");
    }
}
