package dev.cachedjdbc.vendor.h2;

import dev.cachedjdbc.analysis.TableKey;
import dev.cachedjdbc.schema.CatalogFacts;
import dev.cachedjdbc.schema.ColumnKind;
import dev.cachedjdbc.schema.RowEvents;
import dev.cachedjdbc.schema.ViewDefinitionIdentifiers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads dependencies from the INFORMATION_SCHEMA of H2 2.x. H2 has no row security and no inheritance, and its
 * views can only be written through INSTEAD OF triggers. It does not record which relations a view uses, so they
 * are found by scanning the stored definition for known relation names (see {@link ViewDefinitionIdentifiers}).
 * A view without a stored definition (a materialized view) is never cached, since what it reads is unknown.
 */
final class H2Catalog {

    private static final String RELATIONS = """
            SELECT t.TABLE_NAME, t.TABLE_TYPE, v.VIEW_DEFINITION
            FROM INFORMATION_SCHEMA.TABLES t
            LEFT JOIN INFORMATION_SCHEMA.VIEWS v
                   ON v.TABLE_CATALOG = t.TABLE_CATALOG
                  AND v.TABLE_SCHEMA = t.TABLE_SCHEMA
                  AND v.TABLE_NAME = t.TABLE_NAME
            WHERE t.TABLE_SCHEMA <> 'INFORMATION_SCHEMA'""";

    private static final String SYNONYMS = "SELECT SYNONYM_NAME, SYNONYM_FOR FROM INFORMATION_SCHEMA.SYNONYMS";

    /**
     * Foreign keys with an action that changes the referencing rows, one row per referenced column (the columns of the
     * unique constraint the key references), with whether that column changes without being assigned: a generated
     * column, or one with an ON UPDATE expression.
     */
    private static final String ROW_CHANGING_FOREIGN_KEYS = """
            SELECT referenced.TABLE_NAME, referencing.TABLE_NAME,
                   r.DELETE_RULE IN ('CASCADE', 'SET NULL', 'SET DEFAULT'),
                   r.UPDATE_RULE IN ('CASCADE', 'SET NULL', 'SET DEFAULT'),
                   rk.COLUMN_NAME,
                   c.IS_GENERATED <> 'NEVER' OR c.COLUMN_ON_UPDATE IS NOT NULL
            FROM INFORMATION_SCHEMA.REFERENTIAL_CONSTRAINTS r
            JOIN INFORMATION_SCHEMA.TABLE_CONSTRAINTS referencing
              ON referencing.CONSTRAINT_CATALOG = r.CONSTRAINT_CATALOG
             AND referencing.CONSTRAINT_SCHEMA = r.CONSTRAINT_SCHEMA
             AND referencing.CONSTRAINT_NAME = r.CONSTRAINT_NAME
            JOIN INFORMATION_SCHEMA.TABLE_CONSTRAINTS referenced
              ON referenced.CONSTRAINT_CATALOG = r.UNIQUE_CONSTRAINT_CATALOG
             AND referenced.CONSTRAINT_SCHEMA = r.UNIQUE_CONSTRAINT_SCHEMA
             AND referenced.CONSTRAINT_NAME = r.UNIQUE_CONSTRAINT_NAME
            LEFT JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE rk
              ON rk.CONSTRAINT_CATALOG = r.UNIQUE_CONSTRAINT_CATALOG
             AND rk.CONSTRAINT_SCHEMA = r.UNIQUE_CONSTRAINT_SCHEMA
             AND rk.CONSTRAINT_NAME = r.UNIQUE_CONSTRAINT_NAME
            LEFT JOIN INFORMATION_SCHEMA.COLUMNS c
              ON c.TABLE_CATALOG = rk.TABLE_CATALOG
             AND c.TABLE_SCHEMA = rk.TABLE_SCHEMA
             AND c.TABLE_NAME = rk.TABLE_NAME
             AND c.COLUMN_NAME = rk.COLUMN_NAME
            WHERE r.DELETE_RULE IN ('CASCADE', 'SET NULL', 'SET DEFAULT')
               OR r.UPDATE_RULE IN ('CASCADE', 'SET NULL', 'SET DEFAULT')""";

    /** One row per trigger and event it runs on (INSERT, UPDATE, DELETE, SELECT, ROLLBACK). */
    private static final String TRIGGERED_RELATIONS =
            "SELECT EVENT_OBJECT_TABLE, EVENT_MANIPULATION FROM INFORMATION_SCHEMA.TRIGGERS";

