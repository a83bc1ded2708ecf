/**
 * What the driver hands out for pgjdbc's own APIs. {@code unwrap(PGConnection.class)} gives a {@link
 * org.postgresql.PGConnection} whose COPY runs through the caching connection's write path, and
 * {@code unwrap(PGStatement.class)} a {@link org.postgresql.PGStatement} that cannot run statements; everything
 * else of pgjdbc that can run statements (its connection and statement classes, the fastpath API) is handed out as it
 * is, and the connection then fails safe. Nothing here is loaded unless the database's driver is pgjdbc.
 */
package dev.cachedjdbc.postgres;
