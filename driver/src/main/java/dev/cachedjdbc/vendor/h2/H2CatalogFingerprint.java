package dev.cachedjdbc.vendor.h2;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one-row query whose result changes whenever anything {@link H2Catalog} and {@link H2UserCode} read changes:
 * per INFORMATION_SCHEMA table they read, a SHA-256 hash of the columns they use, row after row. H2 2.x keeps a
 * counter of schema changes (Database.getModificationMetaId) but shows it nowhere a query can read, and it does not
 * move when a column's or a domain's default, ON UPDATE or NOT NULL changes; its schema objects have no version a
 * query can see. So the fingerprint is made from the definitions themselves. Rows are taken in the order H2 lists them,
 * which holds while the schema does not change; DDL may reorder them, which only adds to what it changed.
 *
 * <p>Left out: what changes with the data rather than the schema (a table's LAST_MODIFICATION and
 * ROW_COUNT_ESTIMATE, an identity's next value, sequences), and local temporary tables, which belong to one session:
 * the fingerprint must be the same whichever connection reads it, and a session of this driver creates its own
 * through the driver, which reads the catalog again after any DDL. H2 computes its
 * INFORMATION_SCHEMA tables when they are read, so the query costs about what listing the schema costs (H2 reuses
 * the last result of the query while nothing at all was written).
 */
final class H2CatalogFingerprint {

    /**
     * The tables every session sees, by schema and name. H2 shows some objects of other sessions' local temporary
     * tables (their triggers) to every session, and all of them to the session that holds them: only what belongs
     * to these tables counts.
     */
    private static final String SHARED_TABLES = """
            (SELECT TABLE_SCHEMA, TABLE_NAME FROM INFORMATION_SCHEMA.TABLES
             WHERE TABLE_SCHEMA <> 'INFORMATION_SCHEMA' AND TABLE_TYPE <> 'LOCAL TEMPORARY')""";

    private static final String OF_A_SHARED_TABLE = "(TABLE_SCHEMA, TABLE_NAME) IN " + SHARED_TABLES;

    /** Constraints of the tables left out, by schema and name. */
    private static final String NOT_OF_ANOTHER_TABLE = "(CONSTRAINT_SCHEMA, CONSTRAINT_NAME) NOT IN (SELECT"
            + " CONSTRAINT_SCHEMA, CONSTRAINT_NAME FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS WHERE (TABLE_SCHEMA,"
            + " TABLE_NAME) NOT IN " + SHARED_TABLES + ")";

    private record Watched(String table, String columns, String condition) {
    }

    private static final List<Watched> WATCHED = List.of(
            new Watched("TABLES", "TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE",
                    "TABLE_SCHEMA <> 'INFORMATION_SCHEMA' AND TABLE_TYPE <> 'LOCAL TEMPORARY'"),
            new Watched("VIEWS", "TABLE_SCHEMA, TABLE_NAME, VIEW_DEFINITION", "TABLE_SCHEMA <> 'INFORMATION_SCHEMA'"),
            new Watched("SYNONYMS", "SYNONYM_SCHEMA, SYNONYM_NAME, SYNONYM_FOR_SCHEMA, SYNONYM_FOR", null),
            new Watched("COLUMNS", "TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, DATA_TYPE, DOMAIN_SCHEMA, DOMAIN_NAME,"
                    + " COLUMN_DEFAULT, IS_GENERATED, GENERATION_EXPRESSION, COLUMN_ON_UPDATE", OF_A_SHARED_TABLE),
            new Watched("TABLE_CONSTRAINTS", "CONSTRAINT_SCHEMA, CONSTRAINT_NAME, CONSTRAINT_TYPE, TABLE_SCHEMA,"
                    + " TABLE_NAME", OF_A_SHARED_TABLE),
            new Watched("KEY_COLUMN_USAGE", "CONSTRAINT_SCHEMA, CONSTRAINT_NAME, TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME,"
                    + " ORDINAL_POSITION", OF_A_SHARED_TABLE),
            new Watched("REFERENTIAL_CONSTRAINTS", "CONSTRAINT_SCHEMA, CONSTRAINT_NAME, UNIQUE_CONSTRAINT_SCHEMA,"
                    + " UNIQUE_CONSTRAINT_NAME, UPDATE_RULE, DELETE_RULE", NOT_OF_ANOTHER_TABLE),
            new Watched("CHECK_CONSTRAINTS", "CONSTRAINT_SCHEMA, CONSTRAINT_NAME, CHECK_CLAUSE", NOT_OF_ANOTHER_TABLE),
            new Watched("TRIGGERS", "TRIGGER_SCHEMA, TRIGGER_NAME, EVENT_MANIPULATION, EVENT_OBJECT_SCHEMA,"
                    + " EVENT_OBJECT_TABLE, JAVA_CLASS", "(EVENT_OBJECT_SCHEMA, EVENT_OBJECT_TABLE) IN " + SHARED_TABLES),
            new Watched("ROUTINES", "ROUTINE_SCHEMA, ROUTINE_NAME, ROUTINE_TYPE, SPECIFIC_NAME, EXTERNAL_NAME,"
                    + " ROUTINE_DEFINITION", "ROUTINE_SCHEMA <> 'INFORMATION_SCHEMA'"),
            new Watched("DOMAINS", "DOMAIN_SCHEMA, DOMAIN_NAME, DATA_TYPE, DOMAIN_DEFAULT, DOMAIN_ON_UPDATE,"
                    + " PARENT_DOMAIN_SCHEMA, PARENT_DOMAIN_NAME", null),
            new Watched("DOMAIN_CONSTRAINTS", "CONSTRAINT_SCHEMA, CONSTRAINT_NAME, DOMAIN_SCHEMA, DOMAIN_NAME", null));

    /** Between the values of a row, between rows, and in place of a null: characters no name or definition holds. */
    private static final String VALUE_SEPARATOR = "CHAR(31)";
    private static final String ROW_SEPARATOR = "CHAR(30)";
    private static final String NULL_VALUE = "CHAR(29)";

    static final String QUERY = "SELECT\n" + WATCHED.stream()
            .map(watched -> "    (SELECT HASH('SHA-256', LISTAGG(" + row(watched.columns()) + ", " + ROW_SEPARATOR
                    + ")) FROM INFORMATION_SCHEMA." + watched.table()
                    + (watched.condition() == null ? "" : " WHERE " + watched.condition()) + ")")
            .collect(Collectors.joining(",\n"));

    /** The columns' values as one string, each null told apart from any text. */
    private static String row(String columns) {
        return "CONCAT_WS(" + VALUE_SEPARATOR + ", " + Arrays.stream(columns.split(","))
                .map(column -> "COALESCE(CAST(" + column.strip() + " AS VARCHAR), " + NULL_VALUE + ")")
                .collect(Collectors.joining(", ")) + ")";
    }

    private H2CatalogFingerprint() {
    }
}