    /**
     * Primary-key columns with the size of their key, and how many columns of the table share the name in any letter
     * case; a row-key column is the only column of its key, an integer, not generated, with a name of its own. Names
     * are compared as VARCHAR_IGNORECASE rather than through UPPER, which a user's alias may override.
     */
    private static final String PRIMARY_KEY_COLUMNS = """
            SELECT kcu.TABLE_NAME, kcu.COLUMN_NAME, c.DATA_TYPE, c.IS_GENERATED,
                   (SELECT COUNT(*) FROM INFORMATION_SCHEMA.KEY_COLUMN_USAGE other
                    WHERE other.CONSTRAINT_CATALOG = kcu.CONSTRAINT_CATALOG
                      AND other.CONSTRAINT_SCHEMA = kcu.CONSTRAINT_SCHEMA
                      AND other.CONSTRAINT_NAME = kcu.CONSTRAINT_NAME),
                   (SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS same
                    WHERE same.TABLE_CATALOG = c.TABLE_CATALOG AND same.TABLE_SCHEMA = c.TABLE_SCHEMA
                      AND same.TABLE_NAME = c.TABLE_NAME
                      AND CAST(same.COLUMN_NAME AS VARCHAR_IGNORECASE) = c.COLUMN_NAME)
            FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS tc
            JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE kcu
              ON kcu.CONSTRAINT_CATALOG = tc.CONSTRAINT_CATALOG
             AND kcu.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA
             AND kcu.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
            JOIN INFORMATION_SCHEMA.COLUMNS c
              ON c.TABLE_CATALOG = kcu.TABLE_CATALOG
             AND c.TABLE_SCHEMA = kcu.TABLE_SCHEMA
             AND c.TABLE_NAME = kcu.TABLE_NAME
             AND c.COLUMN_NAME = kcu.COLUMN_NAME
            WHERE tc.CONSTRAINT_TYPE = 'PRIMARY KEY'
              AND tc.TABLE_SCHEMA <> 'INFORMATION_SCHEMA'""";

    private static final Set<String> INTEGER_TYPES = Set.of("TINYINT", "SMALLINT", "INTEGER", "BIGINT");

    /**
     * Columns of base tables of the types H2 may compare exactly, with what decides whether it does: character columns
     * compare exactly only without a collation (COLLATION_NAME 'OFF'; a database with SET COLLATION gives every one
     * its collation, and SET IGNORECASE TRUE makes new ones VARCHAR_IGNORECASE, which is not among these types), and
     * no column computed from others or changed by H2 when others are updated (ON UPDATE) is, nor one with a twin
     * name in another letter case.
     */
    private static final String EXACT_COLUMN_CANDIDATES = """
            SELECT c.TABLE_SCHEMA, c.TABLE_NAME, c.COLUMN_NAME, c.DATA_TYPE, c.COLLATION_NAME, c.IS_GENERATED,
                   c.COLUMN_ON_UPDATE,
                   (SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS same
                    WHERE same.TABLE_CATALOG = c.TABLE_CATALOG AND same.TABLE_SCHEMA = c.TABLE_SCHEMA
                      AND same.TABLE_NAME = c.TABLE_NAME
                      AND CAST(same.COLUMN_NAME AS VARCHAR_IGNORECASE) = c.COLUMN_NAME)
            FROM INFORMATION_SCHEMA.COLUMNS c
            JOIN INFORMATION_SCHEMA.TABLES t
              ON t.TABLE_CATALOG = c.TABLE_CATALOG AND t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME
            WHERE t.TABLE_TYPE = 'BASE TABLE'
              AND c.TABLE_SCHEMA <> 'INFORMATION_SCHEMA'
              AND c.DATA_TYPE IN ('TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'UUID', 'DATE', 'CHARACTER VARYING',
                                  'CHARACTER')""";

    private H2Catalog() {
    }

