package dev.cachedjdbc.analysis;

/** The tokens {@code from} (inclusive) to {@code to} (exclusive) of a lexed text: one statement or a part of one. */
record TokenRange(LexedSql lexed, int from, int to) {

    int size() {
        return to - from;
    }

    SqlToken token(int index) {
        return lexed.tokens().get(from + index);
    }

    String text(int index) {
        return token(index).text(lexed.sql());
    }

    boolean isWord(int index, String upperCaseWord) {
        return index >= 0 && index < size() && token(index).isWord(lexed.sql(), upperCaseWord);
    }

    boolean isSymbol(int index, char symbol) {
        return index >= 0 && index < size() && token(index).isSymbol(lexed.sql(), symbol);
    }

    /** True when token {@code index} is a symbol or operator spelt exactly {@code text}. */
    boolean isText(int index, String text) {
        if (index < 0 || index >= size()) {
            return false;
        }
        SqlToken token = token(index);
        return (token.type() == SqlToken.Type.SYMBOL || token.type() == SqlToken.Type.OPERATOR)
                && token.length() == text.length() && lexed.sql().startsWith(text, token.start());
    }

    boolean isType(int index, SqlToken.Type type) {
        return index >= 0 && index < size() && token(index).type() == type;
    }

    TokenRange sub(int fromIndex, int toIndex) {
        return new TokenRange(lexed, from + fromIndex, from + toIndex);
    }

    /** True when the word appears anywhere in the range as an unquoted word. */
    boolean containsWord(String upperCaseWord) {
        for (int i = 0; i < size(); i++) {
            if (isWord(i, upperCaseWord)) {
                return true;
            }
        }
        return false;
    }

    /** The index of the parenthesis that closes the one at {@code openIndex}, or -1 when it is never closed. */
    int closingParenthesis(int openIndex) {
        int depth = 0;
        for (int i = openIndex; i < size(); i++) {
            if (isSymbol(i, '(')) {
                depth++;
            } else if (isSymbol(i, ')')) {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** The deepest parenthesis nesting in the range. */
    int maxNestingDepth() {
        int depth = 0;
        int max = 0;
        for (int i = 0; i < size(); i++) {
            if (isSymbol(i, '(')) {
                max = Math.max(max, ++depth);
            } else if (isSymbol(i, ')')) {
                depth--;
            }
        }
        return max;
    }

    /** The source text the range covers. */
    String sourceText() {
        if (size() == 0) {
            return "";
        }
        return lexed.sql().substring(token(0).start(), token(size() - 1).end());
    }
}
