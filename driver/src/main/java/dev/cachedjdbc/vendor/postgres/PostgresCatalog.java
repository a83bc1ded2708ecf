package dev.cachedjdbc.vendor.postgres;

import dev.cachedjdbc.schema.CatalogFacts;
import dev.cachedjdbc.schema.ColumnKind;
import dev.cachedjdbc.schema.RowEvents;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reads dependencies from the PostgreSQL system catalogs, which every user may read whatever the object's owner
 * (unlike information_schema, which hides what the user does not own). A fixed number of queries, whatever the
 * schema's size.
 */
final class PostgresCatalog {

    private static final String USER_SCHEMA = """
            n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_toast'""";

    /** Only relations with something to say: views, row security, triggers or non-view rules. */
    private static final String NOTABLE_RELATIONS = """
            SELECT c.relname,
                   c.relkind,
                   c.relrowsecurity,
                   EXISTS (SELECT 1 FROM pg_catalog.pg_rewrite r WHERE r.ev_class = c.oid AND r.rulename <> '_RETURN'),
                   CASE WHEN c.relkind = 'v' THEN pg_catalog.pg_get_viewdef(c.oid) END
            FROM pg_catalog.pg_class c
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
              AND (c.relkind = 'v' OR c.relrowsecurity OR c.relhastriggers OR c.relhasrules)
              AND
            """ + USER_SCHEMA;

    /**
     * Each user trigger on a relation NOTABLE_RELATIONS reads: its type bits, the columns of its UPDATE OF list (null
     * without one) and whether one of them is generated, which changes without being assigned. The generated test is
     * filled in by server version (attgenerated needs PostgreSQL 12).
     */
    private static final String TRIGGERS = """
            SELECT c.relname, t.tgtype,
                   (SELECT pg_catalog.array_agg(a.attname::pg_catalog.text) FROM pg_catalog.pg_attribute a
                    WHERE a.attrelid = t.tgrelid AND a.attnum = ANY (t.tgattr)),
                   EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a
                           WHERE a.attrelid = t.tgrelid AND a.attnum = ANY (t.tgattr) AND %s)
            FROM pg_catalog.pg_trigger t
            JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE NOT t.tgisinternal
              AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
              AND
            """ + USER_SCHEMA;

    /**
     * Sequences, which can be read as relations (SELECT last_value FROM s) and change with every nextval, setval and
     * serial or identity insert, none of which is a write of them in the statement's text.
     */
    private static final String SEQUENCES = """
            SELECT c.relname
            FROM pg_catalog.pg_class c
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind = 'S'
              AND
            """ + USER_SCHEMA;

    /**
     * 'c' cascade, 'n' set null, 'd' set default: the actions that change the referencing rows; with the referenced
     * columns (confkey) and whether one of them is generated (filled in by server version, as for TRIGGERS).
     */
    private static final String ROW_CHANGING_FOREIGN_KEYS = """
            SELECT referenced.relname, referencing.relname,
                   k.confdeltype IN ('c', 'n', 'd'), k.confupdtype IN ('c', 'n', 'd'),
                   (SELECT pg_catalog.array_agg(a.attname::pg_catalog.text) FROM pg_catalog.pg_attribute a
                    WHERE a.attrelid = k.confrelid AND a.attnum = ANY (k.confkey)),
                   EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a
                           WHERE a.attrelid = k.confrelid AND a.attnum = ANY (k.confkey) AND %s)
            FROM pg_catalog.pg_constraint k
            JOIN pg_catalog.pg_class referencing ON referencing.oid = k.conrelid
            JOIN pg_catalog.pg_class referenced ON referenced.oid = k.confrelid
            WHERE k.contype = 'f'
              AND (k.confdeltype IN ('c', 'n', 'd') OR k.confupdtype IN ('c', 'n', 'd'))""";

    /** pg_inherits also links partitioned indexes; only tables matter here. */
    private static final String INHERITANCE = """
            SELECT parent.relname, child.relname
            FROM pg_catalog.pg_inherits i
            JOIN pg_catalog.pg_class parent ON parent.oid = i.inhparent
            JOIN pg_catalog.pg_class child ON child.oid = i.inhrelid
            WHERE child.relkind IN ('r', 'p', 'f')""";

    /** A view's query is its _RETURN rule, which records in pg_depend every relation the query uses. */
    private static final String VIEW_DEPENDENCIES = """
            SELECT DISTINCT v.relname, v.relkind, used.relname
            FROM pg_catalog.pg_rewrite r
            JOIN pg_catalog.pg_class v ON v.oid = r.ev_class
            JOIN pg_catalog.pg_namespace n ON n.oid = v.relnamespace
            JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass
                                       AND d.objid = r.oid
                                       AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
            JOIN pg_catalog.pg_class used ON used.oid = d.refobjid
            WHERE r.rulename = '_RETURN'
              AND v.relkind IN ('v', 'm')
              AND used.oid <> v.oid
              AND used.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
              AND
            """ + USER_SCHEMA;