    static void read(Connection connection, Predicate<String> cacheableViewDefinition, CatalogFacts facts)
            throws SQLException {
        Set<TableKey> relationKeys = new HashSet<>();
        Map<String, String> viewDefinitions = new HashMap<>();
        try (Statement statement = connection.createStatement()) {
            try (ResultSet relations = statement.executeQuery(RELATIONS)) {
                while (relations.next()) {
                    String name = relations.getString(1);
                    relationKeys.add(CatalogFacts.key(name));
                    facts.relation(name);
                    if ("VIEW".equals(relations.getString(2))) {
                        viewDefinitions.put(name, relations.getString(3));
                    }
                }
            }
            try (ResultSet synonyms = statement.executeQuery(SYNONYMS)) {
                while (synonyms.next()) {
                    relationKeys.add(CatalogFacts.key(synonyms.getString(1)));
                    facts.relation(synonyms.getString(1));
                    facts.alias(synonyms.getString(1), synonyms.getString(2));
                }
            }
            try (ResultSet foreignKeys = statement.executeQuery(ROW_CHANGING_FOREIGN_KEYS)) {
                while (foreignKeys.next()) {
                    String referencedColumn = foreignKeys.getString(5);
                    // A column not found, or one whose value changes unassigned, lets any update fire the action.
                    boolean changesUnassigned = foreignKeys.getBoolean(6) || foreignKeys.wasNull();
                    facts.cascade(foreignKeys.getString(1), foreignKeys.getString(2), foreignKeys.getBoolean(3),
                            foreignKeys.getBoolean(4),
                            referencedColumn == null || changesUnassigned ? null : List.of(referencedColumn));
                }
            }
            try (ResultSet keys = statement.executeQuery(PRIMARY_KEY_COLUMNS)) {
                while (keys.next()) {
                    boolean onlyColumnOfItsKey = keys.getLong(5) == 1;
                    boolean integer = INTEGER_TYPES.contains(keys.getString(3));
                    boolean stored = "NEVER".equals(keys.getString(4));
                    boolean nameOfItsOwn = keys.getLong(6) == 1;
                    if (onlyColumnOfItsKey && integer && stored && nameOfItsOwn) {
                        facts.rowKeyColumn(keys.getString(1), keys.getString(2));
                    }
                }
            }
            try (ResultSet columns = statement.executeQuery(EXACT_COLUMN_CANDIDATES)) {
                while (columns.next()) {
                    ColumnKind kind = exactKind(columns.getString(4), columns.getString(5));
                    boolean stored = "NEVER".equals(columns.getString(6)) && columns.getString(7) == null;
                    boolean nameOfItsOwn = columns.getLong(8) == 1;
                    if (kind != null && stored && nameOfItsOwn) {
                        facts.exactColumn(columns.getString(1), columns.getString(2), columns.getString(3), kind);
                    }
                }
            }
            try (ResultSet triggered = statement.executeQuery(TRIGGERED_RELATIONS)) {
                while (triggered.next()) {
                    facts.writeHook(triggered.getString(1), triggerEvents(triggered.getString(2)));
                }
            }
        }
        viewDefinitions.forEach((view, definition) -> recordView(view, definition, relationKeys, cacheableViewDefinition, facts));
        H2UserCode.read(connection, viewDefinitions, facts);
    }

    private static void recordView(String view, String definition, Set<TableKey> relationKeys,
                                   Predicate<String> cacheableViewDefinition, CatalogFacts facts) {
        facts.plainView(view);
        if (!cacheableViewDefinition.test(definition)) {
            facts.uncacheableView(view);
        }
        if (definition == null) {
            return;
        }
        for (String identifier : ViewDefinitionIdentifiers.in(definition)) {
            if (relationKeys.contains(TableKey.of(identifier))) {
                facts.plainViewReads(view, identifier);
            }
        }
    }

    /** What a column of this H2 type and collation holds when H2 compares it exactly; null when it may not. */
    static ColumnKind exactKind(String dataType, String collation) {
        if (INTEGER_TYPES.contains(dataType)) {
            return ColumnKind.INTEGER;
        }
        return switch (dataType) {
            case "UUID" -> ColumnKind.UUID;
            case "DATE" -> ColumnKind.DATE;
            case "CHARACTER VARYING", "CHARACTER" -> "OFF".equals(collation) ? ColumnKind.TEXT : null;
            default -> null;
        };
    }

    /**
     * The {@link RowEvents} a trigger of this H2 event runs on; one that is not a row change (SELECT, ROLLBACK) or not
     * known counts for every event, as every trigger did before events were told apart.
     */
    static int triggerEvents(String event) {
        if (event == null) {
            return RowEvents.ANY;
        }
        return switch (event.trim().toUpperCase(Locale.ROOT)) {
            case "INSERT" -> RowEvents.INSERTS;
            case "UPDATE" -> RowEvents.UPDATES;
            case "DELETE" -> RowEvents.DELETES;
            default -> RowEvents.ANY;
        };
    }
}
