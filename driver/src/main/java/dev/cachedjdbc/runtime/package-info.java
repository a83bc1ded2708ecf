/**
 * What the connections of one database share, and who owns it. A {@link dev.cachedjdbc.runtime.CacheRuntime} owns the
 * databases it has met, the SQL analysers, the MBeans and the clock; the driver uses one default runtime, and a data
 * source may own one of its own and close it. Per database, {@link dev.cachedjdbc.runtime.DatabaseRuntime} holds the
 * table versions, the caches, the catalog snapshot and the {@link dev.cachedjdbc.runtime.WriteInvalidator}, through
 * which every invalidation of the database enters. Nothing here wraps JDBC objects of the application.
 */
package dev.cachedjdbc.runtime;
