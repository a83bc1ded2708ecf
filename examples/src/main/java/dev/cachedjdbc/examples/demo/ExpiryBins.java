package dev.cachedjdbc.examples.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How many entries expired between one sample and the next, from the first interval in which any did to the last:
 * the intervals before and after, where nothing happened, are left out.
 */
record ExpiryBins(List<Interval> intervals) {

    /** Entries that were hits at the sample at {@code fromNanos} and no longer at the one at {@code toNanos}. */
    record Interval(long fromNanos, long toNanos, int expired) {
        String label() {
            // Two decimals: a sample delayed on a busy machine makes intervals of uneven length.
            return String.format(Locale.ROOT, "%.2f–%.2f s", fromNanos / 1e9, toNanos / 1e9);
        }
    }

    static ExpiryBins of(ExpirySpread.Outcome outcome) {
        List<Interval> all = new ArrayList<>();
        List<Long> samples = outcome.sampleNanos();
        List<Integer> remaining = outcome.remaining();
        int before = outcome.entries();
        for (int i = 0; i < samples.size(); i++) {
            long from = i == 0 ? outcome.loadingNanos() : samples.get(i - 1);
            all.add(new Interval(from, samples.get(i), before - remaining.get(i)));
            before = remaining.get(i);
        }
        int first = 0;
        while (first < all.size() && all.get(first).expired() == 0) {
            first++;
        }
        int last = all.size() - 1;
        while (last >= first && all.get(last).expired() == 0) {
            last--;
        }
        return new ExpiryBins(List.copyOf(all.subList(first, last + 1)));
    }

    int largest() {
        return intervals.stream().mapToInt(Interval::expired).max().orElse(0);
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
