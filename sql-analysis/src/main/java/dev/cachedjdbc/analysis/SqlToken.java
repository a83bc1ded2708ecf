package dev.cachedjdbc.analysis;

/**
 * One lexical token of a SQL text: its type and where it sits in the text. {@code spaceBefore} records whether white
 * space or a comment separated it from the previous token, which is all the key text keeps of the layout.
 */
record SqlToken(Type type, int start, int end, boolean spaceBefore) {

    enum Type {
        /** An unquoted identifier or keyword. */
        WORD,
        NUMBER,
        /** A standard {@code '…'} string; a prefix such as N, X or B is a separate WORD right before it. */
        STRING,
        /** A PostgreSQL {@code E'…'} string, in which a backslash escapes the next character. */
        ESCAPE_STRING,
        /** A PostgreSQL {@code $tag$…$tag$} string. */
        DOLLAR_STRING,
        /** A {@code "…"} or {@code `…`} identifier. */
        QUOTED_IDENTIFIER,
        /** A {@code ?} JDBC placeholder. */
        PLACEHOLDER,
        /** {@code ??}: the JDBC escape for a literal question mark (PostgreSQL JSON operators). */
        ESCAPED_QUESTION_MARK,
        /** A PostgreSQL {@code $1} positional parameter. */
        POSITIONAL_PARAMETER,
        /** An optimizer hint {@code /*+ … *}{@code /} or an executable comment {@code /*! … *}{@code /}, kept verbatim. */
        KEPT_COMMENT,
        /** Any other single character: operators, parentheses, commas, semicolons, braces. */
        SYMBOL
    }

    String text(String sql) {
        return sql.substring(start, end);
    }

    boolean isSymbol(String sql, char symbol) {
        return type == Type.SYMBOL && sql.charAt(start) == symbol;
    }

    boolean isWord(String sql, String upperCaseWord) {
        return type == Type.WORD && end - start == upperCaseWord.length()
                && sql.regionMatches(true, start, upperCaseWord, 0, upperCaseWord.length());
    }
}
