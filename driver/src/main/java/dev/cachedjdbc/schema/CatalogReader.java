package dev.cachedjdbc.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Predicate;

/**
 * How one database's catalog is read: each database's support (see {@code dev.cachedjdbc.vendor}) reports what its
 * catalog says into {@link CatalogFacts}, and {@link SchemaDependencies} makes the snapshot the driver consults.
 */
@FunctionalInterface
public interface CatalogReader {

    /**
     * Reports the catalog's facts.
     *
     * @param connection              where to read, already guarded so that a failure leaves the caller's
     *                                transaction usable
     * @param cacheableViewDefinition whether a plain view's defining query may be cached; false for a null text
     * @param facts                   where to report
     */
    void read(Connection connection, Predicate<String> cacheableViewDefinition, CatalogFacts facts)
            throws SQLException;
}
