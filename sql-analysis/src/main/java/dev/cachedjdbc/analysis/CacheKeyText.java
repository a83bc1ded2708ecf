package dev.cachedjdbc.analysis;

import java.util.List;

/**
 * Builds the cache-key text of a statement from its tokens alone: the key is a canonical spelling of the token
 * sequence. White space and comments between tokens leave no trace; every token else (literals, quoted names,
 * placeholders, hints) is kept byte for byte. Two texts share a key only when the database is certain to read them
 * alike, so the case of an unquoted word is kept too, except in PostgreSQL, which lower-cases the ASCII letters of
 * every unquoted word before it reads it (and only those: {@code Äpfel} and {@code äpfel} are two tables there).
 * PostgreSQL keys spell keywords in upper case and other words in lower case. Elsewhere case may matter: H2 with
 * DATABASE_TO_UPPER=FALSE keeps {@code next} and {@code NEXT} apart, NON_KEYWORDS makes any keyword a name, a
 * column label keeps the case it is written in, and MySQL's table names can be case-sensitive. Applications send
 * one text for one query, so keeping case there costs no hits. The lexer draws token boundaries where the database
 * does, so {@code 1.5} and {@code 1 .5} or {@code <=} and {@code < =} stay apart.
 *
 * <p>The canonical spelling separates tokens by one space, except that nothing stands after an opening or before a
 * closing parenthesis or bracket, before a comma or semicolon, around a period between names ({@code b1_0.id},
 * {@code t.*}), around {@code ::}, and between a name and the parenthesis of its call ({@code count(*)}, but
 * {@code IN (}). None of these joins can merge two tokens into one.
 *
 * <p>Three things keep more of the layout, because the database tells them apart: inside a JDBC escape
 * ({@code {fn …}}, {@code {d …}}, {@code {call …}}) whether tokens were separated is kept, and so is the case of
 * its words, since the JDBC driver reads the escape keyword only when it directly follows the brace; between two
 * string literals a line break is kept, since PostgreSQL joins {@code 'a'} and {@code 'b'} into one string across a
 * line break and rejects them on one line; and whether a placeholder touches a word or number is kept, since
 * PgJDBC writes {@code $1} in its place ({@code a$1} is one name) and a driver that inlines values would make
 * {@code 1?} one number.
 */
final class CacheKeyText {

    private CacheKeyText() {
    }

