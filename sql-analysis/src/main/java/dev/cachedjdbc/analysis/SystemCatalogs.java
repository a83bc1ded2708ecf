package dev.cachedjdbc.analysis;

import java.util.Locale;
import java.util.Set;

/**
 * Which tables are the database's own catalogs. Their contents change without any statement of the application
 * passing through the driver (DDL of other clients, statistics, sessions), so reads of them are never cached.
 */
final class SystemCatalogs {

    private static final Set<String> GENERIC_CATALOG_SCHEMAS =
            Set.of("information_schema", "pg_catalog", "performance_schema", "mysql", "sys");

    private SystemCatalogs() {
    }

    static boolean isSystemCatalog(TableName table, Dialect dialect) {
        String schema = table.schema() == null ? null : table.schema().toLowerCase(Locale.ROOT);
        return switch (dialect) {
            case POSTGRESQL -> "pg_catalog".equals(schema) || "information_schema".equals(schema)
                    || (schema != null && schema.startsWith("pg_toast"))
                    // pg_catalog is searched first whatever the search_path, so an unqualified pg_ name is a catalog.
                    || (schema == null && table.name().toLowerCase(Locale.ROOT).startsWith("pg_"));
            case H2 -> "information_schema".equals(schema);
            case GENERIC -> schema != null && GENERIC_CATALOG_SCHEMAS.contains(schema);
        };
    }
}
