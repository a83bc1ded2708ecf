package dev.cachedjdbc.benchmarks.mixes;

/** One kind of operation of a mix: how often it is chosen relative to the others, and whether it writes. */
interface WeightedOperation {

    /** Relative frequency: an operation of weight 20 is chosen twice as often as one of weight 10. */
    int weight();

    boolean writes();
}
