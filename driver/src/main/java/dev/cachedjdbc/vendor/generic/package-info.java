/**
 * Every database without support of its own: what plain JDBC tells, which is little. Every write invalidates every
 * cached result of the database, no view is cached, and a session change turns caching off for the connection.
 */
package dev.cachedjdbc.vendor.generic;
