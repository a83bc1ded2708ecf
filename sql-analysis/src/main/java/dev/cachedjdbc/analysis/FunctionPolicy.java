package dev.cachedjdbc.analysis;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What calling a function means for a cache, per dialect. The lists below are the whole policy:
 * <ul>
 *   <li>{@link Verdict#DETERMINISTIC}: same arguments, same result, no side effects; a query calling only these
 *       may be cached;</li>
 *   <li>{@link Verdict#VOLATILE}: the result changes between calls (clock, randomness, sequences, session state,
 *       locks) but no table is written; the query is not cached and writes nothing;</li>
 *   <li>{@link Verdict#SESSION_CHANGE}: changes a session setting ({@code set_config});</li>
 *   <li>{@link Verdict#UNKNOWN}: anything on no list, including every user-defined or schema-qualified function
 *       (other than {@code pg_catalog.}): it may do anything, so the statement is not cached and is taken to write
 *       every table.</li>
 * </ul>
 * Session-dependent but stable functions (such as {@code to_char} under a session time zone) count as deterministic:
 * a statement that changes session settings is a {@link StatementKind#SESSION_CHANGE} the cache can react to.
 */
final class FunctionPolicy {

    enum Verdict { DETERMINISTIC, VOLATILE, SESSION_CHANGE, UNKNOWN }

    /** Deterministic in every dialect: standard SQL and the functions every major database agrees on. */
    private static final Set<String> STANDARD_DETERMINISTIC = Set.of(
            // numbers
            "abs", "ceil", "ceiling", "floor", "round", "trunc", "truncate", "sign", "mod", "power", "pow", "sqrt",
            "exp", "ln", "log", "log10", "pi", "degrees", "radians", "sin", "cos", "tan", "asin", "acos", "atan",
            "atan2", "cot", "width_bucket", "div", "gcd", "lcm",
            // text
            "upper", "lower", "ucase", "lcase", "initcap", "length", "char_length", "character_length",
            "octet_length", "bit_length", "substring", "substr", "left", "right", "trim", "ltrim", "rtrim", "btrim",
            "lpad", "rpad", "replace", "translate", "position", "strpos", "instr", "locate", "concat", "concat_ws",
            "repeat", "reverse", "split_part", "ascii", "chr", "char", "overlay", "md5", "regexp_replace",
            "regexp_like", "regexp_substr", "regexp_instr", "regexp_count", "starts_with", "format", "to_hex",
            "space", "soundex",
            // null handling and comparison
            "coalesce", "nullif", "greatest", "least", "ifnull", "nvl", "nvl2", "if", "iif", "decode",
            // aggregates
            "count", "sum", "avg", "min", "max", "stddev", "stddev_pop", "stddev_samp", "variance", "var_pop",
            "var_samp", "every", "bool_and", "bool_or", "bit_and", "bit_or", "bit_xor", "string_agg", "array_agg",
            "listagg", "group_concat", "percentile_cont", "percentile_disc", "mode", "median", "grouping", "corr",
            "covar_pop", "covar_samp", "regr_slope", "regr_intercept", "regr_count", "regr_r2", "regr_avgx",
            "regr_avgy", "regr_sxx", "regr_syy", "regr_sxy", "any_value",
            // window functions
            "row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile", "lag", "lead", "first_value",
            "last_value", "nth_value",
            // conversion and dates from arguments
            "cast", "convert", "extract", "date_part", "date_trunc", "date", "to_char", "to_number", "to_date",
            "to_timestamp",
            // SQL constructs JSqlParser reads as calls
            "any", "some", "all", "exists", "rollup", "cube", "grouping sets", "row", "array",
            // JSON
            "json_object", "json_array", "json_value", "json_query", "json_exists", "json_arrayagg",
            "json_objectagg");

    private static final Set<String> STANDARD_VOLATILE = Set.of(
            "now", "current_date", "current_time", "current_timestamp", "localtime", "localtimestamp", "sysdate",
            "systimestamp", "current_user", "session_user", "system_user", "user", "current_role", "current_schema",
            "current_catalog", "rand", "random", "nextval", "currval", "setval", "lastval");

    private static final Set<String> POSTGRESQL_DETERMINISTIC = Set.of(
            "make_date", "make_time", "make_timestamp", "make_interval", "justify_days", "justify_hours",
            "justify_interval", "isfinite",
            "quote_ident", "quote_literal", "quote_nullable", "encode", "decode", "sha224", "sha256", "sha384",
            "sha512", "regexp_match", "regexp_matches", "regexp_split_to_array", "regexp_split_to_table",
            "string_to_array", "string_to_table", "array_to_string", "to_ascii", "unistr", "normalize",
            "array_length", "array_upper", "array_lower", "array_dims", "array_ndims", "array_position",
            "array_positions", "array_remove", "array_replace", "array_append", "array_prepend", "array_cat",
            "array_fill", "cardinality", "unnest", "generate_series", "generate_subscripts", "trim_array",
            "to_json", "to_jsonb", "row_to_json", "array_to_json", "json_build_object", "jsonb_build_object",
            "json_build_array", "jsonb_build_array", "json_agg", "jsonb_agg", "json_object_agg", "jsonb_object_agg",
            "json_extract_path", "json_extract_path_text", "jsonb_extract_path", "jsonb_extract_path_text",
            "json_array_length", "jsonb_array_length", "json_typeof", "jsonb_typeof", "jsonb_set", "jsonb_set_lax",
            "jsonb_insert", "jsonb_strip_nulls", "json_strip_nulls", "jsonb_pretty", "json_array_elements",
            "jsonb_array_elements", "json_array_elements_text", "jsonb_array_elements_text", "json_each",
            "jsonb_each", "json_each_text", "jsonb_each_text", "json_object_keys", "jsonb_object_keys",
            "json_to_record", "json_to_recordset", "jsonb_to_record", "jsonb_to_recordset", "json_populate_record",
            "jsonb_populate_record", "json_populate_recordset", "jsonb_populate_recordset", "jsonb_path_query",
            "jsonb_path_query_array", "jsonb_path_query_first", "jsonb_path_exists", "jsonb_path_match",
            "to_tsvector", "to_tsquery", "plainto_tsquery", "phraseto_tsquery", "websearch_to_tsquery", "ts_rank",
            "ts_rank_cd", "ts_headline", "setweight", "numnonnulls", "numnulls", "scale", "factorial",
            "xmlagg", "range_agg", "lower_inc", "upper_inc", "isempty", "num_nonnulls",
            "num_nulls", "host", "masklen", "netmask", "network", "family", "abbrev", "broadcast");

    /** PostgreSQL functions that read the clock, randomness, sequences, locks or server state but write no table. */
    private static final Set<String> POSTGRESQL_VOLATILE = Set.of(
            "statement_timestamp", "transaction_timestamp", "clock_timestamp", "timeofday", "age", "random_normal",
            "setseed", "gen_random_uuid", "uuid_generate_v1", "uuid_generate_v4", "txid_current",
            "txid_current_if_assigned", "txid_current_snapshot", "txid_status", "current_setting",
            "current_database", "current_schemas", "current_query", "inet_client_addr", "inet_client_port",
            "inet_server_addr", "inet_server_port", "version", "to_regclass", "to_regtype", "to_regproc",
            "has_table_privilege", "has_schema_privilege", "has_column_privilege", "has_database_privilege",
            "has_function_privilege", "obj_description", "col_description", "format_type");

    private static final Set<String> H2_DETERMINISTIC = Set.of(
            "casewhen", "bitand", "bitor", "bitxor", "bitnot", "lshift", "rshift", "difference", "hextoraw",
            "rawtohex", "utf8tostring", "stringtoutf8", "stringdecode", "stringencode", "array_contains",
            "array_get", "array_slice", "array_length", "array_cat", "array_append", "cardinality", "unnest",
            "system_range", "formatdatetime", "parsedatetime", "dateadd", "datediff", "timestampadd",
            "timestampdiff", "dayname", "day_of_month", "day_of_week", "day_of_year", "dayofmonth", "dayofweek",
            "dayofyear", "hour", "minute", "month", "monthname", "quarter", "second", "week", "year", "iso_week",
            "iso_year", "iso_day_of_week", "hash", "bit_and_agg", "bit_or_agg", "bit_xor_agg", "bit_nand_agg",
            "bit_nor_agg", "bit_xnor_agg", "envelope", "json_array", "json_object", "zero", "ora_hash", "sha256");

    private static final Set<String> H2_VOLATILE = Set.of(
            "random_uuid", "uuid", "secure_rand", "identity", "scope_identity", "last_insert_id", "session_id",
            "database", "schema", "lock_mode", "lock_timeout", "memory_free", "memory_used", "readonly",
            "autocommit", "h2version", "disk_space_used", "transaction_id", "database_path", "file_read",
            "sleep");

    private static final Set<String> GENERIC_VOLATILE = Set.of(
            "getdate", "getutcdate", "sysdatetime", "sysutcdatetime", "utc_timestamp", "utc_date", "utc_time",
            "curdate", "curtime", "unix_timestamp", "uuid", "uuid_short", "newid", "sys_guid", "last_insert_id",
            "found_rows", "row_count", "connection_id", "database", "schema", "version", "sleep", "get_lock",
            "release_lock", "is_free_lock", "is_used_lock");

    private static final Map<Dialect, Set<String>> DETERMINISTIC = new EnumMap<>(Dialect.class);
    private static final Map<Dialect, Set<String>> VOLATILE = new EnumMap<>(Dialect.class);

    static {
        DETERMINISTIC.put(Dialect.POSTGRESQL, union(STANDARD_DETERMINISTIC, POSTGRESQL_DETERMINISTIC));
        DETERMINISTIC.put(Dialect.H2, union(STANDARD_DETERMINISTIC, H2_DETERMINISTIC));
        DETERMINISTIC.put(Dialect.GENERIC, STANDARD_DETERMINISTIC);
        VOLATILE.put(Dialect.POSTGRESQL, union(STANDARD_VOLATILE, POSTGRESQL_VOLATILE));
        VOLATILE.put(Dialect.H2, union(STANDARD_VOLATILE, H2_VOLATILE));
        VOLATILE.put(Dialect.GENERIC, union(STANDARD_VOLATILE, GENERIC_VOLATILE));
    }

    /**
     * Niladic SQL keywords that read the clock or the session; JSqlParser reads some of them as column names, so an
     * unquoted, unqualified column with one of these names is treated as a call.
     */
    static final Set<String> VOLATILE_KEYWORDS = Set.of(
            "current_date", "current_time", "current_timestamp", "localtime", "localtimestamp", "current_user",
            "session_user", "system_user", "user", "current_role", "current_schema", "current_catalog", "sysdate",
            "systimestamp");

    /**
     * The scalar functions of JDBC's {@code {fn …}} escape (JDBC 4.3, appendix C) whose result follows from their
     * arguments. The JDBC driver translates each into the database's own equivalent, so its verdict does not depend
     * on whether the database has a function of that name.
     */
    private static final Set<String> JDBC_ESCAPE_DETERMINISTIC = Set.of(
            "abs", "acos", "asin", "atan", "atan2", "ceiling", "cos", "cot", "degrees", "exp", "floor", "log", "log10",
            "mod", "pi", "power", "radians", "round", "sign", "sin", "sqrt", "tan", "truncate",
            "ascii", "char", "char_length", "character_length", "concat", "difference", "insert", "lcase", "left",
            "length", "locate", "ltrim", "octet_length", "position", "repeat", "replace", "right", "rtrim", "soundex",
            "space", "substring", "ucase",
            "dayname", "dayofmonth", "dayofweek", "dayofyear", "extract", "hour", "minute", "month", "monthname",
            "quarter", "second", "timestampadd", "timestampdiff", "week", "year",
            "ifnull", "convert");

    /** The JDBC escape functions that read the clock, randomness or the session. */
    private static final Set<String> JDBC_ESCAPE_VOLATILE = Set.of(
            "rand", "now", "curdate", "curtime", "current_date", "current_time", "current_timestamp", "database",
            "user");

    private FunctionPolicy() {
    }

    /** The verdict for a function called through a JDBC {@code {fn name(…)}} escape. */
    static Verdict escapedVerdict(Dialect dialect, String name) {
        String bare = name.toLowerCase(Locale.ROOT);
        if (JDBC_ESCAPE_VOLATILE.contains(bare)) {
            return Verdict.VOLATILE;
        }
        if (JDBC_ESCAPE_DETERMINISTIC.contains(bare)) {
            return Verdict.DETERMINISTIC;
        }
        return verdict(dialect, null, name);
    }

    /**
     * @param schema the function's schema qualifier as written (null when unqualified)
     * @param name   the function's name as written
     */
    static Verdict verdict(Dialect dialect, String schema, String name) {
        String bare = name.toLowerCase(Locale.ROOT);
        if (schema != null) {
            boolean catalogSchema = dialect == Dialect.POSTGRESQL && schema.equalsIgnoreCase("pg_catalog");
            if (!catalogSchema) {
                return Verdict.UNKNOWN;
            }
        }
        if (bare.equals("set_config")) {
            return Verdict.SESSION_CHANGE;
        }
        if (DETERMINISTIC.get(dialect).contains(bare)) {
            return Verdict.DETERMINISTIC;
        }
        if (VOLATILE.get(dialect).contains(bare)) {
            return Verdict.VOLATILE;
        }
        if (dialect == Dialect.POSTGRESQL && bare.startsWith("pg_")) {
            // Server functions (pg_sleep, pg_advisory_*, pg_backend_pid, pg_size …): state, locks and waits, never
            // writes to user tables.
            return Verdict.VOLATILE;
        }
        return Verdict.UNKNOWN;
    }

    private static Set<String> union(Set<String> first, Set<String> second) {
        Set<String> all = new HashSet<>(first);
        all.addAll(second);
        return Set.copyOf(all);
    }
}
