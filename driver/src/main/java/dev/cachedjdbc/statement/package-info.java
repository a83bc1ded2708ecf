/**
 * The statement wrappers and what a statement keeps: bound parameters and the key they make, the database driver's
 * statement made only when needed, the result state shared by plain and prepared statements, and the
 * {@link dev.cachedjdbc.statement.CachedQueryRunner} that answers a cacheable query from the cache or loads it. Writes
 * and transaction control go to the connection, which alone decides what they invalidate.
 */
package dev.cachedjdbc.statement;
