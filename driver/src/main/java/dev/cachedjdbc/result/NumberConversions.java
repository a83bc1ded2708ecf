package dev.cachedjdbc.result;

import static dev.cachedjdbc.result.ConversionErrors.conversionError;
import static dev.cachedjdbc.result.ConversionErrors.conversionFailure;
import static dev.cachedjdbc.result.ConversionErrors.outOfRange;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.util.Locale;

/**
 * getBoolean and the numeric getters of a cached result: from the typed value, or from the driver's text where the
 * source driver parses text (pgjdbc), rounding fractions as it does.
 */
final class NumberConversions {

    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private final SourceConventions conventions;

    NumberConversions(SourceConventions conventions) {
        this.conventions = conventions;
    }

    boolean toBoolean(CachedColumn column, int row) throws SQLException {
        Object value = column.value(row);
        if (value instanceof Boolean bool) {
            return bool;
        }
        if ((value instanceof Double || value instanceof Float) && !conventions.numbersFromText()) {
            // NaN and the infinities have no BigDecimal form; NaN is no number, so it is not true
            double floating = ((Number) value).doubleValue();
            return !Double.isNaN(floating) && floating != 0;
        }
        if (value instanceof Number number && !conventions.numbersFromText()) {
            return decimalOf(number).signum() != 0;
        }
        String text = column.text(row).trim();
        switch (text.toLowerCase(Locale.ROOT)) {
            case "t", "true", "1", "y", "yes", "on":
                return true;
            case "f", "false", "0", "n", "no", "off":
                return false;
            default:
                try {
                    return new BigDecimal(text).signum() != 0;
                } catch (NumberFormatException e) {
                    throw conversionError(text, "boolean");
                }
        }
    }

    /**
     * Whether a numeric getter must parse the cell's text, as pgjdbc does, rather than convert its typed value. Where
     * the text is the value's own exact rendering (an integer, a decimal, or a double read as a double), parsing it
     * gives the very number the value holds, so the hit skips the parse.
     */
    private boolean readsText(CachedColumn column, int row, boolean doubleIsExact) {
        if (!conventions.numbersFromText()) {
            return false;
        }
        Object value = column.value(row);
        boolean exactRendering = value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte || value instanceof BigDecimal || doubleIsExact && value instanceof Double;
        return !exactRendering || column.hasOwnText(row);
    }

    byte toByte(CachedColumn column, int row) throws SQLException {
        return (byte) toIntegral(column, row, Byte.MIN_VALUE, Byte.MAX_VALUE, "byte");
    }

    short toShort(CachedColumn column, int row) throws SQLException {
        return (short) toIntegral(column, row, Short.MIN_VALUE, Short.MAX_VALUE, "short");
    }

    int toInt(CachedColumn column, int row) throws SQLException {
        return (int) toIntegral(column, row, Integer.MIN_VALUE, Integer.MAX_VALUE, "int");
    }

    long toLong(CachedColumn column, int row) throws SQLException {
        return toIntegral(column, row, Long.MIN_VALUE, Long.MAX_VALUE, "long");
    }

    /** getByte, getShort, getInt and getLong: the value as an integer within [min, max]. */
    private long toIntegral(CachedColumn column, int row, long min, long max, String target) throws SQLException {
        Object value = column.value(row);
        if (value instanceof Integer integer && !column.hasOwnText(row)) {
            // An int kept without a differing text reads the same by value and by text, in every convention.
            return inRange(integer, min, max, target);
        }
        if (!readsText(column, row, true)) {
            if (value instanceof Long || value instanceof Integer || value instanceof Short
                    || value instanceof Byte) {
                return inRange(((Number) value).longValue(), min, max, target);
            }
            if (value instanceof Double || value instanceof Float) {
                double floating = ((Number) value).doubleValue();
                if (Double.isNaN(floating) || Double.isInfinite(floating)) {
                    throw outOfRange(String.valueOf(floating), target);
                }
                return integral(new BigDecimal(floating), conventions.floatingToWhole(), min, max, target);
            }
            if (value instanceof Number number) {
                return integral(decimalOf(number), conventions.decimalToWhole(), min, max, target);
            }
            if (value instanceof Boolean bool) {
                return bool ? 1 : 0;
            }
        }
        String text = column.text(row).trim();
        if (text.isEmpty() && min == Byte.MIN_VALUE && conventions.blankTextIsZeroByte()) {
            return 0;
        }
        try {
            return inRange(Long.parseLong(text), min, max, target);
        } catch (NumberFormatException notAnInteger) {
            try {
                return integral(new BigDecimal(text), conventions.decimalToWhole(), min, max, target);
            } catch (NumberFormatException notANumber) {
                throw conversionError(text, target);
            }
        }
    }

