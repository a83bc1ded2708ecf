/**
 * Where each database's peculiarities live: {@link dev.cachedjdbc.vendor.DatabaseSupport}, one implementation per
 * database in a package of its own ({@code postgres}, {@code h2}, and {@code generic} for every other), chosen once
 * per database. Each holds its identity queries, session probe, transaction probe, quirks and catalog reader; the
 * rest of the driver asks it instead of testing which database it runs on. It must not hold state of its own: one
 * instance serves every database of its kind.
 */
package dev.cachedjdbc.vendor;
