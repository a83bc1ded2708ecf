package dev.cachedjdbc.analysis;

/**
 * One lexical token of a SQL text: its type and where it sits in the text. {@code spaceBefore} records whether white
 * space or a comment separated it from the previous token; the parser input keeps that separation, the cache key
 * does not need it.
 */
record SqlToken(Type type, int start, int end, boolean spaceBefore) {

    enum Type {
        /** An unquoted identifier or keyword; under GENERIC also an {@code @name} variable. */
        WORD,
        /** A number, with any letters, digits or underscores written right after it ({@code 0x1F}, {@code 1_000}). */
        NUMBER,
        /** A standard {@code '…'} string, with its prefix when one is written against it: N, X, B or U&amp;. */
        STRING,
        /** A PostgreSQL {@code E'…'} string, in which a backslash escapes the next character. */
        ESCAPE_STRING,
        /** A PostgreSQL {@code $tag$…$tag$} string. */
        DOLLAR_STRING,
        /** A {@code "…"}, {@code U&"…"} or {@code `…`} identifier. */
        QUOTED_IDENTIFIER,
        /** A {@code ?} JDBC placeholder. */
        PLACEHOLDER,
        /** A PostgreSQL {@code $1} positional parameter. */
        POSITIONAL_PARAMETER,
        /** An optimizer hint {@code /*+ … *}{@code /} or an executable comment {@code /*! … *}{@code /}, kept verbatim. */
        KEPT_COMMENT,
        /**
         * An operator: a run of operator characters cut the way PostgreSQL cuts it ({@code <=}, {@code ->>},
         * {@code =} then {@code -} in {@code =-1}). {@code ??}, the JDBC escape for a literal {@code ?}, is part of
         * the run it stands in ({@code ??|}).
         */
        OPERATOR,
        /** Punctuation: parentheses, brackets, braces, comma, semicolon, period, {@code ::}, {@code :=} and the rest. */
        SYMBOL
    }

    String text(String sql) {
        return sql.substring(start, end);
    }

    int length() {
        return end - start;
    }

    /** True for the one-character symbol or operator {@code symbol}. */
    boolean isSymbol(String sql, char symbol) {
        return (type == Type.SYMBOL || type == Type.OPERATOR) && end - start == 1 && sql.charAt(start) == symbol;
    }

    boolean isWord(String sql, String upperCaseWord) {
        return type == Type.WORD && end - start == upperCaseWord.length()
                && sql.regionMatches(true, start, upperCaseWord, 0, upperCaseWord.length());
    }
}