    double toDouble(CachedColumn column, int row) throws SQLException {
        Object value = column.value(row);
        if (!readsText(column, row, true)) {
            if (value instanceof Number number) {
                return number.doubleValue();
            }
            if (value instanceof Boolean bool) {
                return bool ? 1 : 0;
            }
        }
        String text = column.text(row).trim();
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw conversionError(text, "double");
        }
    }

    float toFloat(CachedColumn column, int row) throws SQLException {
        Object value = column.value(row);
        if (!readsText(column, row, false)) {
            if (value instanceof Number number) {
                return number.floatValue();
            }
            if (value instanceof Boolean bool) {
                return bool ? 1 : 0;
            }
        }
        String text = column.text(row).trim();
        try {
            return Float.parseFloat(text);
        } catch (NumberFormatException e) {
            throw conversionError(text, "float");
        }
    }

    BigDecimal toBigDecimal(CachedColumn column, int row) throws SQLException {
        if (column.value(row) instanceof BigDecimal decimal) {
            return decimal;
        }
        try {
            return toBigDecimalUnguarded(column, row);
        } catch (RuntimeException e) {
            throw conversionFailure(column, row, "java.math.BigDecimal", e);
        }
    }

    private BigDecimal toBigDecimalUnguarded(CachedColumn column, int row) throws SQLException {
        Object value = column.value(row);
        if (!readsText(column, row, true)) {
            if (value instanceof Float floating) {
                return new BigDecimal(floating.toString());
            }
            if (value instanceof Double floating) {
                if (floating.isNaN() || floating.isInfinite()) {
                    throw conversionError(floating.toString(), "BigDecimal");
                }
                return BigDecimal.valueOf(floating);
            }
            if (value instanceof Number number) {
                return decimalOf(number);
            }
            if (value instanceof Boolean bool) {
                return bool ? BigDecimal.ONE : BigDecimal.ZERO;
            }
        }
        String text = column.text(row).trim();
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw conversionError(text, "BigDecimal");
        }
    }

    BigDecimal toBigDecimal(CachedColumn column, int row, int scale) throws SQLException {
        return toBigDecimal(column, row).setScale(scale, RoundingMode.HALF_UP);
    }

    private static BigDecimal decimalOf(Number number) {
        if (number instanceof BigDecimal decimal) {
            return decimal;
        }
        if (number instanceof BigInteger integer) {
            return new BigDecimal(integer);
        }
        if (number instanceof Double || number instanceof Float) {
            return new BigDecimal(number.toString());
        }
        return BigDecimal.valueOf(number.longValue());
    }

    private static long integral(BigDecimal decimal, SourceConventions.Rounding rounding, long min, long max,
            String target) throws SQLException {
        BigDecimal whole = rounding.whole(decimal);
        if (whole.compareTo(LONG_MIN) < 0 || whole.compareTo(LONG_MAX) > 0) {
            throw outOfRange(decimal.toPlainString(), target);
        }
        return inRange(whole.longValue(), min, max, target);
    }

    private static long inRange(long value, long min, long max, String target) throws SQLException {
        if (value < min || value > max) {
            throw outOfRange(Long.toString(value), target);
        }
        return value;
    }
}
