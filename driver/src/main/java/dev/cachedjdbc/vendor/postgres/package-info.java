/**
 * PostgreSQL: its {@link dev.cachedjdbc.vendor.postgres.PostgresSupport}, its identity, and its catalog reader
 * (relations, foreign keys, inheritance, views, sequences, row-level security, and users' code by volatility and
 * language).
 *
 * <p>Also what the driver hands out for pgjdbc's own APIs. {@code unwrap(PGConnection.class)} gives a {@link
 * org.postgresql.PGConnection} whose COPY runs through the caching connection's write path, and
 * {@code unwrap(PGStatement.class)} a {@link org.postgresql.PGStatement} that cannot run statements; everything
 * else of pgjdbc that can run statements (its connection and statement classes, the fastpath API) is handed out as it
 * is, and the connection then fails safe. Those classes ({@code PostgresHandOut}, {@code RoutedCopyManager},
 * {@code WriteRoute}) are loaded only where the database's driver is pgjdbc; the rest of the package names no pgjdbc
 * type.
 */
package dev.cachedjdbc.vendor.postgres;
