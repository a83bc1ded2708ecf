package dev.cachedjdbc.schema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
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

    private static final String ROW_CHANGING_FOREIGN_KEYS = """
            SELECT referenced.TABLE_NAME, referencing.TABLE_NAME
            FROM INFORMATION_SCHEMA.REFERENTIAL_CONSTRAINTS r
            JOIN INFORMATION_SCHEMA.TABLE_CONSTRAINTS referencing
              ON referencing.CONSTRAINT_CATALOG = r.CONSTRAINT_CATALOG
             AND referencing.CONSTRAINT_SCHEMA = r.CONSTRAINT_SCHEMA
             AND referencing.CONSTRAINT_NAME = r.CONSTRAINT_NAME
            JOIN INFORMATION_SCHEMA.TABLE_CONSTRAINTS referenced
              ON referenced.CONSTRAINT_CATALOG = r.UNIQUE_CONSTRAINT_CATALOG
             AND referenced.CONSTRAINT_SCHEMA = r.UNIQUE_CONSTRAINT_SCHEMA
             AND referenced.CONSTRAINT_NAME = r.UNIQUE_CONSTRAINT_NAME
            WHERE r.DELETE_RULE IN ('CASCADE', 'SET NULL', 'SET DEFAULT')
               OR r.UPDATE_RULE IN ('CASCADE', 'SET NULL', 'SET DEFAULT')""";

    private static final String TRIGGERED_RELATIONS = "SELECT DISTINCT EVENT_OBJECT_TABLE FROM INFORMATION_SCHEMA.TRIGGERS";

    private H2Catalog() {
    }

    static void read(Connection connection, Predicate<String> cacheableViewDefinition, CatalogFacts facts)
            throws SQLException {
        Set<String> relationKeys = new HashSet<>();
        Map<String, String> viewDefinitions = new HashMap<>();
        try (Statement statement = connection.createStatement()) {
            try (ResultSet relations = statement.executeQuery(RELATIONS)) {
                while (relations.next()) {
                    String name = relations.getString(1);
                    relationKeys.add(CatalogFacts.key(name));
                    if ("VIEW".equals(relations.getString(2))) {
                        viewDefinitions.put(name, relations.getString(3));
                    }
                }
            }
            try (ResultSet synonyms = statement.executeQuery(SYNONYMS)) {
                while (synonyms.next()) {
                    relationKeys.add(CatalogFacts.key(synonyms.getString(1)));
                    facts.alias(synonyms.getString(1), synonyms.getString(2));
                }
            }
            try (ResultSet foreignKeys = statement.executeQuery(ROW_CHANGING_FOREIGN_KEYS)) {
                while (foreignKeys.next()) {
                    facts.cascade(foreignKeys.getString(1), foreignKeys.getString(2));
                }
            }
            try (ResultSet triggered = statement.executeQuery(TRIGGERED_RELATIONS)) {
                while (triggered.next()) {
                    facts.writeHook(triggered.getString(1));
                }
            }
        }
        viewDefinitions.forEach((view, definition) -> recordView(view, definition, relationKeys, cacheableViewDefinition, facts));
    }

    private static void recordView(String view, String definition, Set<String> relationKeys,
                                   Predicate<String> cacheableViewDefinition, CatalogFacts facts) {
        facts.plainView(view);
        if (!cacheableViewDefinition.test(definition)) {
            facts.uncacheableView(view);
        }
        if (definition == null) {
            return;
        }
        for (String identifier : ViewDefinitionIdentifiers.in(definition)) {
            if (relationKeys.contains(identifier)) {
                facts.plainViewReads(view, identifier);
            }
        }
    }
}