    static String of(LexedSql lexed) {
        String sql = lexed.sql();
        if (!lexed.isReadable()) {
            return sql;
        }
        boolean foldsWords = lexed.dialect() == Dialect.POSTGRESQL;
        List<SqlToken> tokens = lexed.tokens();
        StringBuilder key = new StringBuilder(sql.length());
        int escapeDepth = 0;
        boolean previousIsKeyword = false;
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken token = tokens.get(i);
            if (i > 0) {
                key.append(separator(lexed, i, escapeDepth > 0, previousIsKeyword));
            }
            boolean keyword = isKeyword(lexed, i);
            int from = key.length();
            key.append(sql, token.start(), token.end());
            if (foldsWords && escapeDepth == 0 && token.type() == SqlToken.Type.WORD) {
                foldAscii(key, from, keyword);
            }
            if (token.isSymbol(sql, '{')) {
                escapeDepth++;
            } else if (token.isSymbol(sql, '}') && escapeDepth > 0) {
                escapeDepth--;
            }
            previousIsKeyword = keyword;
        }
        return key.toString();
    }

    /** Puts the ASCII letters from {@code from} on in upper case for a keyword, in lower case for any other word. */
    private static void foldAscii(StringBuilder key, int from, boolean upper) {
        for (int c = from; c < key.length(); c++) {
            char letter = key.charAt(c);
            if (upper && letter >= 'a' && letter <= 'z') {
                key.setCharAt(c, (char) (letter - ('a' - 'A')));
            } else if (!upper && letter >= 'A' && letter <= 'Z') {
                key.setCharAt(c, (char) (letter + ('a' - 'A')));
            }
        }
    }

    /** A word after a period is always a name, even a reserved word (MySQL and PostgreSQL both accept {@code t.select}). */
    private static boolean isKeyword(LexedSql lexed, int index) {
        SqlToken token = lexed.tokens().get(index);
        if (token.type() != SqlToken.Type.WORD) {
            return false;
        }
        if (index > 0 && lexed.tokens().get(index - 1).isSymbol(lexed.sql(), '.')) {
            return false;
        }
        return SqlKeywords.isKeyword(lexed.sql(), token.start(), token.end());
    }

    /** What stands between token {@code index - 1} and token {@code index} in the key. */
    private static String separator(LexedSql lexed, int index, boolean insideEscape, boolean previousIsKeyword) {
        String sql = lexed.sql();
        List<SqlToken> tokens = lexed.tokens();
        SqlToken previous = tokens.get(index - 1);
        SqlToken token = tokens.get(index);
        if (insideEscape) {
            return token.spaceBefore() ? " " : "";
        }
        if (isStringLiteral(previous) && isStringLiteral(token)) {
            return breaksLine(sql, previous.end(), token.start()) ? "\n" : " ";
        }
        if ((previous.type() == SqlToken.Type.PLACEHOLDER && isWordOrNumber(token))
                || (isWordOrNumber(previous) && token.type() == SqlToken.Type.PLACEHOLDER)) {
            return token.spaceBefore() ? " " : "";
        }
        if (previous.isSymbol(sql, '(') || previous.isSymbol(sql, '[')
                || token.isSymbol(sql, ')') || token.isSymbol(sql, ']')
                || token.isSymbol(sql, ',') || token.isSymbol(sql, ';')) {
            return "";
        }
        if (joinsNames(lexed, index) || joinsNames(lexed, index - 1)) {
            return "";
        }
        if (token.isSymbol(sql, '(') || token.isSymbol(sql, '[')) {
            boolean called = previous.type() == SqlToken.Type.QUOTED_IDENTIFIER
                    || (previous.type() == SqlToken.Type.WORD && !previousIsKeyword)
                    || (token.isSymbol(sql, '[') && previous.isSymbol(sql, ']'));
            return called ? "" : " ";
        }
        if (isCast(sql, token) && !endsWithColon(sql, previous)) {
            return "";
        }
        if (isCast(sql, previous) && !startsWithColon(sql, token)) {
            return "";
        }
        return " ";
    }

    /** True when token {@code index} is a period between two names, or between a name and {@code *}. */
    private static boolean joinsNames(LexedSql lexed, int index) {
        List<SqlToken> tokens = lexed.tokens();
        if (index <= 0 || index + 1 >= tokens.size() || !tokens.get(index).isSymbol(lexed.sql(), '.')) {
            return false;
        }
        SqlToken after = tokens.get(index + 1);
        return isName(tokens.get(index - 1)) && (isName(after) || after.isSymbol(lexed.sql(), '*'));
    }

    private static boolean isName(SqlToken token) {
        return token.type() == SqlToken.Type.WORD || token.type() == SqlToken.Type.QUOTED_IDENTIFIER;
    }

    private static boolean isWordOrNumber(SqlToken token) {
        return token.type() == SqlToken.Type.WORD || token.type() == SqlToken.Type.NUMBER;
    }

    private static boolean isStringLiteral(SqlToken token) {
        return token.type() == SqlToken.Type.STRING || token.type() == SqlToken.Type.ESCAPE_STRING;
    }

    private static boolean isCast(String sql, SqlToken token) {
        return token.type() == SqlToken.Type.SYMBOL && token.length() == 2 && sql.startsWith("::", token.start());
    }

    private static boolean endsWithColon(String sql, SqlToken token) {
        return token.type() == SqlToken.Type.SYMBOL && sql.charAt(token.end() - 1) == ':';
    }

    private static boolean startsWithColon(String sql, SqlToken token) {
        return token.type() == SqlToken.Type.SYMBOL && sql.charAt(token.start()) == ':';
    }

    private static boolean breaksLine(String sql, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = sql.charAt(i);
            if (c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }
}
