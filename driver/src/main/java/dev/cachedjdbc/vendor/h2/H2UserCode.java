package dev.cachedjdbc.vendor.h2;

import dev.cachedjdbc.schema.CatalogFacts;
import dev.cachedjdbc.schema.ViewDefinitionIdentifiers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads where users' code may run on H2 (see {@link UserCode}). Users' code is Java: aliases and aggregates, which
 * may do anything, and which may even take a built-in function's name (BUILTIN_ALIAS_OVERRIDE), and triggers. It
 * runs where a statement names a routine, a domain whose check or default calls one, or a view whose query does;
 * where a write stores into a column whose domain, default, generation or check calls one; and where a statement
 * reads a table with a SELECT trigger. H2 does not record what an expression calls, so expressions are scanned for
 * the routines' names, which can only find too much.
 */
final class H2UserCode {

    private static final String ROUTINES = """
            SELECT ROUTINE_NAME, ROUTINE_TYPE FROM INFORMATION_SCHEMA.ROUTINES
            WHERE ROUTINE_SCHEMA <> 'INFORMATION_SCHEMA'""";

    private static final String SELECT_TRIGGERS = """
            SELECT DISTINCT EVENT_OBJECT_TABLE FROM INFORMATION_SCHEMA.TRIGGERS WHERE EVENT_MANIPULATION = 'SELECT'""";

    private static final String DOMAINS = """
            SELECT d.DOMAIN_NAME, d.PARENT_DOMAIN_NAME, d.DOMAIN_DEFAULT, d.DOMAIN_ON_UPDATE, c.CHECK_CLAUSE
            FROM INFORMATION_SCHEMA.DOMAINS d
            LEFT JOIN INFORMATION_SCHEMA.DOMAIN_CONSTRAINTS dc
                   ON dc.DOMAIN_CATALOG = d.DOMAIN_CATALOG AND dc.DOMAIN_SCHEMA = d.DOMAIN_SCHEMA
                  AND dc.DOMAIN_NAME = d.DOMAIN_NAME
            LEFT JOIN INFORMATION_SCHEMA.CHECK_CONSTRAINTS c
                   ON c.CONSTRAINT_CATALOG = dc.CONSTRAINT_CATALOG AND c.CONSTRAINT_SCHEMA = dc.CONSTRAINT_SCHEMA
                  AND c.CONSTRAINT_NAME = dc.CONSTRAINT_NAME""";

    private static final String COLUMNS = """
            SELECT TABLE_NAME, DOMAIN_NAME, COLUMN_DEFAULT, GENERATION_EXPRESSION, COLUMN_ON_UPDATE
            FROM INFORMATION_SCHEMA.COLUMNS
            WHERE TABLE_SCHEMA <> 'INFORMATION_SCHEMA'""";

    private static final String TABLE_CHECKS = """
            SELECT t.TABLE_NAME, c.CHECK_CLAUSE
            FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS t
            JOIN INFORMATION_SCHEMA.CHECK_CONSTRAINTS c
              ON c.CONSTRAINT_CATALOG = t.CONSTRAINT_CATALOG AND c.CONSTRAINT_SCHEMA = t.CONSTRAINT_SCHEMA
             AND c.CONSTRAINT_NAME = t.CONSTRAINT_NAME
            WHERE t.CONSTRAINT_TYPE = 'CHECK'""";

    private H2UserCode() {
    }

    /** {@code viewDefinitions}: each view's stored query, by view name (null where H2 keeps none). */
    static void read(Connection connection, Map<String, String> viewDefinitions, CatalogFacts facts)
            throws SQLException {
        Set<String> routines = new HashSet<>();
        Set<String> callingNames = new HashSet<>();
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery(ROUTINES)) {
                while (rows.next()) {
                    String name = rows.getString(1);
                    routines.add(CatalogFacts.caseless(name));
                    facts.userCode(name, "AGGREGATE".equals(rows.getString(2)) ? "a user-defined aggregate"
                            : "a user-defined function (an alias)", true);
                }
            }
            try (ResultSet rows = statement.executeQuery(SELECT_TRIGGERS)) {
                while (rows.next()) {
                    facts.readRunsUserCode(rows.getString(1), true);
                }
            }
            if (routines.isEmpty()) {
                return; // checks, defaults and views can reach users' code only through a routine
            }
            callingNames.addAll(routines);
            callingNames.addAll(domainsCallingRoutines(statement, routines, facts));
            try (ResultSet rows = statement.executeQuery(COLUMNS)) {
                while (rows.next()) {
                    String domain = rows.getString(2);
                    if ((domain != null && callingNames.contains(CatalogFacts.caseless(domain)))
                            || mentions(rows.getString(3), routines) || mentions(rows.getString(4), routines)
                            || mentions(rows.getString(5), routines)) {
                        facts.writeHook(rows.getString(1));
                    }
                }
            }
            try (ResultSet rows = statement.executeQuery(TABLE_CHECKS)) {
                while (rows.next()) {
                    if (mentions(rows.getString(2), callingNames)) {
                        facts.writeHook(rows.getString(1));
                    }
                }
            }
        }
        viewDefinitions.forEach((view, definition) -> {
            if (mentions(definition, callingNames)) {
                facts.readRunsUserCode(view, true);
            }
        });
    }

    /** The domains whose check, default or on-update expression calls a routine, or whose parent domain does. */
    private static Set<String> domainsCallingRoutines(Statement statement, Set<String> routines, CatalogFacts facts)
            throws SQLException {
        Map<String, Set<String>> children = new HashMap<>();
        Set<String> calling = new HashSet<>();
        try (ResultSet rows = statement.executeQuery(DOMAINS)) {
            while (rows.next()) {
                String domain = CatalogFacts.caseless(rows.getString(1));
                String parent = rows.getString(2);
                if (parent != null) {
                    children.computeIfAbsent(CatalogFacts.caseless(parent), ignored -> new HashSet<>()).add(domain);
                }
                if (mentions(rows.getString(3), routines) || mentions(rows.getString(4), routines)
                        || mentions(rows.getString(5), routines)) {
                    calling.add(domain);
                }
            }
        }
        Deque<String> pending = new ArrayDeque<>(calling);
        while (!pending.isEmpty()) {
            for (String child : children.getOrDefault(pending.pop(), Set.of())) {
                if (calling.add(child)) {
                    pending.push(child);
                }
            }
        }
        for (String domain : calling) {
            facts.userCode(domain, "a domain whose check or default calls users' code", true);
        }
        return calling;
    }

    private static boolean mentions(String expression, Set<String> names) {
        if (expression == null) {
            return false;
        }
        for (String identifier : ViewDefinitionIdentifiers.in(expression)) {
            if (names.contains(identifier)) {
                return true;
            }
        }
        return false;
    }
}
