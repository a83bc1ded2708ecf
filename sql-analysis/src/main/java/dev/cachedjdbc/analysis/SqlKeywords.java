package dev.cachedjdbc.analysis;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The SQL keywords the analysis knows: those reserved wherever a statement may be read (a word among them right after
 * FROM or INTO is no name), and the rest, which some databases take as names. PostgreSQL's cache key spells them in
 * upper case; no other dialect folds any word in the key.
 */
final class SqlKeywords {

    /**
     * Keywords reserved in MySQL 8.0, the common database whose table names can be case-sensitive, and in standard
     * SQL or PostgreSQL as well, so the databases GENERIC stands for do not take one as an unquoted table name.
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

    /** Keywords that some databases take as names ({@code first}, {@code key}, {@code value}). */
    private static final Set<String> NOT_RESERVED_EVERYWHERE = Set.of(
            "ANY", "CAST", "CONFLICT", "CURRENT", "DO", "END", "ESCAPE", "FILTER", "FIRST", "FOLLOWING", "FULL",
            "GROUPS", "IF", "ILIKE", "INDEX", "INTERVAL", "KEY", "LAST", "LOCKED", "MATCHED", "MATERIALIZED", "MERGE",
            "NEXT", "NO", "NOTHING", "NOWAIT", "NULLS", "OF", "OFFSET", "ONLY", "PRECEDING", "REPLACE", "RETURNING",
            "SEQUENCE", "SHARE", "SIMILAR", "SKIP", "SOME", "TEMP", "TEMPORARY", "TIES", "TRUNCATE", "UNBOUNDED",
            "VALUE", "VIEW", "WITHIN");

    private static final Set<String> ALL = union(RESERVED, NOT_RESERVED_EVERYWHERE);

    private static final int LONGEST = 17;

    private SqlKeywords() {
    }

    /** True when the unquoted word {@code sql[start, end)} is a keyword, reserved or not. */
    static boolean isKeyword(String sql, int start, int end) {
        String upper = upperCaseAscii(sql, start, end);
        return upper != null && ALL.contains(upper);
    }

    /** True when the unquoted word {@code sql[start, end)} is reserved wherever a statement may be read. */
    static boolean isReservedEverywhere(String sql, int start, int end) {
        String upper = upperCaseAscii(sql, start, end);
        return upper != null && RESERVED.contains(upper);
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
