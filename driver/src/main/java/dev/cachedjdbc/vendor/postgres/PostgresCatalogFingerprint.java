package dev.cachedjdbc.vendor.postgres;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The one-row query whose result changes whenever a catalog row that {@link PostgresCatalog} or
 * {@link PostgresUserCode} reads is inserted, updated or deleted: per system catalog, how many rows it holds and the
 * sum of their {@code xmin}, the transaction that wrote each row version.
 *
 * <p>Why that suffices: an insert or a delete changes the count. An update writes a new row version whose
 * {@code xmin} is the updating transaction's id, in place of versions written by other, committed transactions, so
 * the sum moves unless the replaced versions' ids add up exactly to the new ones'. That needs one transaction to
 * replace, in one catalog, rows of transactions both older and younger than itself in just the right amounts; a
 * second sum, of a hash of each id, makes even that as unlikely as a 32-bit hash collision. Freezing (VACUUM FREEZE,
 * autovacuum) keeps the raw {@code xmin} that the column shows (PostgreSQL 9.4 and later), and VACUUM and ANALYZE
 * write their statistics into pg_class in place, without a new row version: neither changes the fingerprint.
 * VACUUM FULL of a catalog may, which costs one needless invalidation.
 *
 * <p>What is left out, and why that loses nothing:
 * <ul>
 *   <li>Rows of the objects PostgreSQL was initialised with (object ids below 16384, as every user's object has one
 *       from 16384 on, even after the counter wraps): the catalog reads ignore built-in functions, types, operators
 *       and casts and the relations of pg_catalog and information_schema, and DDL on them is refused or needs a
 *       superuser (ALTER TYPE of a built-in type is not watched). Skipping them lets each catalog be read by its
 *       object-id index: the query costs a few hundred microseconds on a small schema, rather than milliseconds.</li>
 *   <li>Temporary objects (pg_temp_N and pg_toast_temp_N): they belong to one session, and a session of this
 *       driver creates its own through the driver, which reads the catalog again after any DDL. Counting other
 *       sessions' temporary tables would invalidate everything whenever any client creates one.</li>
 *   <li>pg_depend: every dependency is recorded together with the row of the object that depends (a view's rule,
 *       a constraint, a default, a policy, an index, a type, a function), which is counted.</li>
 * </ul>
 */
final class PostgresCatalogFingerprint {

    /** Each catalog with the condition that keeps user objects that are not temporary; see the class comment. */
    private static final List<String> WATCHED = List.of(
            "pg_catalog.pg_namespace WHERE nspname !~ '^pg_(toast_)?temp_'",
            "pg_catalog.pg_class WHERE oid >= 16384 AND relpersistence <> 't'",
            "pg_catalog.pg_attribute WHERE attrelid >= 16384 AND attnum > 0"
                    + " AND attrelid NOT IN (SELECT oid FROM temporary_relation)",
            "pg_catalog.pg_type WHERE oid >= 16384 AND typnamespace NOT IN (SELECT oid FROM temporary_namespace)",
            "pg_catalog.pg_proc WHERE oid >= 16384 AND pronamespace NOT IN (SELECT oid FROM temporary_namespace)",
            "pg_catalog.pg_constraint WHERE oid >= 16384"
                    + " AND connamespace NOT IN (SELECT oid FROM temporary_namespace)",
            "pg_catalog.pg_index WHERE indexrelid >= 16384 AND indrelid NOT IN (SELECT oid FROM temporary_relation)",
            "pg_catalog.pg_trigger WHERE tgrelid NOT IN (SELECT oid FROM temporary_relation)",
            "pg_catalog.pg_rewrite WHERE oid >= 16384 AND ev_class NOT IN (SELECT oid FROM temporary_relation)",
            "pg_catalog.pg_attrdef WHERE adrelid NOT IN (SELECT oid FROM temporary_relation)",
            "pg_catalog.pg_policy WHERE polrelid NOT IN (SELECT oid FROM temporary_relation)",
            "pg_catalog.pg_inherits WHERE inhrelid NOT IN (SELECT oid FROM temporary_relation)",
            "pg_catalog.pg_operator WHERE oid >= 16384",
            "pg_catalog.pg_aggregate WHERE aggfnoid >= 16384",
            "pg_catalog.pg_cast WHERE oid >= 16384",
            "pg_catalog.pg_opfamily WHERE oid >= 16384",
            "pg_catalog.pg_amop WHERE oid >= 16384",
            "pg_catalog.pg_amproc WHERE oid >= 16384",
            "pg_catalog.pg_range WHERE rngtypid >= 16384",
            "pg_catalog.pg_language");

    static final String QUERY = """
            WITH temporary_namespace AS (
                SELECT oid FROM pg_catalog.pg_namespace WHERE nspname ~ '^pg_(toast_)?temp_'
            ),
            temporary_relation AS (
                SELECT oid FROM pg_catalog.pg_class WHERE relpersistence = 't'
            )
            SELECT
            """ + WATCHED.stream()
            .map(catalog -> "    (SELECT pg_catalog.count(*) || '.' || coalesce(pg_catalog.sum(x), 0) || '.'"
                    + " || coalesce(pg_catalog.sum(pg_catalog.hashint8(x)), 0)"
                    + " FROM (SELECT xmin::pg_catalog.text::pg_catalog.int8 AS x FROM " + catalog + ") AS versions)")
            .collect(Collectors.joining(",\n"));

    private PostgresCatalogFingerprint() {
    }
}
