package dev.cachedjdbc.analysis;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The SQL keywords whose spelling the cache key may normalise, per dialect. A keyword's case never changes what a
 * statement means; an identifier's case may, so a word is only folded where it cannot be an identifier whose case
 * matters.
 */
final class SqlKeywords {

    /**
     * Keywords folded in every dialect. Each is reserved in MySQL 8.0, the common database whose table names can be
     * case-sensitive, and in standard SQL or PostgreSQL as well, so the databases GENERIC stands for do not take one
     * as an unquoted name. PostgreSQL and H2 take a few of them as names ({@code rows}, {@code by}), but fold them.
     */
    private static final Set<String> RESERVED = Set.of(
            "ALL", "ALTER", "AND", "AS", "ASC", "BETWEEN", "BY", "CASE", "CHECK", "COLLATE", "COLUMN", "CONSTRAINT",
            "CREATE", "CROSS", "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP", "CURRENT_USER", "DEFAULT",
            "DELETE", "DESC", "DISTINCT", "DROP", "ELSE", "EXCEPT", "EXISTS", "FALSE", "FETCH", "FOR", "FOREIGN",
            "FROM", "GRANT", "GROUP", "HAVING", "IN", "INNER", "INSERT", "INTERSECT", "INTO", "IS", "JOIN", "LATERAL",
            "LEADING", "LEFT", "LIKE", "LIMIT", "LOCALTIME", "LOCALTIMESTAMP", "NATURAL", "NOT", "NULL", "ON", "OR",
            "ORDER", "OUTER", "OVER", "PARTITION", "PRIMARY", "RANGE", "RECURSIVE", "REFERENCES", "REVOKE", "RIGHT",
            "ROW", "ROWS", "SELECT", "SET", "TABLE", "THEN", "TO", "TRAILING", "TRUE", "UNION", "UNIQUE", "UPDATE",
            "USING", "VALUES", "WHEN", "WHERE", "WINDOW", "WITH");

    /**
     * Keywords folded only where the database folds unquoted names itself: PostgreSQL (to lower case) and H2 in its
     * default mode (to upper case). Some of them can be names there ({@code first}, {@code key}, {@code value}), but
     * then their case does not matter either. MySQL or a SQL Server with a case-sensitive collation may take any of
     * them as a name whose case matters, so GENERIC leaves them as written.
     */
    private static final Set<String> FOLDED_WHERE_NAMES_IGNORE_CASE = Set.of(
            "ANY", "CAST", "CONFLICT", "CURRENT", "DO", "END", "ESCAPE", "FILTER", "FIRST", "FOLLOWING", "FULL",
            "GROUPS", "IF", "ILIKE", "INDEX", "INTERVAL", "KEY", "LAST", "LOCKED", "MATCHED", "MATERIALIZED", "MERGE",
            "NEXT", "NO", "NOTHING", "NOWAIT", "NULLS", "OF", "OFFSET", "ONLY", "PRECEDING", "REPLACE", "RETURNING",
            "SEQUENCE", "SHARE", "SIMILAR", "SKIP", "SOME", "TEMP", "TEMPORARY", "TIES", "TRUNCATE", "UNBOUNDED",
            "VALUE", "VIEW", "WITHIN");

    private static final Set<String> ALL = union(RESERVED, FOLDED_WHERE_NAMES_IGNORE_CASE);

    private static final int LONGEST = 17;

    private SqlKeywords() {
    }

    /** True when the unquoted word {@code sql[start, end)} is a keyword the dialect's cache key puts in upper case. */
    static boolean foldsInKey(String sql, int start, int end, Dialect dialect) {
        String upper = upperCaseAscii(sql, start, end);
        if (upper == null) {
            return false;
        }
        return RESERVED.contains(upper) || (dialect != Dialect.GENERIC && FOLDED_WHERE_NAMES_IGNORE_CASE.contains(upper));
    }

    /** True when the word is a keyword of any dialect, reserved or not. */
    static boolean isKeyword(String word) {
        return ALL.contains(word.toUpperCase(Locale.ROOT));
    }

    /** The word in upper case, or null when it cannot be a keyword (too long, or not plain ASCII). */
    private static String upperCaseAscii(String sql, int start, int end) {
        if (end - start > LONGEST) {
            return null;
        }
        for (int i = start; i < end; i++) {
            if (sql.charAt(i) >= 0x80) {
                return null;
            }
        }
        return sql.substring(start, end).toUpperCase(Locale.ROOT);
    }

    private static Set<String> union(Set<String> first, Set<String> second) {
        Set<String> all = new HashSet<>(first);
        all.addAll(second);
        return Set.copyOf(all);
    }
}
