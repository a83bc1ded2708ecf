package dev.cachedjdbc.analysis;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import net.sf.jsqlparser.parser.CCJSqlParserConstants;
import net.sf.jsqlparser.parser.ParserKeywordsUtils;

/**
 * Rewrites one statement's tokens into the text handed to JSqlParser. The rewrite never changes which tables or
 * functions the statement names; it only removes or restates what the parser cannot read or need not read:
 * <ul>
 *   <li>comments and hints go; {@code E'…'} and dollar-quoted strings become standard strings; {@code ??} becomes
 *       the {@code ?} it stands for;</li>
 *   <li>a long list of plain literals or placeholders, {@code IN (1, 2, …)} or {@code VALUES (…), (…), …}, is cut to
 *       its first element, so large batches parse in microseconds instead of seconds; an {@code IN} list is cut to
 *       one {@code ?} instead, which stands for the whole list (see {@link CutList});</li>
 *   <li>JDBC escapes become what the JDBC driver turns them into before the database sees them: {@code {oj X}} is
 *       {@code X}, {@code {fn f(…)}} is {@code f(…)}, {@code {d 'x'}}, {@code {t 'x'}} and {@code {ts 'x'}} are
 *       {@code DATE 'x'}, {@code TIME 'x'} and {@code TIMESTAMP 'x'}, {@code {escape 'c'}} is {@code ESCAPE 'c'}
 *       and {@code {limit n}} is {@code LIMIT n};</li>
 *   <li>clauses JSqlParser does not know and that do not change which tables are touched are left out:
 *       {@code RESTART IDENTITY} and {@code CONTINUE IDENTITY} of TRUNCATE, and the {@code TEMPORARY},
 *       {@code UNLOGGED} and {@code TABLE} words of {@code SELECT … INTO};</li>
 *   <li>H2's {@code MERGE INTO t [KEY (…)] VALUES …} becomes the {@code INSERT} JSqlParser knows (the caller
 *       remembers that the target is also read);</li>
 *   <li>a {@code TABLE name} query becomes the {@code SELECT * FROM name} it abbreviates: JSqlParser reads the
 *       short form only as a whole statement, and elsewhere fails or takes {@code TABLE} for a table's name.</li>
 * </ul>
 */
final class ParserInput {

    /** Lists longer than this are cut; short ones are kept so that the parsed text stays close to the original. */
    static final int COLLAPSE_THRESHOLD = 8;

    /** Words JSqlParser reserves although databases accept them as names ({@code returns}, {@code settings}). */
    private static final Set<String> PARSER_ONLY_KEYWORDS = parserOnlyKeywords();

    private final TokenRange statement;
    private final String sql;
    private final boolean quoteParserOnlyKeywords;
    private final StringBuilder text = new StringBuilder();
    /** Set where a left-out token or comment stood, so that the tokens on either side stay apart. */
    private boolean separatorPending;
    /** Closing braces of JDBC escapes whose opening was rewritten; they are left out. */
    private final Set<Integer> droppedBraces = new HashSet<>();
    /** Cleared when a list was cut or a {@code ??} became {@code ?}: see {@link Text#valuesAsWritten()}. */
    private boolean valuesAsWritten = true;
    /** Cleared when an escaped or dollar-quoted string became a standard one: see {@link Text#stringsAsWritten()}. */
    private boolean stringsAsWritten = true;
    /** The {@code IN} lists cut to one {@code ?}, in the order of the text. */
    private final List<CutList> cutLists = new ArrayList<>();

    private ParserInput(TokenRange statement, boolean quoteParserOnlyKeywords) {
        this.statement = statement;
        this.sql = statement.lexed().sql();
        this.quoteParserOnlyKeywords = quoteParserOnlyKeywords;
    }

    /**
     * The text handed to the parser.
     *
     * @param sql             the parser input
     * @param valuesAsWritten true when every literal and {@code ?} placeholder of the statement is in the input, in
     *                        the same order, and the input holds no other {@code ?} than those standing for
     *                        {@code cutLists}: no other list was cut and no {@code ??} became a {@code ?}. Only then
     *                        do the values the parser reads, and the positions it numbers its parameters by, stand for
     *                        the statement's own (see {@link PlaceholderNumbering}).
     * @param cutLists        the {@code IN} lists that stand in the input as one {@code ?} each, in the order of the
     *                        text
     * @param stringsAsWritten true when every string of the input is written as in the statement: no escaped or
     *                        dollar-quoted string was restated as a standard one, which keeps what the parser needs
     *                        but not always the string's value
     */
    record Text(String sql, boolean valuesAsWritten, List<CutList> cutLists, boolean stringsAsWritten) {
        Text {
            cutLists = List.copyOf(cutLists);
        }
    }

