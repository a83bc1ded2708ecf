package dev.cachedjdbc.analysis;

import java.util.Locale;
import java.util.Set;

/**
 * Builds the cache-key text of a statement from its tokens: comments dropped, any run of white space or comments
 * turned into one space, reserved keywords in upper case, and everything else (literals, identifiers, quoting,
 * placeholders, hints) byte for byte as written. Two texts that differ only in layout, comments or keyword case get
 * the same key; texts that differ in anything the database could tell apart never do.
 */
final class CacheKeyText {

    /**
     * The words folded to upper case. Each is reserved in standard SQL and in PostgreSQL, H2 and MySQL alike, so it can
     * never be an unquoted name, and its case cannot matter even in a database with case-sensitive names.
     */
    static final Set<String> RESERVED_KEYWORDS = Set.of(
            "ALL", "ALTER", "AND", "AS", "ASC", "BETWEEN", "BY", "CASE", "CHECK", "COLLATE", "COLUMN", "CONSTRAINT",
            "CREATE", "CROSS", "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP", "CURRENT_USER", "DEFAULT",
            "DELETE", "DESC", "DISTINCT", "DROP", "ELSE", "EXCEPT", "EXISTS", "FALSE", "FETCH", "FOR", "FOREIGN",
            "FROM", "GRANT", "GROUP", "HAVING", "IN", "INNER", "INSERT", "INTERSECT", "INTO", "IS", "JOIN", "LATERAL",
            "LEADING", "LEFT", "LIKE", "LIMIT", "LOCALTIME", "LOCALTIMESTAMP", "NATURAL", "NOT", "NULL", "ON", "OR",
            "ORDER", "OUTER", "OVER", "PARTITION", "PRIMARY", "RANGE", "RECURSIVE", "REFERENCES", "REVOKE", "RIGHT",
            "ROW", "ROWS", "SELECT", "SET", "TABLE", "THEN", "TO", "TRAILING", "TRUE", "UNION", "UNIQUE", "UPDATE",
            "USING", "VALUES", "WHEN", "WHERE", "WINDOW", "WITH");

    private static final int LONGEST_KEYWORD = 17;

    private CacheKeyText() {
    }

    static String of(LexedSql lexed) {
        String sql = lexed.sql();
        if (!lexed.isReadable()) {
            return sql;
        }
        StringBuilder key = new StringBuilder(sql.length());
        SqlToken previous = null;
        for (SqlToken token : lexed.tokens()) {
            if (token.spaceBefore() && isQuotedString(previous) && isQuotedString(token)) {
                // PostgreSQL joins two string literals separated by a line break ('a'\n'b' is 'ab') and rejects
                // them on one line: the gap between them is kept as written, so the two never share a key.
                key.append(sql, previous.end(), token.start());
            } else if (token.spaceBefore()) {
                key.append(' ');
            }
            previous = token;
            if (token.type() == SqlToken.Type.WORD && isReservedKeyword(sql, token)) {
                key.append(sql, token.start(), token.end());
                int wordStart = key.length() - (token.end() - token.start());
                for (int i = wordStart; i < key.length(); i++) {
                    key.setCharAt(i, Character.toUpperCase(key.charAt(i)));
                }
            } else {
                key.append(sql, token.start(), token.end());
            }
        }
        return key.toString();
    }

    private static boolean isQuotedString(SqlToken token) {
        return token != null && (token.type() == SqlToken.Type.STRING || token.type() == SqlToken.Type.ESCAPE_STRING);
    }

    private static boolean isReservedKeyword(String sql, SqlToken token) {
        int length = token.end() - token.start();
        if (length > LONGEST_KEYWORD) {
            return false;
        }
        for (int i = token.start(); i < token.end(); i++) {
            if (sql.charAt(i) >= 0x80) {
                return false;
            }
        }
        return RESERVED_KEYWORDS.contains(sql.substring(token.start(), token.end()).toUpperCase(Locale.ROOT));
    }
}
