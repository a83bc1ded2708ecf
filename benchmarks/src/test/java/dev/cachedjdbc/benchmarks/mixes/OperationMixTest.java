package dev.cachedjdbc.benchmarks.mixes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperationMixTest {

    enum Operation implements WeightedOperation {
        READ(7, false),
        NEVER(0, false),
        WRITE(3, true);

        private final int weight;
        private final boolean writes;

        Operation(int weight, boolean writes) {
            this.weight = weight;
            this.writes = writes;
        }

        @Override
        public int weight() {
            return weight;
        }

        @Override
        public boolean writes() {
            return writes;
        }
    }

    private final OperationMix<Operation> mix = new OperationMix<>(List.of(Operation.values()));

    @Test
    void eachOperationOwnsAsManyDrawsAsItsWeight() {
        Map<Operation, Integer> draws = new EnumMap<>(Operation.class);
        List<Operation> inOrder = new ArrayList<>();
        for (int draw = 0; draw < mix.totalWeight(); draw++) {
            Operation chosen = mix.choose(draw);
            draws.merge(chosen, 1, Integer::sum);
            inOrder.add(chosen);
        }
        assertThat(mix.totalWeight()).isEqualTo(10);
        assertThat(draws).containsEntry(Operation.READ, 7).containsEntry(Operation.WRITE, 3)
                .doesNotContainKey(Operation.NEVER);
        assertThat(inOrder.subList(0, 7)).containsOnly(Operation.READ);
    }

    @Test
    void theWriteShareIsTheWritesWeightOverTheTotal() {
        assertThat(mix.writeShare()).isEqualTo(0.3);
    }

    @Test
    void drawsOutsideTheWeightsAreRejected() {
        assertThatThrownBy(() -> mix.choose(10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mix.choose(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMixWithoutWeightIsRejected() {
        assertThatThrownBy(() -> new OperationMix<>(List.of(Operation.NEVER)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theMixesHaveTheWriteSharesOfTheWorkloadsTheyImitate() {
        assertThat(new TimelineMix().writeShare()).isEqualTo(0.01);
        assertThat(new KeyValueMix().writeShare()).isEqualTo(0.05);
        assertThat(new WikiMix().writeShare()).isEqualTo(0.08);
        assertThat(new ReviewsMix().writeShare()).isEqualTo(0.5);
    }
}