    /**
     * A list of more than {@link #COLLAPSE_THRESHOLD} plain literals or placeholders after {@code IN}, which the parser
     * input holds as {@code IN (?)}: that one parameter stands for the whole list.
     *
     * @param placeholdersBefore the statement's {@code ?} placeholders before the list
     * @param placeholders       the list's own {@code ?} placeholders
     * @param values             the list's elements as values, or null when an element is none (a null, a boolean, an
     *                           escaped or prefixed string, a number that is not an integer)
     */
    record CutList(int placeholdersBefore, int placeholders, List<RowKeyValue> values) {
        CutList {
            values = values == null ? null : List.copyOf(values);
        }
    }

    static Text of(TokenRange statement, boolean h2MergeAsInsert) {
        ParserInput input = new ParserInput(statement, false);
        input.build(h2MergeAsInsert);
        return input.result();
    }

    /**
     * The parser input with every word JSqlParser reserves but databases accept as a name quoted where it stands as a
     * table name or a part of a dotted name ({@code FROM returns r} becomes {@code FROM "returns" r}), folded the
     * way the dialect folds the unquoted word, so that the quoted name is the same name. A second try for statements
     * JSqlParser refused; equal to {@link #of} when there is nothing to quote.
     */
    static Text withParserOnlyKeywordsQuoted(TokenRange statement, boolean h2MergeAsInsert) {
        ParserInput input = new ParserInput(statement, true);
        input.build(h2MergeAsInsert);
        return input.result();
    }

    private Text result() {
        return new Text(text.toString(), valuesAsWritten, cutLists, stringsAsWritten);
    }

    /** True when the statement is H2's MERGE without USING, which JSqlParser does not read. */
    static boolean isH2StyleMerge(TokenRange statement) {
        return statement.isWord(0, "MERGE") && statement.isWord(1, "INTO") && !statement.containsWord("USING");
    }

    private void build(boolean h2MergeAsInsert) {
        boolean truncate = statement.isWord(0, "TRUNCATE");
        int i = 0;
        while (i < statement.size()) {
            SqlToken token = statement.token(i);
            if (h2MergeAsInsert && i == 0) {
                text.append("INSERT");
                i++;
                continue;
            }
            if (h2MergeAsInsert && statement.isWord(i, "KEY") && statement.isSymbol(i + 1, '(')) {
                int close = statement.closingParenthesis(i + 1);
                if (close > 0) {
                    i = close + 1;
                    continue;
                }
            }
            if (token.isSymbol(sql, '{')) {
                int next = jdbcEscape(i);
                if (next > i) {
                    i = next;
                    continue;
                }
            }
            if (droppedBraces.contains(i)) {
                separatorPending = true;
                i++;
                continue;
            }
            if (truncate && (statement.isWord(i, "RESTART") || statement.isWord(i, "CONTINUE"))
                    && statement.isWord(i + 1, "IDENTITY")) {
                separatorPending = true;
                i += 2;
                continue;
            }
            if (statement.isWord(i, "INTO")) {
                appendToken(token);
                i = afterSelectIntoTableKind(i);
                continue;
            }
            if (token.isSymbol(sql, '(')) {
                int end = literalListEnd(i);
                if (end > 0 && statement.isWord(i - 1, "IN")) {
                    appendToken(i);
                    text.append("?)");
                    cutLists.add(cutList(i, end));
                    i = end + 1;
                    continue;
                }
                if (end > 0) {
                    appendRange(i, i + 2);
                    text.append(')');
                    valuesAsWritten = false;
                    i = end + 1;
                    continue;
                }
            }
            if (statement.isWord(i, "VALUES")) {
                appendToken(token);
                i = valuesRows(i + 1);
                continue;
            }
            if (startsTableQuery(i)) {
                appendSpace(token);
                text.append("SELECT * FROM");
                separatorPending = true;
                i++;
                continue;
            }
            appendToken(i);
            i++;
        }
    }

