package dev.cachedjdbc.runtime;

import dev.cachedjdbc.cache.AdmissionPolicy;
import dev.cachedjdbc.cache.QueryCache;
import dev.cachedjdbc.coherence.StalenessGuard;
import dev.cachedjdbc.config.CacheSettings;
import dev.cachedjdbc.config.Coherence;
import dev.cachedjdbc.driver.CacheStatistics;
import dev.cachedjdbc.driver.CacheStatisticsMXBean;
import dev.cachedjdbc.driver.CoherenceStatus;
import dev.cachedjdbc.analysis.SqlAnalyzer;
import dev.cachedjdbc.result.CachedResult;
import dev.cachedjdbc.result.ResultShapes;
import dev.cachedjdbc.statement.CacheKey;

/** One query cache (database + user + settings) together with its JMX view, registered by {@link CacheMBeans}. */
public final class CacheHandle implements CacheStatisticsMXBean {

    private final DatabaseRuntime database;
    private final String user;
    private final CacheSettings settings;
    private final QueryCache<CacheKey, CachedResult> cache;
    /** As many statements' shapes as the analyser keeps statements: beyond that, texts are seldom run again. */
    private final ResultShapes resultShapes = new ResultShapes(SqlAnalyzer.DEFAULT_MAX_CACHED_STATEMENTS);
    private final AdmissionPolicy admission;

    CacheHandle(DatabaseRuntime database, String user, CacheSettings settings, QueryCache<CacheKey, CachedResult> cache,
            AdmissionPolicy admission) {
        this.database = database;
        this.user = user;
        this.settings = settings;
        this.cache = cache;
        this.admission = admission;
    }

    public QueryCache<CacheKey, CachedResult> cache() {
        return cache;
    }

    /** The shape of each statement's last cached result, which the next result of the statement shares. */
    public ResultShapes resultShapes() {
        return resultShapes;
    }

    /** Which statements of this cache are worth capturing; null with {@code cache.admission=false}. */
    public AdmissionPolicy admission() {
        return admission;
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
    public long getRefreshes() {
        return stats().refreshes();
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
    public long getMaxBytes() {
        return stats().maxBytes();
    }

    @Override
    public long getMissesAfterEviction() {
        return stats().missesAfterEviction();
    }

    @Override
    public long getAdmissionBypasses() {
        return stats().admissionBypasses();
    }

    @Override
    public long getLoadsNeverReused() {
        return stats().loadsNeverReused();
    }

    @Override
    public double getHitRatio() {
        CacheStatistics s = stats();
        long lookups = s.hits() + s.misses();
        return lookups == 0 ? 0.0 : (double) s.hits() / lookups;
    }

    /**
     * The coherence of this cache: the feed's mode where its settings resolve to that mode and the database has a
     * feed of it.
     */
    public CoherenceStatus coherence() {
        StalenessGuard guard = database.guard();
        Coherence mode = settings.coherence().on(database.dialect());
        if (!mode.hasFeed() || mode != database.feedMode()) {
            return CoherenceStatus.LOCAL;
        }
        return new CoherenceStatus(mode.toString(), guard.connected(), guard.proofAgeMillis(), guard.suspended(),
                guard.suspendedReads(), guard.suspendedMillis(), guard.invalidationsReceived(),
                guard.announcementsSent(), guard.remoteWritesExpired());
    }

    @Override
    public String getCoherenceMode() {
        return coherence().mode();
    }

    @Override
    public boolean isCoherenceConnected() {
        return coherence().connected();
    }

    @Override
    public long getProofAgeMillis() {
        return coherence().proofAgeMillis();
    }

    @Override
    public boolean isHitsSuspended() {
        return coherence().hitsSuspended();
    }

    @Override
    public long getSuspendedReads() {
        return coherence().suspendedReads();
    }

    @Override
    public long getSuspendedMillis() {
        return coherence().suspendedMillis();
    }

    @Override
    public long getInvalidationsReceived() {
        return coherence().invalidationsReceived();
    }

    @Override
    public long getAnnouncementsSent() {
        return coherence().announcementsSent();
    }

    @Override
    public long getRemoteWritesExpired() {
        return coherence().remoteWritesExpired();
    }

    @Override
    public long getCatalogChangesDetected() {
        return database.catalogChangesDetected();
    }

    @Override
    public long getCatalogChecks() {
        return database.catalogChecks();
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
