/**
 * Materialized query results. {@link dev.cachedjdbc.result.ResultCapture} reads a driver's result set into an
 * immutable {@link dev.cachedjdbc.result.CachedResult} (or, past the row and byte limits, hands back a result set
 * that replays what was read and streams the rest); every hit then reads the shared snapshot through its own
 * {@link dev.cachedjdbc.result.CachedResultSet}, which answers each getter as the producing driver would have.
 */
package dev.cachedjdbc.result;
