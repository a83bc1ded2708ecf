package dev.cachedjdbc.cache;

import java.time.Duration;
import java.util.Objects;

/**
 * How one {@link QueryCache} behaves.
 *
 * @param ttl                 the longest an entry lives, counted from the start of the load that produced it;
 *                            zero caches nothing
 * @param ttlJitter           the fraction in [0, 1] by which an entry's lifetime may fall short of {@code ttl}, so
 *                            that entries loaded together do not all expire together
 * @param maxBytes            the bound on the sum of the entries' estimated sizes
 * @param singleFlightTimeout how long a caller waits for another caller's load of the same key before running
 *                            the query itself; zero never waits
 * @param refreshAhead        whether a hit on an entry near the end of its lifetime may reload it early (see
 *                            {@link EarlyRefresh})
 */
public record QueryCacheSettings(Duration ttl, double ttlJitter, long maxBytes, Duration singleFlightTimeout,
                                 boolean refreshAhead) {

    public QueryCacheSettings {
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(singleFlightTimeout, "singleFlightTimeout");
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("ttl must not be negative: " + ttl);
        }
        if (!(ttlJitter >= 0.0 && ttlJitter <= 1.0)) {
            throw new IllegalArgumentException("ttlJitter must be in [0, 1]: " + ttlJitter);
        }
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must not be negative: " + maxBytes);
        }
        if (singleFlightTimeout.isNegative()) {
            throw new IllegalArgumentException("singleFlightTimeout must not be negative: " + singleFlightTimeout);
        }
    }
}
