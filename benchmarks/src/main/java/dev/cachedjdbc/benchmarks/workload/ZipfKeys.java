package dev.cachedjdbc.benchmarks.workload;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Item keys 1..n drawn with Zipf-skewed popularity: key k is drawn in proportion to 1 / k^s, so a few items are hot
 * and most are cold, as in a shop's catalogue. Thread-safe.
 */
public final class ZipfKeys {

    private final double[] cumulative;

    public ZipfKeys(int items, double exponent) {
        cumulative = new double[items];
        double sum = 0;
        for (int k = 1; k <= items; k++) {
            sum += 1.0 / Math.pow(k, exponent);
            cumulative[k - 1] = sum;
        }
        for (int i = 0; i < items; i++) {
            cumulative[i] /= sum;
        }
    }

    public int next() {
        double draw = ThreadLocalRandom.current().nextDouble();
        int index = Arrays.binarySearch(cumulative, draw);
        return Math.min(index >= 0 ? index : -index - 1, cumulative.length - 1) + 1;
    }

    /** The share of draws that fall on the most popular keys: how hot the hot set is. */
    public double shareOfTop(int keys) {
        return cumulative[Math.min(keys, cumulative.length) - 1];
    }
}