    /**
     * True when token {@code index} is the {@code TABLE} of a {@code TABLE [ONLY] name} query: followed by a name,
     * and standing where a query may start (first, after an opening parenthesis or a set operator, after the AS of
     * a CREATE, or as the source of an INSERT). {@code CREATE TABLE}, {@code TRUNCATE TABLE} and table functions such
     * as H2's {@code TABLE(…)} are none of these.
     */
    static boolean startsTableQuery(TokenRange statement, int index) {
        if (!statement.isWord(index, "TABLE")) {
            return false;
        }
        int name = statement.isWord(index + 1, "ONLY") ? index + 2 : index + 1;
        boolean nameFollows = statement.isType(name, SqlToken.Type.QUOTED_IDENTIFIER)
                || (statement.isType(name, SqlToken.Type.WORD) && !statement.isSymbol(name + 1, '('));
        if (!nameFollows) {
            return false;
        }
        return index == 0 || statement.isSymbol(index - 1, '(') || isSetOperator(statement, index - 1)
                || ((statement.isWord(index - 1, "ALL") || statement.isWord(index - 1, "DISTINCT"))
                    && isSetOperator(statement, index - 2))
                || (statement.isWord(index - 1, "AS") && statement.isWord(0, "CREATE"))
                || isInsertSource(statement, index);
    }

    private boolean startsTableQuery(int index) {
        return startsTableQuery(statement, index);
    }

    private static boolean isSetOperator(TokenRange statement, int index) {
        return statement.isWord(index, "UNION") || statement.isWord(index, "INTERSECT")
                || statement.isWord(index, "EXCEPT") || statement.isWord(index, "MINUS");
    }

    /** True when token {@code index} directly follows {@code INSERT INTO name [AS alias] [(columns)] [OVERRIDING … VALUE]}. */
    private static boolean isInsertSource(TokenRange statement, int index) {
        for (int insert = 0; insert + 2 < index; insert++) {
            if (!statement.isWord(insert, "INSERT") || !statement.isWord(insert + 1, "INTO")) {
                continue;
            }
            int next = LeadingKeywords.qualifiedNameEnd(statement, insert + 2);
            if (next == insert + 2) {
                continue;
            }
            if (statement.isWord(next, "AS")) {
                next += 2;
            }
            if (statement.isSymbol(next, '(') && next < index) {
                int close = statement.closingParenthesis(next);
                if (close < 0) {
                    continue;
                }
                next = close + 1;
            }
            if (statement.isWord(next, "OVERRIDING")) {
                next += 3;
            }
            if (next == index) {
                return true;
            }
        }
        return false;
    }

    /**
     * At the opening brace of a JDBC escape the JDBC driver rewrites: writes what the escape becomes, remembers its
     * closing brace, and returns the index to continue from. Returns {@code open} for anything else ({@code {call …}}
     * stays a call and is classified before parsing).
     */
    private int jdbcEscape(int open) {
        int keyword = open + 1;
        String replacement;
        if (statement.isWord(keyword, "OJ") || statement.isWord(keyword, "FN")) {
            replacement = "";
        } else if (statement.isWord(keyword, "D")) {
            replacement = "DATE";
        } else if (statement.isWord(keyword, "T")) {
            replacement = "TIME";
        } else if (statement.isWord(keyword, "TS")) {
            replacement = "TIMESTAMP";
        } else if (statement.isWord(keyword, "ESCAPE")) {
            replacement = "ESCAPE";
        } else if (statement.isWord(keyword, "LIMIT")) {
            replacement = "LIMIT";
        } else {
            return open;
        }
        int close = closingBrace(open);
        if (close < 0) {
            return open;
        }
        droppedBraces.add(close);
        if (replacement.isEmpty()) {
            separatorPending = true;
        } else {
            appendSpace(statement.token(open));
            text.append(replacement);
        }
        return keyword + 1;
    }