    /** Every relation a statement can name, so that a row-key column counts only when all of a name's have it. */
    private static final String RELATION_NAMES = """
            SELECT c.relname
            FROM pg_catalog.pg_class c
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
              AND
            """ + USER_SCHEMA;

    /**
     * Ordinary tables whose primary key is one integer column that is not generated, and that have no other column
     * of the same name in another letter case. (pg_index.indnkeyatts needs PostgreSQL 11, attgenerated 12.)
     */
    private static final String ROW_KEY_COLUMNS = """
            SELECT c.relname, a.attname
            FROM pg_catalog.pg_class c
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_catalog.pg_index i ON i.indrelid = c.oid AND i.indisprimary AND i.indnkeyatts = 1
            JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum = i.indkey[0]
            WHERE c.relkind = 'r'
              AND a.atttypid IN ('pg_catalog.int2'::pg_catalog.regtype, 'pg_catalog.int4'::pg_catalog.regtype,
                                 'pg_catalog.int8'::pg_catalog.regtype)
              AND a.attgenerated = ''
              AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute b
                              WHERE b.attrelid = c.oid AND b.attnum > 0 AND NOT b.attisdropped
                                AND b.attnum <> a.attnum AND pg_catalog.lower(b.attname) = pg_catalog.lower(a.attname))
              AND
            """ + USER_SCHEMA;

    /**
     * Columns of ordinary tables whose values PostgreSQL compares exactly: integers, uuids and dates, and character
     * types under a deterministic collation (one that finds strings equal only when they are the same bytes; a
     * case- or accent-insensitive ICU collation is not, nor is citext, whose type is not among these). Columns computed
     * from others and columns with a twin name in another letter case are left out.
     * (pg_collation.collisdeterministic and attgenerated need PostgreSQL 12.)
     */
    private static final String EXACT_COLUMNS = """
            SELECT n.nspname, c.relname, a.attname,
                   CASE WHEN a.atttypid IN ('pg_catalog.int2'::pg_catalog.regtype, 'pg_catalog.int4'::pg_catalog.regtype,
                                            'pg_catalog.int8'::pg_catalog.regtype) THEN 'INTEGER'
                        WHEN a.atttypid = 'pg_catalog.uuid'::pg_catalog.regtype THEN 'UUID'
                        WHEN a.atttypid = 'pg_catalog.date'::pg_catalog.regtype THEN 'DATE'
                        ELSE 'TEXT' END
            FROM pg_catalog.pg_class c
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            LEFT JOIN pg_catalog.pg_collation k ON k.oid = a.attcollation
            WHERE c.relkind = 'r'
              AND a.atttypid IN ('pg_catalog.int2'::pg_catalog.regtype, 'pg_catalog.int4'::pg_catalog.regtype,
                                 'pg_catalog.int8'::pg_catalog.regtype, 'pg_catalog.uuid'::pg_catalog.regtype,
                                 'pg_catalog.date'::pg_catalog.regtype, 'pg_catalog.text'::pg_catalog.regtype,
                                 'pg_catalog.varchar'::pg_catalog.regtype, 'pg_catalog.bpchar'::pg_catalog.regtype)
              AND (a.attcollation = 0 OR k.collisdeterministic)
              AND a.attgenerated = ''
              AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute b
                              WHERE b.attrelid = c.oid AND b.attnum > 0 AND NOT b.attisdropped
                                AND b.attnum <> a.attnum AND pg_catalog.lower(b.attname) = pg_catalog.lower(a.attname))
              AND
            """ + USER_SCHEMA;

    private static final int FIRST_VERSION_WITH_GENERATED_COLUMNS = 12;

    /** The test of a pg_attribute row {@code a} for a generated column, on servers that have them. */
    private static final String GENERATED_COLUMN = "a.attgenerated <> ''";

    private PostgresCatalog() {
    }

