package dev.cachedjdbc.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/** Caches for tests: upkeep runs on the calling thread, so sizes and counts are exact when a call returns. */
final class TestCaches {

    static final Duration TTL = Duration.ofSeconds(60);

    /**
     * Draws of U that never choose a hit to refresh early (d × β × −ln 1 = 0 is below any time left), for tests of
     * everything else; refresh-ahead itself is on, as the driver builds it.
     */
    static final DoubleSupplier NEVER_REFRESH = () -> 1.0;

    private TestCaches() {
    }

    static QueryCacheSettings settings(Duration ttl, double jitter, long maxBytes, Duration singleFlightTimeout) {
        return new QueryCacheSettings(ttl, jitter, maxBytes, singleFlightTimeout, true);
    }

    /** No jitter, a roomy size bound, and waiters that wait as long as a test may take. */
    static QueryCacheSettings plainSettings() {
        return settings(TTL, 0.0, 1_000_000, Duration.ofMinutes(5));
    }

    static QueryCache<String, String> cache(QueryCacheSettings settings, TableVersions versions, FakeTicker ticker,
                                            DoubleSupplier jitterSource) {
        return new QueryCache<>(settings, versions, String::length, ticker, jitterSource, NEVER_REFRESH);
    }

    static QueryCache<String, String> cache(QueryCacheSettings settings, TableVersions versions) {
        return cache(settings, versions, new FakeTicker(), () -> 0.0);
    }

    /** A cache on the system clock with random jitter, as the driver builds it. */
    static QueryCache<String, String> cacheAsTheDriverBuildsIt(QueryCacheSettings settings, TableVersions versions) {
        return new QueryCache<>(settings, versions, String::length, Ticker.systemTicker(),
                () -> ThreadLocalRandom.current().nextDouble(), () -> 1.0 - ThreadLocalRandom.current().nextDouble());
    }

    /**
     * A cache whose stamps no write ever makes stale, as if it served and stored without looking at them: its
     * versions are its own, and writers bump others. Only to show what the stamps prevent.
     */
    static QueryCache<String, String> cacheIgnoringStamps() {
        return cache(plainSettings(), new TableVersions());
    }
}
