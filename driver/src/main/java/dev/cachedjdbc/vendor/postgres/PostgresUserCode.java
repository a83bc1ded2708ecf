package dev.cachedjdbc.vendor.postgres;

import dev.cachedjdbc.schema.CatalogFacts;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads where users' code may run on PostgreSQL (see {@link UserCode}), in one query over the system catalogs.
 *
 * <p>Every function outside pg_catalog and information_schema, and every one created there after the database was
 * initialised (an object id from 16384 on: a superuser may put functions in pg_catalog), is graded: 'w' when it may
 * write (volatile, or written in SQL or a procedural language, which may call a volatile function whatever it is
 * declared), 'r' when it only reads (stable, in C), none when it is immutable and in C. An aggregate takes the worst
 * grade of its own and its support functions; an operator, its function's. Trigger and event trigger functions cannot
 * be called from a statement and are left out, and so are procedures, which only CALL runs, and CALL is a write of
 * everything anyway. Then: the casts through graded functions, the types whose input or output is, the operator
 * families that use them, the domains whose check or default calls graded code (with every domain, array, range and
 * composite type built on such a domain), and the relations that depend on any of it (views that call it, tables whose
 * checks, defaults, indexes, policies or columns do).
 */
final class PostgresUserCode {

    /** Rows of (kind, name, grade, detail); see the class comment. */
    private static final String USER_CODE = """
            WITH RECURSIVE
            own AS (
                SELECT p.oid, p.proname, p.prokind, p.prorettype,
                       CASE WHEN l.lanname NOT IN ('c', 'internal') OR p.provolatile = 'v' THEN 'w'
                            WHEN p.provolatile = 's' THEN 'r' END AS grade
                FROM pg_catalog.pg_proc p
                JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
                JOIN pg_catalog.pg_language l ON l.oid = p.prolang
                WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') OR p.oid >= 16384
            ),
            support AS (
                SELECT a.aggfnoid AS oid, max(s.grade) AS grade
                FROM pg_catalog.pg_aggregate a
                CROSS JOIN LATERAL (VALUES (a.aggtransfn), (a.aggfinalfn), (a.aggcombinefn), (a.aggserialfn),
                                           (a.aggdeserialfn), (a.aggmtransfn), (a.aggminvtransfn), (a.aggmfinalfn)) AS f (fn)
                JOIN own s ON s.oid = f.fn
                GROUP BY a.aggfnoid
            ),
            routine AS (
                SELECT o.oid, o.proname, o.prokind, o.prorettype, GREATEST(o.grade, s.grade) AS grade
                FROM own o
                LEFT JOIN support s ON s.oid = o.oid
                WHERE o.grade IS NOT NULL OR s.grade IS NOT NULL
            ),
            operator AS (
                SELECT o.oid, o.oprname, r.grade
                FROM pg_catalog.pg_operator o
                JOIN routine r ON r.oid = o.oprcode
            ),
            code AS (
                SELECT 'pg_catalog.pg_proc'::pg_catalog.regclass AS classid, oid, grade FROM routine
                UNION ALL
                SELECT 'pg_catalog.pg_operator'::pg_catalog.regclass, oid, grade FROM operator
            ),
            domain_seed AS (
                SELECT d.objid AS oid, x.grade
                FROM pg_catalog.pg_depend d
                JOIN code x ON x.classid = d.refclassid AND x.oid = d.refobjid
                JOIN pg_catalog.pg_type t ON t.oid = d.objid AND t.typtype = 'd'
                WHERE d.classid = 'pg_catalog.pg_type'::pg_catalog.regclass
                UNION ALL
                SELECT k.contypid, x.grade
                FROM pg_catalog.pg_depend d
                JOIN code x ON x.classid = d.refclassid AND x.oid = d.refobjid
                JOIN pg_catalog.pg_constraint k ON k.oid = d.objid
                WHERE d.classid = 'pg_catalog.pg_constraint'::pg_catalog.regclass AND k.contypid <> 0
            ),
            type_edge (base, built) AS (
                SELECT t.typbasetype, t.oid FROM pg_catalog.pg_type t WHERE t.typtype = 'd'
                UNION ALL
                SELECT t.typelem, t.oid FROM pg_catalog.pg_type t WHERE t.typcategory = 'A' AND t.typelem <> 0
                UNION ALL
                SELECT g.rngsubtype, g.rngtypid FROM pg_catalog.pg_range g
                UNION ALL
                SELECT a.atttypid, c.reltype
                FROM pg_catalog.pg_attribute a
                JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
                WHERE a.attnum > 0 AND NOT a.attisdropped AND c.reltype <> 0
            ),
            checked_type (oid, grade) AS (
                SELECT oid, grade FROM domain_seed
                UNION
                SELECT e.built, c.grade FROM checked_type c JOIN type_edge e ON e.base = c.oid
            ),
            hook AS (
                SELECT classid, oid, grade FROM code
                UNION ALL
                SELECT 'pg_catalog.pg_type'::pg_catalog.regclass, oid, grade FROM checked_type
            ),
            dependent AS (
                SELECT d.classid, d.objid, x.grade
                FROM pg_catalog.pg_depend d
                JOIN hook x ON x.classid = d.refclassid AND x.oid = d.refobjid
            ),
            dependent_relation (kind, relation, grade) AS (
                SELECT CASE WHEN w.rulename = '_RETURN' THEN 'view' ELSE 'relation' END, w.ev_class, d.grade
                FROM dependent d
                JOIN pg_catalog.pg_rewrite w ON w.oid = d.objid
                WHERE d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass
                UNION ALL
                SELECT 'relation', k.conrelid, d.grade
                FROM dependent d
                JOIN pg_catalog.pg_constraint k ON k.oid = d.objid
                WHERE d.classid = 'pg_catalog.pg_constraint'::pg_catalog.regclass AND k.conrelid <> 0
                UNION ALL
                SELECT 'relation', a.adrelid, d.grade
                FROM dependent d
                JOIN pg_catalog.pg_attrdef a ON a.oid = d.objid
                WHERE d.classid = 'pg_catalog.pg_attrdef'::pg_catalog.regclass
                UNION ALL
                SELECT 'policy', p.polrelid, d.grade
                FROM dependent d
                JOIN pg_catalog.pg_policy p ON p.oid = d.objid
                WHERE d.classid = 'pg_catalog.pg_policy'::pg_catalog.regclass
                UNION ALL
                SELECT 'relation', i.indrelid, d.grade
                FROM dependent d
                JOIN pg_catalog.pg_index i ON i.indexrelid = d.objid
                WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
                UNION ALL
                SELECT 'relation', d.objid, d.grade
                FROM dependent d
                WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
            )
            SELECT 'function', r.proname, r.grade, r.prokind::pg_catalog.text
            FROM routine r
            WHERE r.prokind <> 'p'
              AND r.prorettype NOT IN ('pg_catalog.trigger'::pg_catalog.regtype, 'pg_catalog.event_trigger'::pg_catalog.regtype)
            UNION ALL
            SELECT 'operator', o.oprname, o.grade, NULL FROM operator o
            UNION ALL
            SELECT 'cast', t.typname, r.grade, c.castcontext::pg_catalog.text
            FROM pg_catalog.pg_cast c
            JOIN routine r ON r.oid = c.castfunc
            JOIN pg_catalog.pg_type t ON t.oid = c.casttarget
            UNION ALL
            SELECT 'cast', e.typname, r.grade, c.castcontext::pg_catalog.text
            FROM pg_catalog.pg_cast c
            JOIN routine r ON r.oid = c.castfunc
            JOIN pg_catalog.pg_type t ON t.oid = c.casttarget AND t.typcategory = 'A'
            JOIN pg_catalog.pg_type e ON e.oid = t.typelem
            UNION ALL
            SELECT 'type', t.typname, r.grade, NULL
            FROM pg_catalog.pg_type t
            CROSS JOIN LATERAL (VALUES (t.typinput), (t.typoutput), (t.typreceive), (t.typsend), (t.typmodin),
                                       (t.typmodout)) AS f (fn)
            JOIN routine r ON r.oid = f.fn
            UNION ALL
            SELECT 'operator family', f.opfname, r.grade, NULL
            FROM pg_catalog.pg_amproc p
            JOIN routine r ON r.oid = p.amproc
            JOIN pg_catalog.pg_opfamily f ON f.oid = p.amprocfamily
            UNION ALL
            SELECT 'operator family', f.opfname, o.grade, NULL
            FROM pg_catalog.pg_amop p
            JOIN operator o ON o.oid = p.amopopr
            JOIN pg_catalog.pg_opfamily f ON f.oid = p.amopfamily
            UNION ALL
            SELECT 'checked type', t.typname, c.grade, NULL
            FROM checked_type c
            JOIN pg_catalog.pg_type t ON t.oid = c.oid
            LEFT JOIN pg_catalog.pg_class r ON r.oid = t.typrelid
            WHERE t.typcategory <> 'A' AND (r.relkind IS NULL OR r.relkind = 'c')
            UNION ALL
            SELECT d.kind, c.relname, d.grade, NULL
            FROM dependent_relation d
            JOIN pg_catalog.pg_class c ON c.oid = d.relation
            WHERE c.relkind IN ('r', 'p', 'f', 'v')""";

