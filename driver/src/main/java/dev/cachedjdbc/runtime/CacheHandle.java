package dev.cachedjdbc.runtime;

import dev.cachedjdbc.cache.QueryCache;
import dev.cachedjdbc.config.CacheSettings;
import dev.cachedjdbc.driver.CacheStatistics;
import dev.cachedjdbc.driver.CacheStatisticsMXBean;
import dev.cachedjdbc.result.CachedResult;
import dev.cachedjdbc.statement.CacheKey;

/** One query cache (database + user + settings) together with its JMX view, registered by {@link CacheMBeans}. */
public final class CacheHandle implements CacheStatisticsMXBean {

    private final DatabaseRuntime database;
    private final String user;
    private final CacheSettings settings;
    private final QueryCache<CacheKey, CachedResult> cache;

    CacheHandle(DatabaseRuntime database, String user, CacheSettings settings, QueryCache<CacheKey, CachedResult> cache) {
        this.database = database;
        this.user = user;
        this.settings = settings;
        this.cache = cache;
    }

    public QueryCache<CacheKey, CachedResult> cache() {
        return cache;
    }

    DatabaseRuntime database() {
        return database;
    }

    public CacheSettings settings() {
        return settings;
    }

    @Override
    public String getDatabaseIdentity() {
        return database.identity();
    }

    @Override
    public String getUser() {
        return user;
    }

    private CacheStatistics stats() {
        return cache.statistics();
    }

    @Override
    public long getHits() {
        return stats().hits();
    }

    @Override
    public long getMisses() {
        return stats().misses();
    }

    @Override
    public long getLoads() {
        return stats().loads();
    }

    @Override
    public long getLoadFailures() {
        return stats().loadFailures();
    }

    @Override
    public long getCoalescedWaits() {
        return stats().coalescedWaits();
    }

    @Override
    public long getInvalidations() {
        return stats().invalidations();
    }

    @Override
    public long getEvictions() {
        return stats().evictions();
    }

    @Override
    public long getEntries() {
        return stats().entries();
    }

    @Override
    public long getEstimatedBytes() {
        return stats().estimatedBytes();
    }

    @Override
    public double getHitRatio() {
        CacheStatistics s = stats();
        long lookups = s.hits() + s.misses();
        return lookups == 0 ? 0.0 : (double) s.hits() / lookups;
    }

    @Override
    public void invalidateTable(String tableName) {
        database.invalidator().invalidateTable(tableName);
    }

    @Override
    public void invalidateAll() {
        database.invalidator().invalidateAll();
    }
}
