package dev.cachedjdbc.benchmarks;

import dev.cachedjdbc.driver.CacheControl;
import dev.cachedjdbc.driver.CacheStatistics;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The cache statistics of a caching connection at one moment, to check after a benchmark that it measured what it
 * says (hits in a hit benchmark, misses in a miss benchmark) rather than to trust it.
 */
public record CacheCounters(long hits, long misses, long loads) {

    public static CacheCounters of(Connection cached) throws SQLException {
        CacheStatistics statistics = cached.unwrap(CacheControl.class).statistics();
        return new CacheCounters(statistics.hits(), statistics.misses(), statistics.loads());
    }

    public CacheCounters since(CacheCounters earlier) {
        return new CacheCounters(hits - earlier.hits, misses - earlier.misses, loads - earlier.loads);
    }
}
