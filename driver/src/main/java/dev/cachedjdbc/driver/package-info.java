/**
 * The driver's public API, and all an application names: {@link dev.cachedjdbc.driver.CachedJdbcDriver} (found by
 * {@code java.sql.DriverManager} for {@code jdbc:cached:} URLs), {@link dev.cachedjdbc.driver.CachedDataSource},
 * {@link dev.cachedjdbc.driver.CacheControl} (reached with {@code unwrap}), {@link dev.cachedjdbc.driver.CacheProperty}
 * (one documented constant per property) and the JMX view. Everything else of the driver lives in other packages and
 * may change at any time; nothing here exposes their types beyond what these classes return.
 */
package dev.cachedjdbc.driver;