    static void read(Connection connection, Predicate<String> cacheableViewDefinition, CatalogFacts facts)
            throws SQLException {
        boolean generatedColumns =
                connection.getMetaData().getDatabaseMajorVersion() >= FIRST_VERSION_WITH_GENERATED_COLUMNS;
        String generated = generatedColumns ? GENERATED_COLUMN : "false";
        try (Statement statement = connection.createStatement()) {
            try (ResultSet relations = statement.executeQuery(NOTABLE_RELATIONS)) {
                while (relations.next()) {
                    String name = relations.getString(1);
                    boolean view = "v".equals(relations.getString(2));
                    if (relations.getBoolean(3)) {
                        facts.rowSecurity(name);
                    }
                    if (relations.getBoolean(4)) {
                        facts.writeHook(name);
                    }
                    if (view) {
                        facts.plainView(name);
                        if (!cacheableViewDefinition.test(withoutTerminator(relations.getString(5)))) {
                            facts.uncacheableView(name);
                        }
                    }
                }
            }
            try (ResultSet triggers = statement.executeQuery(TRIGGERS.formatted(generated))) {
                while (triggers.next()) {
                    int events = triggerEvents(triggers.getInt(2));
                    boolean onGeneratedColumn = triggers.getBoolean(4);
                    facts.writeHook(triggers.getString(1), events,
                            onGeneratedColumn ? null : columns(triggers.getArray(3)));
                }
            }
            try (ResultSet sequences = statement.executeQuery(SEQUENCES)) {
                while (sequences.next()) {
                    facts.sequence(sequences.getString(1));
                }
            }
            try (ResultSet foreignKeys = statement.executeQuery(ROW_CHANGING_FOREIGN_KEYS.formatted(generated))) {
                while (foreignKeys.next()) {
                    boolean referencesGeneratedColumn = foreignKeys.getBoolean(6);
                    facts.cascade(foreignKeys.getString(1), foreignKeys.getString(2), foreignKeys.getBoolean(3),
                            foreignKeys.getBoolean(4), referencesGeneratedColumn ? null : columns(foreignKeys.getArray(5)));
                }
            }
            try (ResultSet inheritance = statement.executeQuery(INHERITANCE)) {
                while (inheritance.next()) {
                    facts.inheritance(inheritance.getString(1), inheritance.getString(2));
                }
            }
            if (connection.getMetaData().getDatabaseMajorVersion() >= FIRST_VERSION_WITH_GENERATED_COLUMNS) {
                try (ResultSet names = statement.executeQuery(RELATION_NAMES)) {
                    while (names.next()) {
                        facts.relation(names.getString(1));
                    }
                }
                try (ResultSet keys = statement.executeQuery(ROW_KEY_COLUMNS)) {
                    while (keys.next()) {
                        facts.rowKeyColumn(keys.getString(1), keys.getString(2));
                    }
                }
                try (ResultSet columns = statement.executeQuery(EXACT_COLUMNS)) {
                    while (columns.next()) {
                        facts.exactColumn(columns.getString(1), columns.getString(2), columns.getString(3),
                                ColumnKind.valueOf(columns.getString(4)));
                    }
                }
            }
            try (ResultSet uses = statement.executeQuery(VIEW_DEPENDENCIES)) {
                while (uses.next()) {
                    if ("v".equals(uses.getString(2))) {
                        facts.plainViewReads(uses.getString(1), uses.getString(3));
                    } else {
                        facts.materializedViewReads(uses.getString(1), uses.getString(3));
                    }
                }
            }
        }
    }

    /** The names of a text array; null for SQL NULL, which stands for no column list. */
    private static List<String> columns(Array names) throws SQLException {
        if (names == null) {
            return null;
        }
        try {
            return Arrays.asList((String[]) names.getArray());
        } finally {
            names.free();
        }
    }

    /** pg_get_viewdef ends the query with a semicolon, which would read as a second (empty) statement. */
    private static String withoutTerminator(String definition) {
        if (definition == null) {
            return null;
        }
        String trimmed = definition.strip();
        return trimmed.endsWith(";") ? trimmed.substring(0, trimmed.length() - 1).stripTrailing() : trimmed;
    }

    /** The bits of pg_trigger.tgtype that name a trigger's events (PostgreSQL's trigger.h). */
    private static final int TRIGGER_INSERT = 1 << 2;
    private static final int TRIGGER_DELETE = 1 << 3;
    private static final int TRIGGER_UPDATE = 1 << 4;
    private static final int TRIGGER_TRUNCATE = 1 << 5;

    /**
     * The {@link RowEvents} on which triggers of these types (their tgtype bits together) run. A TRUNCATE trigger
     * counts for every event: the driver does not tell TRUNCATE apart from other writes.
     */
    static int triggerEvents(int tgtypes) {
        if ((tgtypes & TRIGGER_TRUNCATE) != 0) {
            return RowEvents.ANY;
        }
        int events = 0;
        if ((tgtypes & TRIGGER_INSERT) != 0) {
            events |= RowEvents.INSERTS;
        }
        if ((tgtypes & TRIGGER_DELETE) != 0) {
            events |= RowEvents.DELETES;
        }
        if ((tgtypes & TRIGGER_UPDATE) != 0) {
            events |= RowEvents.UPDATES;
        }
        // A type naming no event this driver knows of runs on some event: every one counts.
        return events == 0 ? RowEvents.ANY : events;
    }
}