    private int closingBrace(int open) {
        int depth = 0;
        for (int i = open; i < statement.size(); i++) {
            if (statement.isSymbol(i, '{')) {
                depth++;
            } else if (statement.isSymbol(i, '}') && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * After the INTO of {@code SELECT … INTO [LOCAL | GLOBAL] TEMPORARY | TEMP | UNLOGGED [TABLE] name}: skips the
     * words before the name, which JSqlParser does not read and which do not change the table written. Returns the
     * index to continue from; INTO of INSERT and MERGE, and an INTO not followed by those words, are left alone.
     */
    private int afterSelectIntoTableKind(int into) {
        if (statement.isWord(into - 1, "INSERT") || statement.isWord(into - 1, "MERGE")
                || statement.isWord(into - 1, "REPLACE") || statement.isWord(into - 1, "UPSERT")) {
            return into + 1;
        }
        int i = into + 1;
        if (statement.isWord(i, "LOCAL") || statement.isWord(i, "GLOBAL")) {
            i++;
        }
        if (statement.isWord(i, "TEMPORARY") || statement.isWord(i, "TEMP") || statement.isWord(i, "UNLOGGED")) {
            i++;
        }
        if (statement.isWord(i, "TABLE")) {
            i++;
        }
        boolean nameFollows = statement.isType(i, SqlToken.Type.QUOTED_IDENTIFIER)
                || (statement.isType(i, SqlToken.Type.WORD)
                    && !SqlKeywords.isReservedEverywhere(sql, statement.token(i).start(), statement.token(i).end()));
        if (i == into + 1 || !nameFollows) {
            return into + 1;
        }
        separatorPending = true;
        return i;
    }

    /**
     * At an opening parenthesis: when a list of more than {@link #COLLAPSE_THRESHOLD} single literals follows, the
     * index of its closing parenthesis; otherwise -1. The first element is at {@code open + 1}.
     */
    private int literalListEnd(int open) {
        int items = 0;
        int i = open + 1;
        while (true) {
            int next = literalEnd(i);
            if (next < 0) {
                return -1;
            }
            items++;
            if (statement.isSymbol(next, ',')) {
                i = next + 1;
            } else if (statement.isSymbol(next, ')')) {
                return items > COLLAPSE_THRESHOLD && literalEnd(open + 1) == open + 2 ? next : -1;
            } else {
                return -1;
            }
        }
    }

    /** The list of literals between the parentheses at {@code open} and {@code close}, as {@link #literalListEnd} found it. */
    private CutList cutList(int open, int close) {
        int placeholdersBefore = 0;
        for (int i = 0; i < open; i++) {
            if (statement.isType(i, SqlToken.Type.PLACEHOLDER)) {
                placeholdersBefore++;
            }
        }
        int placeholders = 0;
        List<RowKeyValue> values = new ArrayList<>();
        int i = open + 1;
        while (i < close) {
            int next = literalEnd(i);
            RowKeyValue value = null;
            if (statement.isType(i, SqlToken.Type.PLACEHOLDER)) {
                placeholders++;
                value = new RowKeyValue.Parameter(placeholdersBefore + placeholders);
            } else if (statement.isType(i, SqlToken.Type.NUMBER)) {
                value = IntegerLiterals.of(statement.text(i), false);
            } else if (next == i + 2 && statement.token(i).isSymbol(sql, '-')) {
                value = IntegerLiterals.of(statement.text(i + 1), true);
            } else if (statement.isType(i, SqlToken.Type.STRING)) {
                value = RowKeyValue.TextLiteral.ofToken(statement.text(i));
            }
            if (value == null) {
                values = null;
            } else if (values != null) {
                values.add(value);
            }
            i = next + 1;
        }
        return new CutList(placeholdersBefore, placeholders, values);
    }

    /** The index after the literal starting at {@code i}, or -1 when no single literal starts there. */
    private int literalEnd(int i) {
        if (i >= statement.size()) {
            return -1;
        }
        SqlToken token = statement.token(i);
        switch (token.type()) {
            case NUMBER, STRING, ESCAPE_STRING, DOLLAR_STRING, PLACEHOLDER, POSITIONAL_PARAMETER:
                return i + 1;
            case WORD:
                return statement.isWord(i, "NULL") || statement.isWord(i, "TRUE") || statement.isWord(i, "FALSE")
                        ? i + 1 : -1;
            case SYMBOL:
                if ((token.isSymbol(sql, '-') || token.isSymbol(sql, '+')) && statement.isType(i + 1, SqlToken.Type.NUMBER)) {
                    return i + 2;
                }
                return -1;
            default:
                return -1;
        }
    }

    /**
     * After VALUES: copies the first row, and drops the rest when there are more than {@link #COLLAPSE_THRESHOLD}
     * rows of plain literals. Returns the index to continue from.
     */
    private int valuesRows(int first) {
        int rows = 0;
        int i = first;
        int firstRowEnd = -1;
        while (statement.isSymbol(i, '(')) {
            int close = rowEnd(i);
            if (close < 0) {
                return first;
            }
            rows++;
            if (firstRowEnd < 0) {
                firstRowEnd = close;
            }
            if (statement.isSymbol(close + 1, ',') && statement.isSymbol(close + 2, '(')) {
                i = close + 2;
            } else {
                i = close + 1;
                break;
            }
        }
        if (rows <= COLLAPSE_THRESHOLD) {
            return first;
        }
        appendRange(first, firstRowEnd + 1);
        valuesAsWritten = false;
        return i;
    }

    /** At an opening parenthesis: the index of its closing one when only literals sit between, else -1. */
    private int rowEnd(int open) {
        int i = open + 1;
        while (true) {
            int next = literalEnd(i);
            if (next < 0) {
                return -1;
            }
            if (statement.isSymbol(next, ',')) {
                i = next + 1;
            } else if (statement.isSymbol(next, ')')) {
                return next;
            } else {
                return -1;
            }
        }
    }

    private void appendRange(int from, int to) {
        for (int i = from; i < to; i++) {
            appendToken(i);
        }
    }

    /** Appends token {@code index}, quoting it first when this input quotes parser-only keywords and it is one. */
    private void appendToken(int index) {
        SqlToken token = statement.token(index);
        if (quoteParserOnlyKeywords && isParserOnlyKeywordAsName(index)) {
            appendSpace(token);
            String folded = statement.lexed().dialect().foldUnquoted(token.text(sql));
            text.append('"').append(folded).append('"');
            return;
        }
        appendToken(token);
    }

    private boolean isParserOnlyKeywordAsName(int index) {
        if (!statement.isType(index, SqlToken.Type.WORD)) {
            return false;
        }
        String word = statement.text(index);
        if (!PARSER_ONLY_KEYWORDS.contains(word.toUpperCase(Locale.ROOT)) || statement.isSymbol(index + 1, '(')) {
            return false;
        }
        boolean tableName = statement.isWord(index - 1, "FROM") || statement.isWord(index - 1, "JOIN")
                || statement.isWord(index - 1, "UPDATE") || statement.isWord(index - 1, "INTO");
        boolean dotted = statement.isSymbol(index - 1, '.') || statement.isSymbol(index + 1, '.');
        return tableName || dotted;
    }

    /** JSqlParser's reserved keywords that no dialect here treats as a keyword: names JSqlParser refuses. */
    private static Set<String> parserOnlyKeywords() {
        Set<String> words = new HashSet<>();
        String[] images = CCJSqlParserConstants.tokenImage;
        for (int kind = 0; kind < images.length; kind++) {
            String image = images[kind];
            if (image.startsWith("<K_") && image.endsWith(">") && !ParserKeywordsUtils.isNonReservedKeyword(kind)) {
                String word = image.substring(3, image.length() - 1);
                if (!SqlKeywords.isKeyword(word)) {
                    words.add(word);
                }
            }
        }
        return Set.copyOf(words);
    }

    private void appendSpace(SqlToken token) {
        if ((token.spaceBefore() || separatorPending) && text.length() > 0) {
            text.append(' ');
        }
        separatorPending = false;
    }

    private void appendToken(SqlToken token) {
        switch (token.type()) {
            case KEPT_COMMENT -> separatorPending = true;
            case ESCAPE_STRING -> {
                appendSpace(token);
                appendStandardString(unescape(sql.substring(token.start() + 2, token.end() - 1)));
                stringsAsWritten = false;
            }
            case DOLLAR_STRING -> {
                appendSpace(token);
                String quoted = sql.substring(token.start(), token.end());
                int tagLength = quoted.indexOf('$', 1) + 1;
                appendStandardString(quoted.substring(tagLength, quoted.length() - tagLength));
                stringsAsWritten = false;
            }
            case OPERATOR -> {
                appendSpace(token);
                String operator = token.text(sql);
                if (operator.contains("??")) {
                    valuesAsWritten = false;
                }
                text.append(operator.replace("??", "?"));
            }
            default -> {
                appendSpace(token);
                text.append(sql, token.start(), token.end());
            }
        }
    }

    private void appendStandardString(String content) {
        text.append('\'').append(content.replace("'", "''")).append('\'');
    }

    private static String unescape(String escaped) {
        StringBuilder plain = new StringBuilder(escaped.length());
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '\\' && i + 1 < escaped.length()) {
                plain.append(escaped.charAt(++i));
            } else if (c == '\'' && i + 1 < escaped.length() && escaped.charAt(i + 1) == '\'') {
                plain.append('\'');
                i++;
            } else {
                plain.append(c);
            }
        }
        return plain.toString();
    }
}
