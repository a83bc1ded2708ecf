/**
 * Where each database's peculiarities live: {@link dev.cachedjdbc.vendor.DatabaseSupport}, one implementation per
 * database (PostgreSQL, H2, and a generic one for every other), chosen once per database. The rest of the driver asks
 * it instead of testing which database it runs on. It must not hold state of its own: one instance serves every
 * database of its kind.
 */
package dev.cachedjdbc.vendor;
