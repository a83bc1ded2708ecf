/**
 * Pass-through JDBC wrappers: one delegating base class per JDBC interface the driver wraps. They carry no caching
 * logic; they only keep every object the application receives leading back to its wrapper parents (a result set
 * to its wrapping statement, a statement or metadata to its wrapping connection) and answer {@code unwrap} in one
 * place. Wrappers with behaviour extend them and write only the methods that behave differently.
 */
package dev.cachedjdbc.jdbc;
