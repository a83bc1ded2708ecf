package dev.cachedjdbc.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ZipfSamplerTest {

    @Test
    void ranksAreDrawnInProportionToOneOverRank() {
        int items = 1_000;
        ZipfSampler sampler = new ZipfSampler(items, 1.0);
        SplittableRandom random = new SplittableRandom(7);
        int[] drawn = new int[items + 1];
        int draws = 200_000;
        for (int i = 0; i < draws; i++) {
            int rank = sampler.next(random);
            assertThat(rank).isBetween(1, items);
            drawn[rank]++;
        }
        double harmonic = 0;
        for (int rank = 1; rank <= items; rank++) {
            harmonic += 1.0 / rank;
        }
        assertThat(drawn[1] / (double) draws).isCloseTo(1 / harmonic, within(0.01));
        assertThat(drawn[2] / (double) draws).isCloseTo(0.5 / harmonic, within(0.01));
        assertThat(drawn[1]).isGreaterThan(drawn[10]).isGreaterThan(drawn[100]);
    }
}
