package dev.cachedjdbc.examples.demo;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Draws ranks 1..n with probability proportional to 1 / rank^exponent: a few items are very popular and most are
 * rarely asked for, as product pages, user profiles and configuration rows are in real traffic.
 */
final class ZipfSampler {

    private final double[] cumulative;

    ZipfSampler(int items, double exponent) {
        cumulative = new double[items];
        double total = 0;
        for (int rank = 1; rank <= items; rank++) {
            total += 1.0 / Math.pow(rank, exponent);
            cumulative[rank - 1] = total;
        }
        for (int i = 0; i < items; i++) {
            cumulative[i] /= total;
        }
    }

    /** A rank from 1 (the most popular) to the number of items. */
    int next(RandomGenerator random) {
        int index = Arrays.binarySearch(cumulative, random.nextDouble());
        int slot = index >= 0 ? index : -index - 1;
        return Math.min(slot, cumulative.length - 1) + 1;
    }
}
