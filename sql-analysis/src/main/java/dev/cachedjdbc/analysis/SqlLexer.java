package dev.cachedjdbc.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts SQL text into tokens without a parser. It knows every way SQL hides text from the statement structure:
 * {@code '…'} strings with {@code ''} escapes, PostgreSQL {@code E'…'} strings with backslash escapes,
 * {@code $tag$…$tag$} dollar quotes, {@code "…"} and {@code `…`} identifiers, {@code --} and {@code /* *}{@code /}
 * comments (nested in PostgreSQL), H2's {@code //} line comments, and JDBC {@code ?} placeholders with the
 * {@code ??} escape.
 *
 * <p>Token boundaries are drawn where the database draws them, so that two texts with the same tokens mean the same
 * whatever white space stands between the tokens: operators are cut as PostgreSQL cuts them ({@code <=} is one token,
 * {@code < =} two), a prefix written against its string belongs to it ({@code N'x'}, {@code U&"x"}), and a number
 * keeps the letters written right after it ({@code 0x1F} is not {@code 0 x1F}).
 *
 * <p>Where a construct reads differently in the databases a dialect may stand for (a backslash in a plain string,
 * {@code #}, {@code --x} or a character beyond ASCII that is no letter under {@link Dialect#GENERIC}, a nested
 * comment outside PostgreSQL, a quote after a backslash in PostgreSQL, where standard_conforming_strings decides),
 * the text is marked unreadable instead of guessed: the caller then keeps it verbatim and never caches it.
 */
final class SqlLexer {

    private final String sql;
    private final Dialect dialect;
    private final List<SqlToken> tokens = new ArrayList<>();
    private int position;
    private int parameterCount;
    private boolean spaceBefore;
    private String unreadableReason;

    private SqlLexer(String sql, Dialect dialect) {
        this.sql = sql;
        this.dialect = dialect;
    }

    static LexedSql lex(String sql, Dialect dialect) {
        SqlLexer lexer = new SqlLexer(sql, dialect);
        lexer.run();
        return new LexedSql(sql, dialect, List.copyOf(lexer.tokens), lexer.parameterCount, lexer.unreadableReason);
    }

    private void run() {
        int length = sql.length();
        while (position < length) {
            char c = sql.charAt(position);
            if (isLayout(c)) {
                position++;
                spaceBefore = true;
            } else if ((c == '-' && peek(1) == '-') || (c == '/' && peek(1) == '/' && dialect == Dialect.H2)) {
                lineComment();
            } else if (c == '/' && peek(1) == '*') {
                blockComment();
            } else if (c == '\'') {
                plainString(position);
            } else if (c == '"') {
                quoted(SqlToken.Type.QUOTED_IDENTIFIER, '"');
            } else if (c == '`') {
                quoted(SqlToken.Type.QUOTED_IDENTIFIER, '`');
            } else if (c == '$') {
                dollar();
            } else if (c == '?') {
                questionMark();
            } else if (isDigit(c) || (c == '.' && isDigit(peek(1)) && !previousTokenTouchesName())) {
                number();
            } else if (isWordStart(c) || (c == '@' && dialect == Dialect.GENERIC && isWordStart(peek(1)))) {
                word();
            } else if (c >= 0x80 && dialect == Dialect.GENERIC) {
                markUnreadable("a character outside quotes that is no letter or digit is part of a name in some"
                        + " databases, white space or an error in others");
                add(SqlToken.Type.SYMBOL, position, position + 1);
            } else if (isOperatorCharacter(c)) {
                operator();
            } else if (c == ':' && (peek(1) == ':' || peek(1) == '=')) {
                add(SqlToken.Type.SYMBOL, position, position + 2);
            } else {
                if (dialect == Dialect.GENERIC && c == '[') {
                    markUnreadable("'[' starts a quoted name in some databases and not in others");
                }
                add(SqlToken.Type.SYMBOL, position, position + 1);
            }
        }
    }

    private void lineComment() {
        if (dialect == Dialect.GENERIC && sql.charAt(position) == '-' && !isWhitespaceOrEnd(peek(2))) {
            markUnreadable("'--' without a following space is a comment in some databases and two minus signs in others");
        }
        while (position < sql.length() && sql.charAt(position) != '\n' && sql.charAt(position) != '\r') {
            position++;
        }
        spaceBefore = true;
    }

    private void blockComment() {
        int start = position;
        char marker = peek(2);
        position += 2;
        int depth = 1;
        while (position < sql.length()) {
            char c = sql.charAt(position);
            if (c == '*' && peek(1) == '/') {
                position += 2;
                if (--depth == 0) {
                    break;
                }
            } else if (c == '/' && peek(1) == '*') {
                if (dialect == Dialect.POSTGRESQL) {
                    depth++;
                } else {
                    markUnreadable("a comment holds '/*', and only some databases nest comments");
                }
                position += 2;
            } else {
                position++;
            }
        }
        if (depth > 0) {
            markUnreadable("unterminated comment");
            return;
        }
        if (marker == '+' || marker == '!') {
            if (marker == '!' && dialect == Dialect.GENERIC) {
                markUnreadable("an executable comment '/*!' runs SQL that cannot be analysed");
            }
            add(SqlToken.Type.KEPT_COMMENT, start, position);
        } else {
            spaceBefore = true;
        }
    }

    private void plainString(int start) {
        position++;
        int backslashes = 0;
        while (position < sql.length()) {
            char c = sql.charAt(position++);
            if (c == '\'' && backslashes % 2 == 1 && dialect == Dialect.POSTGRESQL
                    && sql.indexOf('\'', position) >= 0) {
                // With standard_conforming_strings off the backslash escapes this quote and the string goes on to
                // a later one; where none follows, that reading is an error and only this one remains.
                markUnreadable("a quote after a backslash ends a string only while standard_conforming_strings is on");
            }
            backslashes = c == '\\' ? backslashes + 1 : 0;
            if (c == '\'') {
                if (peek(0) == '\'') {
                    position++;
                } else {
                    add(SqlToken.Type.STRING, start, position);
                    return;
                }
            } else if (c == '\\' && dialect == Dialect.GENERIC) {
                markUnreadable("a backslash in a string is an escape in some databases and a plain character in others");
            }
        }
        markUnreadable("unterminated string");
    }

    private void escapeString(int start) {
        position++;
        while (position < sql.length()) {
            char c = sql.charAt(position++);
            if (c == '\\') {
                position++;
            } else if (c == '\'') {
                if (peek(0) == '\'') {
                    position++;
                } else {
                    add(SqlToken.Type.ESCAPE_STRING, start, position);
                    return;
                }
            }
        }
        markUnreadable("unterminated string");
    }

    private void quoted(SqlToken.Type type, char quote) {
        quoted(type, quote, position);
    }

    /** A quoted identifier whose opening quote is at {@code position}; {@code start} is where its token begins. */
    private void quoted(SqlToken.Type type, char quote, int start) {
        position++;
        while (position < sql.length()) {
            char c = sql.charAt(position++);
            if (c == quote) {
                if (peek(0) == quote) {
                    position++;
                } else {
                    add(type, start, position);
                    return;
                }
            }
        }
        markUnreadable("unterminated quoted identifier");
    }

    private void dollar() {
        int start = position;
        if (isDigit(peek(1))) {
            position++;
            while (position < sql.length() && isDigit(sql.charAt(position))) {
                position++;
            }
            add(SqlToken.Type.POSITIONAL_PARAMETER, start, position);
            return;
        }
        if (dialect == Dialect.GENERIC) {
            markUnreadable("'$' starts a dollar quote in some databases and a name in others");
            add(SqlToken.Type.SYMBOL, start, ++position);
            return;
        }
        int tagEnd = position + 1;
        if (tagEnd < sql.length() && isTagStart(sql.charAt(tagEnd))) {
            tagEnd++;
            while (tagEnd < sql.length() && isTagPart(sql.charAt(tagEnd))) {
                tagEnd++;
            }
        }
        if (tagEnd >= sql.length() || sql.charAt(tagEnd) != '$') {
            add(SqlToken.Type.SYMBOL, start, ++position);
            return;
        }
        String tag = sql.substring(start, tagEnd + 1);
        int close = sql.indexOf(tag, tagEnd + 1);
        if (close < 0) {
            position = sql.length();
            markUnreadable("unterminated dollar-quoted string");
            return;
        }
        position = close + tag.length();
        add(SqlToken.Type.DOLLAR_STRING, start, position);
    }

    private void questionMark() {
        if (peek(1) == '?') {
            operator();
        } else {
            parameterCount++;
            add(SqlToken.Type.PLACEHOLDER, position, position + 1);
        }
    }

    /**
     * An operator, cut where PostgreSQL's lexer cuts it: the longest run of operator characters that does not start a
     * comment, without trailing {@code +} and {@code -} unless the run holds a character no standard operator uses
     * (so {@code =-1} is {@code =} then {@code -}, while {@code @-} stays whole). {@code ??} counts as the {@code ?} it
     * stands for; a lone {@code ?} is a placeholder and ends the run.
     */
    private void operator() {
        int start = position;
        int end = position;
        while (end < sql.length()) {
            char c = sql.charAt(end);
            char next = end + 1 < sql.length() ? sql.charAt(end + 1) : '\0';
            if (c == '?' && next == '?') {
                end += 2;
            } else if (isOperatorCharacter(c) && !(c == '-' && next == '-') && !(c == '/' && next == '*')
                    && !(c == '/' && next == '/' && dialect == Dialect.H2)) {
                end++;
            } else {
                break;
            }
        }
        if (end - start > 1 && isSign(sql.charAt(end - 1)) && !holdsNonStandardOperatorCharacter(start, end)) {
            do {
                end--;
            } while (end - start > 1 && isSign(sql.charAt(end - 1)));
        }
        if (dialect == Dialect.GENERIC && sql.substring(start, end).indexOf('#') >= 0) {
            markUnreadable("'#' starts a comment in some databases and is an operator in others");
        }
        add(SqlToken.Type.OPERATOR, start, end);
    }

    private boolean holdsNonStandardOperatorCharacter(int start, int end) {
        for (int i = start; i < end; i++) {
            if ("~!@#%^&|?".indexOf(sql.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    private void number() {
        int start = position;
        while (position < sql.length() && isDigit(sql.charAt(position))) {
            position++;
        }
        if (peek(0) == '.' && peek(1) != '.') {
            position++;
            while (position < sql.length() && isDigit(sql.charAt(position))) {
                position++;
            }
        }
        char e = peek(0);
        if (e == 'e' || e == 'E') {
            int exponent = position + 1;
            if (exponent < sql.length() && (sql.charAt(exponent) == '+' || sql.charAt(exponent) == '-')) {
                exponent++;
            }
            if (exponent < sql.length() && isDigit(sql.charAt(exponent))) {
                position = exponent;
                while (position < sql.length() && isDigit(sql.charAt(position))) {
                    position++;
                }
            }
        }
        // What is written against a number belongs to it: 0x1F is a hexadecimal number in PostgreSQL 16 and H2,
        // and 1_000 a thousand, while 0 x1F is a zero named x1F; other trailing letters are an error.
        while (position < sql.length() && isWordPart(sql.charAt(position))) {
            position++;
        }
        add(SqlToken.Type.NUMBER, start, position);
    }

    private void word() {
        int start = position++;
        while (position < sql.length() && isWordPart(sql.charAt(position))) {
            position++;
        }
        if (position - start == 1 && stringPrefix(sql.charAt(start))) {
            return;
        }
        add(SqlToken.Type.WORD, start, position);
    }

    /**
     * At the character after a one-letter word: reads the string or quoted name that letter prefixes, if it is
     * written against it ({@code E'…'} in PostgreSQL, {@code N'…'}, {@code X'…'}, {@code B'…'}, {@code U&'…'},
     * {@code U&"…"}), and tells whether it did. Apart from its string, the letter would be a name.
     */
    private boolean stringPrefix(char letter) {
        int start = position - 1;
        char upper = Character.toUpperCase(letter);
        if (upper == 'E' && peek(0) == '\'' && dialect == Dialect.POSTGRESQL) {
            escapeString(start);
            return true;
        }
        if ((upper == 'N' || upper == 'X' || upper == 'B') && peek(0) == '\'') {
            plainString(start);
            return true;
        }
        if (upper == 'U' && peek(0) == '&' && (peek(1) == '\'' || peek(1) == '"')) {
            position++;
            if (peek(0) == '\'') {
                plainString(start);
            } else {
                quoted(SqlToken.Type.QUOTED_IDENTIFIER, '"', start);
            }
            return true;
        }
        return false;
    }

    private void add(SqlToken.Type type, int start, int end) {
        tokens.add(new SqlToken(type, start, end, spaceBefore && !tokens.isEmpty()));
        position = end;
        spaceBefore = false;
    }

    private void markUnreadable(String reason) {
        if (unreadableReason == null) {
            unreadableReason = reason;
        }
    }

    private boolean previousTokenTouchesName() {
        if (tokens.isEmpty() || spaceBefore) {
            return false;
        }
        SqlToken previous = tokens.get(tokens.size() - 1);
        return previous.type() == SqlToken.Type.WORD || previous.type() == SqlToken.Type.QUOTED_IDENTIFIER
                || previous.isSymbol(sql, ')');
    }

    private char peek(int offset) {
        int index = position + offset;
        return index < sql.length() ? sql.charAt(index) : '\0';
    }

    /**
     * The white space every supported database skips between tokens. Other characters Java calls white space (line
     * and paragraph separators, Unicode spaces, information separators) are part of a name to PostgreSQL, so they are
     * kept in the key: dropping one would give {@code select id\u2028 from t} the key of {@code select id from t}.
     */
    private static boolean isLayout(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    }

    private static boolean isWhitespaceOrEnd(char c) {
        return c == '\0' || Character.isWhitespace(c);
    }

    /** The characters PostgreSQL builds operators from, but {@code ?} (a placeholder to JDBC) and {@code `} (a quote here). */
    private static boolean isOperatorCharacter(char c) {
        return "+-*/<>=~!@#%^&|".indexOf(c) >= 0;
    }

    private static boolean isSign(char c) {
        return c == '+' || c == '-';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * ASCII letters and underscore, and the characters beyond ASCII the dialect's database reads as part of a name:
     * every one for PostgreSQL (its lexer takes every byte over 0x7F into a name), every one but white space for H2
     * (which separates tokens with Unicode spaces too), letters elsewhere. A character the lexer cut a name at while
     * the database reads on would let two texts the database tells apart share a key.
     */
    private boolean isWordStart(char c) {
        if (c < 0x80) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        }
        return switch (dialect) {
            case POSTGRESQL -> true;
            case H2 -> !Character.isSpaceChar(c) && !Character.isWhitespace(c);
            case GENERIC -> Character.isLetter(c);
        };
    }

    private boolean isWordPart(char c) {
        return isWordStart(c) || isDigit(c) || c == '$' || (c >= 0x80 && Character.isLetterOrDigit(c));
    }

    private static boolean isTagStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    private static boolean isTagPart(char c) {
        return isTagStart(c) || isDigit(c);
    }
}
