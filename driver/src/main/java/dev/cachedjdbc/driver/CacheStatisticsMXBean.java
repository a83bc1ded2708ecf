package dev.cachedjdbc.driver;

/** One query cache over JMX: its counters, and invalidation by hand. */
public interface CacheStatisticsMXBean {
    String getDatabaseIdentity();

    String getUser();

    long getHits();

    long getMisses();

    long getLoads();

    long getLoadFailures();

    long getCoalescedWaits();

    /** Entries reloaded early by one caller while the others kept hitting them: see {@link CacheStatistics}. */
    long getRefreshes();

    long getInvalidations();

    long getEvictions();

    long getEntries();

    /** The sum of the held entries' estimated sizes, which {@link #getMaxBytes()} bounds. */
    long getEstimatedBytes();

    /** {@code cache.maxBytes}: the bound on {@link #getEstimatedBytes()}. */
    long getMaxBytes();

    /**
     * Misses whose key the size bound had evicted lately while its entry could still have been served: what a larger
     * {@code cache.maxBytes} would probably have answered (see {@link CacheStatistics#missesAfterEviction()}).
     */
    long getMissesAfterEviction();

    /** Loads run without capture because caching their statement does not pay now ({@code cache.admission}). */
    long getAdmissionBypasses();

    /** Stored results that left the cache (invalidated, expired, evicted or replaced) before anyone read them. */
    long getLoadsNeverReused();

    double getHitRatio();

    /** {@code local} or {@code notify}: see {@link CoherenceStatus}. */
    String getCoherenceMode();

    boolean isCoherenceConnected();

    /** How long ago the last heartbeat heard back was sent; -1 before the first or with {@code local}. */
    long getProofAgeMillis();

    boolean isHitsSuspended();

    long getSuspendedReads();

    long getSuspendedMillis();

    long getInvalidationsReceived();

    long getAnnouncementsSent();

    /** Other instances' writes opened before their commit and released without their closing: see {@link CoherenceStatus}. */
    long getRemoteWritesExpired();

    /**
     * How many times DDL run elsewhere (not through this driver) was noticed in this cache's database; each time,
     * every cached result of the database was invalidated.
     */
    long getCatalogChangesDetected();

    /**
     * How many times this cache's database was checked for DDL run elsewhere: at most once per two seconds, on the
     * change feed's thread where there is one, else by a statement of the application's.
     */
    long getCatalogChecks();

    /** Makes every cached result that read this table stale, in every cache of this database. */
    void invalidateTable(String tableName);

    /** Makes every cached result of this database stale. */
    void invalidateAll();
}
