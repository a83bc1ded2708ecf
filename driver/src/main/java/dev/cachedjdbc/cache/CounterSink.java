package dev.cachedjdbc.cache;

/**
 * Where the counters a read stamps or a write opens are handed one by one: the stamp being taken, or the write opening
 * them. An interface of its own rather than a Consumer, so that handing them over allocates no lambda.
 */
interface CounterSink {

    void add(TableCounter counter);
}
