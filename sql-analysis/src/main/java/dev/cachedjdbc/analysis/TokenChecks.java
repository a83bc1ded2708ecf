package dev.cachedjdbc.analysis;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Second opinions from the tokens on what the walk over the parse tree found. The tree walk is exact but only as
 * complete as its knowledge of JSqlParser's many node types; these checks are crude but see every token, so a
 * construct the walk missed makes a statement less cacheable instead of wrongly cacheable.
 */
final class TokenChecks {

    /** Words that may stand before a parenthesis without being a function call. */
    private static final Set<String> STRUCTURAL_WORDS = Set.of(
            "all", "and", "any", "array", "as", "between", "by", "case", "cast", "check", "collate", "conflict",
            "constraint", "cube", "default", "delete", "distinct", "do", "else", "escape", "except", "exists",
            "fetch", "filter", "first", "following", "for", "foreign", "from", "group", "groups", "having", "ilike",
            "in", "index", "insert", "intersect", "interval", "into", "is", "join", "key", "lateral", "like",
            "limit", "materialized", "matched", "merge", "minus", "next", "not", "nothing", "null", "of", "offset",
            "on", "only", "or", "order", "over", "overlaps", "partition", "preceding", "primary", "range",
            "recursive", "references", "repeatable", "returning", "rollup", "row", "rows", "select", "set", "sets",
            "similar", "some", "table", "tablesample", "then", "to", "top", "union", "unique", "update", "using",
            "values", "variadic", "when", "where", "window", "with", "within", "system", "bernoulli", "ordinality");

    /** Type names that take a length or precision in parentheses. */
    private static final Set<String> TYPE_NAMES = Set.of(
            "varchar", "char", "character", "varying", "nvarchar", "nchar", "varchar2", "numeric", "decimal", "dec",
            "number", "float", "double", "real", "int", "integer", "bigint", "smallint", "tinyint", "timestamp",
            "timestamptz", "time", "timetz", "bit", "varbit", "binary", "varbinary", "raw", "datetime", "datetime2",
            "clob", "blob", "decfloat", "geometry", "geography", "vector", "enum");

    private TokenChecks() {
    }

