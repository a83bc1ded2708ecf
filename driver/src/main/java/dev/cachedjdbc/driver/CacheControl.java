package dev.cachedjdbc.driver;

/**
 * The window into the cache behind a connection, reached with {@code connection.unwrap(CacheControl.class)}. The
 * same counters and operations are published over JMX under the domain {@code dev.cachedjdbc}.
 */
public interface CacheControl {

    /** Counters of the cache this connection uses (shared by every connection with the same database, user and settings). */
    CacheStatistics statistics();

    /**
     * Makes every cached result that read this table stale, in every cache of this database in this JVM (on a
     * connection of a {@link CachedDataSource} with caches of its own, in those). For writes made elsewhere (another
     * application, a migration tool). The name is read as the database reads a table name: {@code "a.b"} is the table
     * named a.b, {@code s."Mixed Case"} keeps its case. Qualified names are matched by their last part, so a table of
     * that name in any schema is invalidated; a text that is not one table name invalidates everything.
     */
    void invalidateTable(String tableName);

    /** Makes every cached result of this database stale, in every cache that {@link #invalidateTable} reaches. */
    void invalidateAll();

    /** The identity of the database as the server reports it; connections with equal identities share invalidation. */
    String databaseIdentity();

    /** Why a statement would or would not be served from the cache on this connection, in words. */
    String explain(String sql);

    /**
     * How this connection's cache learns of writes made by other instances and clients ({@code cache.coherence}), and
     * whether it can prove now that it has heard them.
     */
    CoherenceStatus coherence();
}
