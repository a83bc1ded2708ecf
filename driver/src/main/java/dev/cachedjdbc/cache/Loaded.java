package dev.cachedjdbc.cache;

/**
 * What one run of a query produced.
 *
 * @param shareable the value to cache and hand to waiting callers; null when the result must not be cached
 * @param result    what the caller that ran the query gets
 */
public record Loaded<V, R>(V shareable, R result) {
}
