package dev.cachedjdbc.analysis;

import java.util.Objects;

/**
 * One value a {@link RowRestriction} allows: a bound parameter, or a literal of the text. A literal says nothing about
 * the column's type: a cache must only take a literal whose kind is the column's own ({@code 1} for an integer column,
 * {@code 'x'} for a text column), since the database converts the others in ways it does not promise to be exact.
 */
public sealed interface RowKeyValue {

    /** The JDBC parameter at this 1-based position, counting the text's {@code ?} placeholders from the left. */
    record Parameter(int index) implements RowKeyValue {
        public Parameter {
            if (index < 1) {
                throw new IllegalArgumentException("JDBC parameters count from 1: " + index);
            }
        }
    }

    /** An integer literal written in the text, sign included. */
    record IntegerLiteral(long value) implements RowKeyValue {
    }

    /**
     * A standard string literal ({@code '…'} without a prefix) written in the text, as the database reads it: the
     * quotes taken off and doubled quotes made single. Never one that holds a backslash, which a PostgreSQL server
     * with {@code standard_conforming_strings} off reads as an escape.
     */
    record TextLiteral(String value) implements RowKeyValue {
        public TextLiteral {
            Objects.requireNonNull(value, "value");
            if (value.indexOf('\\') >= 0) {
                throw new IllegalArgumentException("a backslash may be an escape: " + value);
            }
        }

        /**
         * The value of a standard string literal as the lexer cut it ({@code 'it''s'}), or null when the token has
         * a prefix, holds a backslash or is not closed.
         */
        static TextLiteral ofToken(String token) {
            if (token.length() < 2 || token.charAt(0) != '\'' || token.charAt(token.length() - 1) != '\''
                    || token.indexOf('\\') >= 0) {
                return null;
            }
            return new TextLiteral(token.substring(1, token.length() - 1).replace("''", "'"));
        }
    }
}