    /**
     * Operators a statement may call without writing them: IN, CASE, NULLIF, DISTINCT, GROUP BY, joins and set
     * operations compare with =, ORDER BY and merge joins with &lt; and &gt;, LIKE is ~~.
     */
    private static final Set<String> IMPLICITLY_USED_OPERATORS = Set.of("=", "<>", "<", ">", "<=", ">=", "~~", "~~*",
            "!~~", "!~~*");

    /** The SQL spellings of built-in types whose catalog name a statement need not use. */
    private static final Map<String, List<String>> TYPE_SPELLINGS = Map.ofEntries(
            Map.entry("int2", List.of("smallint")),
            Map.entry("int4", List.of("integer", "int")),
            Map.entry("int8", List.of("bigint")),
            Map.entry("float4", List.of("real", "float")),
            Map.entry("float8", List.of("double", "float")),
            Map.entry("numeric", List.of("decimal", "dec")),
            Map.entry("bool", List.of("boolean")),
            Map.entry("bpchar", List.of("char", "character")),
            Map.entry("varchar", List.of("character", "varying")),
            Map.entry("varbit", List.of("bit", "varying")),
            Map.entry("timestamptz", List.of("timestamp")),
            Map.entry("timetz", List.of("time")));

    private PostgresUserCode() {
    }

