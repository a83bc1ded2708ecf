package dev.cachedjdbc.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A statement cut into tokens, keeping the exact text between them (white space and comments), so that a variant
 * can change one thing and leave every other character as it was. Tests use it to build texts that must, or must
 * not, share a cache key; it knows just enough lexis for that and is no reference for the analyser.
 */
final class SqlTokens {

    enum Type {
        WORD, QUOTED_IDENTIFIER, STRING, NUMBER, PLACEHOLDER, OPERATOR, PUNCTUATION
    }

    /**
     * One token.
     *
     * @param insideEscape true for the braces of a JDBC escape ({@code {fn …}}, {@code {d …}}, {@code {call …}})
     *                     and everything between them, which variants leave alone
     */
    record Token(Type type, String text, boolean insideEscape) {

        Token withText(String newText) {
            return new Token(type, newText, insideEscape);
        }
    }

    private static final String OPERATOR_CHARS = "+-*/<>=~!@#%^&|`:";
    private static final Pattern DOLLAR_TAG = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)?\\$");

    private final List<Token> tokens;
    /** {@code gaps.get(i)} precedes token i; the last gap follows the last token. */
    private final List<String> gaps;

    private SqlTokens(List<Token> tokens, List<String> gaps) {
        this.tokens = List.copyOf(tokens);
        this.gaps = List.copyOf(gaps);
    }

    /** The tokens of the text, or empty when a string, quoted name or comment is left open. */
    static Optional<SqlTokens> of(String sql, Dialect dialect) {
        return new Lexer(sql, dialect).run();
    }

    List<Token> tokens() {
        return tokens;
    }

    List<String> gaps() {
        return gaps;
    }

    /** True when a variant may change gap i: it does not lie inside a JDBC escape. */
    boolean gapIsFree(int gap) {
        boolean afterEscaped = gap > 0 && tokens.get(gap - 1).insideEscape();
        boolean beforeEscaped = gap < tokens.size() && tokens.get(gap).insideEscape();
        return !(afterEscaped && beforeEscaped);
    }

    SqlTokens withTokens(List<Token> newTokens) {
        return new SqlTokens(newTokens, gaps);
    }

    SqlTokens withGaps(List<String> newGaps) {
        return new SqlTokens(tokens, newGaps);
    }

    String render() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < tokens.size(); i++) {
            text.append(gaps.get(i)).append(tokens.get(i).text());
        }
        return text.append(gaps.get(tokens.size())).toString();
    }

    private static final class Lexer {
        private final String sql;
        private final Dialect dialect;
        private final List<Token> tokens = new ArrayList<>();
        private final List<String> gaps = new ArrayList<>();
        private int position;
        private int escapeDepth;

        Lexer(String sql, Dialect dialect) {
            this.sql = sql;
            this.dialect = dialect;
        }

        Optional<SqlTokens> run() {
            while (true) {
                int gapStart = position;
                if (!skipWhiteSpaceAndComments()) {
                    return Optional.empty();
                }
                gaps.add(sql.substring(gapStart, position));
                if (position >= sql.length()) {
                    return Optional.of(new SqlTokens(tokens, gaps));
                }
                if (!readToken()) {
                    return Optional.empty();
                }
            }
        }

        private boolean skipWhiteSpaceAndComments() {
            while (position < sql.length()) {
                char c = sql.charAt(position);
                if (Character.isWhitespace(c)) {
                    position++;
                } else if (sql.startsWith("--", position)) {
                    int end = sql.indexOf('\n', position);
                    position = end < 0 ? sql.length() : end;
                } else if (sql.startsWith("/*", position)) {
                    if (!skipBlockComment()) {
                        return false;
                    }
                } else {
                    return true;
                }
            }
            return true;
        }

        private boolean skipBlockComment() {
            // PostgreSQL nests block comments; the others end a comment at the first */.
            boolean nests = dialect == Dialect.POSTGRESQL;
            int depth = 0;
            while (position < sql.length()) {
                if (sql.startsWith("/*", position) && (nests || depth == 0)) {
                    depth++;
                    position += 2;
                } else if (sql.startsWith("*/", position)) {
                    depth--;
                    position += 2;
                    if (depth == 0) {
                        return true;
                    }
                } else {
                    position++;
                }
            }
            return false;
        }

        private boolean readToken() {
            int start = position;
            char c = sql.charAt(position);
            if (c == '\'') {
                return readString(start, false);
            }
            if (c == '"') {
                return readQuotedIdentifier(start);
            }
            if (c == '$') {
                return readDollar(start);
            }
            if (Character.isDigit(c)
                    || (c == '.' && position + 1 < sql.length() && Character.isDigit(sql.charAt(position + 1)))) {
                readNumber(start);
                return true;
            }
            if (isWordStart(c) || (c == '@' && dialect == Dialect.GENERIC && position + 1 < sql.length()
                    && isWordStart(sql.charAt(position + 1)))) {
                return readWord(start);
            }
            if (c == '?') {
                if (sql.startsWith("??", position)) {
                    position += 2;
                    readOperatorRun();
                    add(Type.OPERATOR, start);
                } else {
                    position++;
                    add(Type.PLACEHOLDER, start);
                }
                return true;
            }
            if (OPERATOR_CHARS.indexOf(c) >= 0) {
                readOperatorRun();
                add(Type.OPERATOR, start);
                return true;
            }
            position++;
            if (c == '{') {
                escapeDepth++;
                add(Type.PUNCTUATION, start);
            } else if (c == '}') {
                add(Type.PUNCTUATION, start);
                escapeDepth = Math.max(0, escapeDepth - 1);
            } else {
                add("(),;.[]".indexOf(c) >= 0 ? Type.PUNCTUATION : Type.OPERATOR, start);
            }
            return true;
        }

        private boolean readString(int start, boolean backslashEscapes) {
            position++;
            while (position < sql.length()) {
                char c = sql.charAt(position);
                if (backslashEscapes && c == '\\') {
                    position += 2;
                } else if (c == '\'') {
                    if (sql.startsWith("''", position)) {
                        position += 2;
                    } else {
                        position++;
                        add(Type.STRING, start);
                        return true;
                    }
                } else {
                    position++;
                }
            }
            return false;
        }

        private boolean readQuotedIdentifier(int start) {
            position++;
            while (position < sql.length()) {
                if (sql.startsWith("\"\"", position)) {
                    position += 2;
                } else if (sql.charAt(position) == '"') {
                    position++;
                    add(Type.QUOTED_IDENTIFIER, start);
                    return true;
                } else {
                    position++;
                }
            }
            return false;
        }

        private boolean readDollar(int start) {
            Matcher tag = DOLLAR_TAG.matcher(sql).region(position, sql.length());
            if (dialect != Dialect.GENERIC && tag.lookingAt()) {
                int end = sql.indexOf(tag.group(), tag.end());
                if (end < 0) {
                    return false;
                }
                position = end + tag.group().length();
                add(Type.STRING, start);
                return true;
            }
            // A positional parameter such as $1, or a lone dollar: neither is varied.
            position++;
            while (position < sql.length() && Character.isDigit(sql.charAt(position))) {
                position++;
            }
            add(Type.WORD, start);
            return true;
        }

        private void readNumber(int start) {
            while (position < sql.length() && (Character.isDigit(sql.charAt(position)) || sql.charAt(position) == '.')) {
                position++;
            }
            if (position < sql.length() && (sql.charAt(position) == 'e' || sql.charAt(position) == 'E')) {
                int exponent = position + 1;
                if (exponent < sql.length() && (sql.charAt(exponent) == '+' || sql.charAt(exponent) == '-')) {
                    exponent++;
                }
                if (exponent < sql.length() && Character.isDigit(sql.charAt(exponent))) {
                    position = exponent;
                    while (position < sql.length() && Character.isDigit(sql.charAt(position))) {
                        position++;
                    }
                }
            }
            add(Type.NUMBER, start);
        }

        private boolean readWord(int start) {
            position++;
            while (position < sql.length() && isWordPart(sql.charAt(position))) {
                position++;
            }
            String word = sql.substring(start, position);
            // A string prefix belongs to its string: E'…', N'…', B'…', X'…', U&'…' and U&"…".
            if (position < sql.length() && sql.charAt(position) == '\'' && word.matches("[EeNnBbXx]")) {
                boolean backslashEscapes = dialect == Dialect.POSTGRESQL && word.equalsIgnoreCase("E");
                return readString(start, backslashEscapes);
            }
            if (word.equalsIgnoreCase("U") && sql.startsWith("&'", position)) {
                position++;
                return readString(start, false);
            }
            if (word.equalsIgnoreCase("U") && sql.startsWith("&\"", position)) {
                position++;
                return readQuotedIdentifier(start);
            }
            add(Type.WORD, start);
            return true;
        }

        private void readOperatorRun() {
            while (position < sql.length() && OPERATOR_CHARS.indexOf(sql.charAt(position)) >= 0
                    && !sql.startsWith("--", position) && !sql.startsWith("/*", position)) {
                position++;
            }
        }

        private void add(Type type, int start) {
            boolean escaped = escapeDepth > 0 || (type == Type.PUNCTUATION && sql.charAt(start) == '}');
            tokens.add(new Token(type, sql.substring(start, position), escaped));
        }

        private static boolean isWordStart(char c) {
            return Character.isLetter(c) || c == '_';
        }

        private static boolean isWordPart(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == '$';
        }
    }
}
