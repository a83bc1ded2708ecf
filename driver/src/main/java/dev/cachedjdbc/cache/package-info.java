/**
 * The cache core: query results kept in memory, keyed by the caller, and the version counters that keep them
 * from outliving a write, held per table by its {@link dev.cachedjdbc.analysis.TableKey}.
 *
 * <p>{@link dev.cachedjdbc.cache.TableVersions} belongs to one database and is shared by all its caches: readers
 * take a {@link dev.cachedjdbc.cache.VersionStamp} before running a query, writers hold a
 * {@link dev.cachedjdbc.cache.WriteScope} around what they write. {@link dev.cachedjdbc.cache.QueryCache} stores
 * stamped values, serves them only while their stamp is current, and coalesces concurrent loads of one key. Nothing
 * here knows about JDBC: the caller supplies the query as a {@link dev.cachedjdbc.cache.Loader}.
 *
 * <p>{@link dev.cachedjdbc.cache.AdmissionPolicy} decides, per statement, whether capturing and storing its results
 * pays, from what the cache tells it of each entry ({@link dev.cachedjdbc.cache.EntryFates}); it never decides what
 * is served, only what is stored.
 */
package dev.cachedjdbc.cache;
