package dev.cachedjdbc.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    /** Buckets are 1/16 of a power of two wide: a percentile is within that share of the exact value. */
    private static final double RESOLUTION = 1.0 / 16;

    @Test
    void percentilesOfAUniformSpreadAreWithinABucketOfTheExactValue() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (long nanos = 1; nanos <= 100_000; nanos++) {
            histogram.record(nanos);
        }
        assertThat((double) histogram.percentileNanos(0.50)).isCloseTo(50_000, within(50_000 * RESOLUTION));
        assertThat((double) histogram.percentileNanos(0.99)).isCloseTo(99_000, within(99_000 * RESOLUTION));
        assertThat(histogram.count()).isEqualTo(100_000);
    }

    @Test
    void smallValuesAreExact() {
        LatencyHistogram histogram = new LatencyHistogram();
        histogram.record(3);
        histogram.record(3);
        histogram.record(9);
        assertThat(histogram.percentileNanos(0.5)).isEqualTo(3);
        assertThat(histogram.percentileNanos(1.0)).isEqualTo(9);
    }

    @Test
    void mergedHistogramsCountEverySampleOfBoth() {
        LatencyHistogram fast = new LatencyHistogram();
        LatencyHistogram slow = new LatencyHistogram();
        for (int i = 0; i < 90; i++) {
            fast.record(2_000);
        }
        for (int i = 0; i < 10; i++) {
            slow.record(5_000_000);
        }
        fast.add(slow);
        assertThat(fast.count()).isEqualTo(100);
        assertThat((double) fast.percentileNanos(0.5)).isCloseTo(2_000, within(2_000 * RESOLUTION));
        assertThat((double) fast.percentileNanos(0.95)).isCloseTo(5_000_000, within(5_000_000 * RESOLUTION));
        assertThat(fast.countBetween(1_000, 10_000)).isEqualTo(90);
        assertThat(fast.countBetween(1_000_000, 10_000_000)).isEqualTo(10);
    }
}