    static void read(Connection connection, CatalogFacts facts) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(USER_CODE)) {
            while (rows.next()) {
                String kind = rows.getString(1);
                String name = rows.getString(2);
                boolean mayWrite = "w".equals(rows.getString(3));
                record(kind, name, mayWrite, rows.getString(4), facts);
            }
        }
    }

    private static void record(String kind, String name, boolean mayWrite, String detail, CatalogFacts facts) {
        switch (kind) {
            case "function" -> facts.userCode(name, switch (detail == null ? "f" : detail) {
                case "a" -> "a user-defined aggregate";
                case "w" -> "a user-defined window function";
                default -> "a user-defined function";
            }, mayWrite);
            case "operator" -> {
                facts.userCode(name, "a user-defined operator", mayWrite);
                if (IMPLICITLY_USED_OPERATORS.contains(name)) {
                    facts.userCodeEverywhere("operator " + name + " calls users' code, and statements compare with it"
                            + " where their text does not show it (IN, CASE, DISTINCT, joins, ORDER BY)", mayWrite);
                }
            }
            case "cast" -> {
                facts.userCode(name, "a type whose cast calls users' code", mayWrite);
                for (String spelling : TYPE_SPELLINGS.getOrDefault(name, List.of())) {
                    facts.userCode(spelling, "a type whose cast calls users' code", mayWrite);
                }
                if ("i".equals(detail)) {
                    facts.userCodeEverywhere("an implicit cast to " + name + " calls users' code, wherever a value"
                            + " is converted without the text saying so", mayWrite);
                } else if ("a".equals(detail) && mayWrite) {
                    facts.userCodeOnEveryWrite("an assignment cast to " + name + " calls users' code that may write,"
                            + " wherever a write stores a value in a column of that type");
                }
            }
            case "type" -> {
                if (mayWrite) {
                    facts.userCodeEverywhere("the input or output of type " + name + " calls users' code that may"
                            + " write, wherever a value of that type is read or written", true);
                }
            }
            case "operator family" -> facts.userCodeEverywhere("operator family " + name + " calls users' code,"
                    + " wherever values of its types are sorted, grouped, hashed or indexed", mayWrite);
            case "checked type" -> facts.userCode(name, "a type whose domain check or default calls users' code",
                    mayWrite);
            case "view" -> facts.readRunsUserCode(name, mayWrite);
            case "policy" -> {
                facts.readRunsUserCode(name, mayWrite);
                if (mayWrite) {
                    facts.writeHook(name);
                }
            }
            case "relation" -> {
                if (mayWrite) {
                    facts.writeHook(name);
                }
            }
            default -> throw new IllegalStateException("unexpected kind of users' code: " + kind);
        }
    }
}
