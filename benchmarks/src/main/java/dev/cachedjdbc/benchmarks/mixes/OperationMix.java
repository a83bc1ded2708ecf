package dev.cachedjdbc.benchmarks.mixes;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Chooses the next operation of a mix in proportion to the operations' weights. Thread-safe: it holds only the
 * cumulative weights, and each call draws from the calling thread's random generator.
 */
final class OperationMix<T extends WeightedOperation> {

    private final List<T> operations;
    private final int[] cumulativeWeights;

    OperationMix(List<T> operations) {
        if (operations.isEmpty()) {
            throw new IllegalArgumentException("A mix needs at least one operation");
        }
        this.operations = List.copyOf(operations);
        cumulativeWeights = new int[operations.size()];
        int sum = 0;
        for (int i = 0; i < operations.size(); i++) {
            int weight = operations.get(i).weight();
            if (weight < 0) {
                throw new IllegalArgumentException("Negative weight of " + operations.get(i));
            }
            sum += weight;
            cumulativeWeights[i] = sum;
        }
        if (sum == 0) {
            throw new IllegalArgumentException("Every operation of the mix has weight 0");
        }
    }

    T next() {
        return choose(ThreadLocalRandom.current().nextInt(totalWeight()));
    }

    /** The operation a draw in [0, total weight) stands for: each owns as many consecutive draws as its weight. */
    T choose(int draw) {
        if (draw < 0 || draw >= totalWeight()) {
            throw new IllegalArgumentException("Draw " + draw + " outside [0, " + totalWeight() + ")");
        }
        int low = 0;
        int high = cumulativeWeights.length - 1;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (draw < cumulativeWeights[middle]) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return operations.get(low);
    }

    int totalWeight() {
        return cumulativeWeights[cumulativeWeights.length - 1];
    }

    /** The share of operations that write, by weight. */
    double writeShare() {
        int writing = 0;
        for (T operation : operations) {
            if (operation.writes()) {
                writing += operation.weight();
            }
        }
        return writing / (double) totalWeight();
    }
}
