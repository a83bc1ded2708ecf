/**
 * What the catalog says about how tables depend on one another ({@link dev.cachedjdbc.schema.SchemaDependencies}),
 * in terms every database shares: each database's {@link dev.cachedjdbc.schema.CatalogReader} (under
 * {@code dev.cachedjdbc.vendor}) reports into {@link dev.cachedjdbc.schema.CatalogFacts}, and the snapshot answers
 * what a write may reach and what a read may not cache. Nothing here knows a particular database.
 *
 * <p>A dependency snapshot describes the schema at the moment it was loaded; the driver must load a new one after a
 * schema change (any DDL it passes, and periodically for changes made by others), and until the first load succeeds
 * it must not trust a snapshot that claims to know the schema. When a load fails, the safe course is to treat every
 * write as reaching unknown tables.
 */
package dev.cachedjdbc.schema;
