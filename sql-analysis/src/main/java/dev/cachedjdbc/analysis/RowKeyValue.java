package dev.cachedjdbc.analysis;

/** One value a {@link RowRestriction} allows: a bound parameter, or an integer literal of the text. */
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
}
