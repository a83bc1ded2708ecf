/**
 * The caching connection and the parts that decide for it. {@link dev.cachedjdbc.connection.CachingConnection} is a
 * thin JDBC face: reads are planned by the {@link dev.cachedjdbc.connection.ReadPlanner}, the open transaction and
 * its writes are kept by the {@link dev.cachedjdbc.connection.TransactionTracker}, the session text that is part of
 * every key by the {@link dev.cachedjdbc.connection.SessionState}, and whether the connection still lives by the
 * {@link dev.cachedjdbc.connection.ConnectionLiveness}. Statements are made here and run in {@code statement}; what a
 * database does differently is asked of its {@code vendor} support, never tested here.
 */
package dev.cachedjdbc.connection;
