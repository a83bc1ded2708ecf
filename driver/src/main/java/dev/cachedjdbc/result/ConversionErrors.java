package dev.cachedjdbc.result;

import java.sql.SQLException;

/** The failures of a getter that cannot convert a cached value: the SQLStates every source driver uses for them. */
final class ConversionErrors {

    private static final String CONVERSION_ERROR = "22018";
    private static final String OUT_OF_RANGE = "22003";

    private ConversionErrors() {
    }

    /** A value that has no form of the target type. */
    static SQLException conversionError(String value, String target) {
        return new SQLException("Cannot convert \"" + value + "\" to " + target, CONVERSION_ERROR);
    }

    /** A value that has a form of the target type, as a conversion error caused by what failed to make it. */
    static SQLException conversionError(String value, String target, Exception cause) {
        return new SQLException("Cannot convert \"" + value + "\" to " + target, CONVERSION_ERROR, cause);
    }

    /** A number outside the target type's range. */
    static SQLException outOfRange(String value, String target) {
        return new SQLException("Value " + value + " is out of range for type " + target, OUT_OF_RANGE);
    }

    /**
     * What a conversion that failed with a RuntimeException throws instead, so that only an SQLException leaves a
     * getter: a value java.time or BigDecimal cannot represent (an infinite timestamp, an infinite float, a date-time
     * past java.time's range) fails as a conversion error, as a driver's getter would, never as ArithmeticException,
     * DateTimeException or NumberFormatException. Each getter catches in place rather than passing the conversion as
     * a lambda, which would allocate on every call of a hit.
     */
    static SQLException conversionFailure(CachedColumn column, int row, String target, RuntimeException cause) {
        String text;
        try {
            text = column.text(row);
        } catch (RuntimeException unreadable) {
            text = String.valueOf(column.value(row));
        }
        SQLException failure = conversionError(text, target);
        failure.initCause(cause);
        return failure;
    }
}
