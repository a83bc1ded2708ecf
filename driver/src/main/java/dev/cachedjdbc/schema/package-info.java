/**
 * What the database itself says, as far as a cache must know: which server a connection reaches
 * ({@link dev.cachedjdbc.schema.DatabaseIdentity}) and how tables depend on one another
 * ({@link dev.cachedjdbc.schema.SchemaDependencies}).
 *
 * <p>Both read the server on the delegate connection. A dependency snapshot describes the schema at the moment
 * it was loaded; the driver must load a new one after a schema change (any DDL it passes, and periodically for
 * changes made by others), and until the first load succeeds it must not trust a snapshot that claims to know
 * the schema. When a load fails, the safe course is to treat every write as reaching unknown tables.
 */
package dev.cachedjdbc.schema;