    /** The number of SELECT keywords: a walk that met fewer query blocks missed a subquery. */
    static int selectKeywords(TokenRange tokens) {
        int count = 0;
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.isWord(i, "SELECT")) {
                count++;
            }
        }
        return count;
    }

    /**
     * The first table the tokens name where the walk must have met it, as written, or null when the walk met every
     * one. Such places are the name right after FROM (of a query, not of {@code extract(… FROM x)} or
     * {@code IS DISTINCT FROM x}), JOIN or USING, and the name of a {@code TABLE} query or of {@code CREATE TABLE}
     * and {@code TRUNCATE TABLE}; a name followed by a parenthesis is a function. A name the walk met as a table read
     * or written, or as a CTE, is accounted for. A parser that misread a construct (JSqlParser takes the
     * {@code TABLE} of {@code (TABLE t)} for a table's name) is caught here instead of leaving a table unread.
     */
    static String tableTheWalkMissed(TokenRange tokens, Dialect dialect, Findings findings) {
        Set<TableKey> known = new HashSet<>(findings.cteKeys);
        findings.read.forEach(table -> known.add(table.key()));
        findings.written.forEach(table -> known.add(table.key()));
        for (int i = 0; i + 1 < tokens.size(); i++) {
            boolean namesATable = tokens.isWord(i, "JOIN") || tokens.isWord(i, "USING") || tokens.isWord(i, "TABLE")
                    || (tokens.isWord(i, "FROM") && isQueryFrom(tokens, i));
            if (!namesATable) {
                continue;
            }
            int name = i + 1;
            while (tokens.isWord(name, "ONLY") || tokens.isWord(name, "LATERAL")) {
                name++;
            }
            if (tokens.isWord(name, "IF")) {
                name += tokens.isWord(name + 1, "NOT") ? 3 : 2;
            }
            int end = LeadingKeywords.qualifiedNameEnd(tokens, name);
            if (end == name || tokens.isSymbol(end, '(') || tokens.isSymbol(end, '.')) {
                continue;
            }
            TableName table = LeadingKeywords.qualifiedName(tokens, name, dialect);
            if (table != null && !known.contains(table.key())) {
                return tokens.sub(name, end).sourceText();
            }
        }
        return null;
    }

    /**
     * True when the FROM at {@code index} is a query's (or DELETE's, or UPDATE's): a SELECT, DELETE or UPDATE stands
     * before it within the same parentheses. The FROM of {@code extract}, {@code substring}, {@code trim} and
     * {@code overlay} has none, and the one of {@code IS [NOT] DISTINCT FROM} follows DISTINCT.
     */
    private static boolean isQueryFrom(TokenRange tokens, int index) {
        if (tokens.isWord(index - 1, "DISTINCT")) {
            return false;
        }
        int depth = 0;
        for (int i = index - 1; i >= 0; i--) {
            if (tokens.isSymbol(i, ')')) {
                depth++;
            } else if (tokens.isSymbol(i, '(')) {
                if (depth == 0) {
                    return false;
                }
                depth--;
            } else if (depth == 0 && (tokens.isWord(i, "SELECT") || tokens.isWord(i, "DELETE")
                    || tokens.isWord(i, "UPDATE"))) {
                return true;
            }
        }
        return false;
    }

    /** The row-locking clause the tokens hold, such as {@code FOR UPDATE}, or null. */
    static String lockingClause(TokenRange tokens) {
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (tokens.isWord(i, "FOR")) {
                if (tokens.isWord(i + 1, "UPDATE")) {
                    return "FOR UPDATE";
                }
                if (tokens.isWord(i + 1, "SHARE")) {
                    return "FOR SHARE";
                }
                if (tokens.isWord(i + 1, "NO") && tokens.isWord(i + 2, "KEY") && tokens.isWord(i + 3, "UPDATE")) {
                    return "FOR NO KEY UPDATE";
                }
                if (tokens.isWord(i + 1, "KEY") && tokens.isWord(i + 2, "SHARE")) {
                    return "FOR KEY SHARE";
                }
            }
            if (tokens.isWord(i, "LOCK") && tokens.isWord(i + 1, "IN") && tokens.isWord(i + 2, "SHARE")) {
                return "LOCK IN SHARE MODE";
            }
        }
        return null;
    }

    /** The lower-case names called through JDBC {@code {fn name(…)}} escapes. */
    static Set<String> escapedFunctionNames(TokenRange tokens) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.isType(i, SqlToken.Type.WORD) && isEscapedCall(tokens, i)) {
                names.add(tokens.text(i).toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    /** True when token {@code index} is the function of a {@code {fn name(…)}} escape. */
    private static boolean isEscapedCall(TokenRange tokens, int index) {
        return tokens.isWord(index - 1, "FN") && tokens.isSymbol(index - 2, '{') && tokens.isSymbol(index + 1, '(');
    }

    /**
     * Checks every name written as a call ({@code name(} or {@code schema.name(}) against the function policy, and
     * records what the walk may have missed. Names the statement itself defines (CTEs, aliases with column lists,
     * tables with column lists) are not calls.
     */
    static void checkCalls(TokenRange tokens, Dialect dialect, Findings findings) {
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (!tokens.isSymbol(i + 1, '(')) {
                continue;
            }
            boolean word = tokens.isType(i, SqlToken.Type.WORD);
            boolean quoted = tokens.isType(i, SqlToken.Type.QUOTED_IDENTIFIER);
            if (!word && !quoted) {
                continue;
            }
            String name = quoted ? NameFolding.fold(tokens.text(i), dialect) : tokens.text(i);
            String lower = name.toLowerCase(Locale.ROOT);
            boolean qualified = tokens.isSymbol(i - 1, '.');
            if (!qualified && (word && (STRUCTURAL_WORDS.contains(lower) || TYPE_NAMES.contains(lower)))) {
                continue;
            }
            if (findings.localNames.contains(lower) || findings.localNames.contains(name)) {
                continue;
            }
            if (!qualified && tokens.isText(i - 1, "::")) {
                continue;
            }
            String schema = qualified && i >= 2 ? NameFolding.fold(tokens.text(i - 2), Dialect.POSTGRESQL) : null;
            String detail = (schema == null ? "" : tokens.text(i - 2) + ".") + name + "()";
            FunctionPolicy.Verdict verdict = word && isEscapedCall(tokens, i)
                    ? FunctionPolicy.escapedVerdict(dialect, name) : FunctionPolicy.verdict(dialect, schema, name);
            switch (verdict) {
                case DETERMINISTIC -> { }
                case VOLATILE -> findings.volatileCall(detail);
                case SESSION_CHANGE -> findings.sessionChange(detail);
                case UNKNOWN -> findings.unknownCall(detail);
            }
        }
    }
}
