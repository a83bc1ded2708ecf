package dev.cachedjdbc.result;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * Heap-use estimates for cached values and keys, for the cache's weigher and its size limits. References are as wide
 * as the running JVM makes them ({@link JvmLayout}: 4 bytes under compressed references, else 8), and a string counts
 * one byte a character where the JVM keeps Latin-1 text compact and the text is Latin-1, else two. Headers are counted
 * at 16 bytes (12 rounded up) and every object is padded to 8 bytes, so the estimates err slightly on the high side.
 * Values of driver classes that cannot be measured count as a fixed object plus their text form.
 */
public final class SizeEstimates {

    public static final int REFERENCE = JvmLayout.REFERENCE_BYTES;
    public static final int OBJECT_HEADER = 16;
    public static final int ARRAY_HEADER = 16;

    /** A String object (header, hash, coder, array reference) plus its byte array. */
    private static final int STRING_OVERHEAD = 24 + ARRAY_HEADER;
    /** A boxed int-sized value; Long, Double and the like take the same once padded. */
    private static final int BOXED = 24;
    /** BigDecimal's fields (scale, precision, cached string, intCompact, BigInteger reference). */
    private static final int BIG_DECIMAL = 40;
    /** BigInteger's fields plus its int[] magnitude header. */
    private static final int BIG_INTEGER = 40 + ARRAY_HEADER;
    /** java.util.Date / java.sql.Timestamp: millis, calendar reference, nanos. */
    private static final int DATE = 32;
    /** LocalDateTime holds a LocalDate and a LocalTime; the offset and zoned forms add a ZoneOffset reference. */
    private static final int LOCAL_DATE = 24;
    private static final int LOCAL_TIME = 24;
    private static final int LOCAL_DATE_TIME = 24 + LOCAL_DATE + LOCAL_TIME;
    private static final int OFFSET_DATE_TIME = 24 + LOCAL_DATE_TIME;
    private static final int UUID = 32;
    /** A driver object of unknown shape: a header and a few fields besides its text. */
    private static final int UNKNOWN_OBJECT = 48;
    /** Decimal digits every unscaled value below 10^18 fits in. */
    private static final int MAX_LONG_DIGITS = 18;

    private SizeEstimates() {
    }

    /** An array of references of this length, without what its elements refer to. */
    public static long array(int length) {
        return padded(ARRAY_HEADER + (long) length * REFERENCE);
    }

    static long string(String text) {
        int length = text.length();
        return padded(STRING_OVERHEAD + (JvmLayout.COMPACT_STRINGS && isLatin1(text) ? length : 2L * length));
    }

    private static boolean isLatin1(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0xFF) {
                return false;
            }
        }
        return true;
    }

    /** The estimated heap use of a snapshot value, not counting the reference that points at it. */
    public static long value(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof String text) {
            return string(text);
        }
        if (value instanceof byte[] bytes) {
            return padded(ARRAY_HEADER + (long) bytes.length);
        }
        if (value instanceof BigDecimal decimal) {
            return BIG_DECIMAL + unscaled(decimal);
        }
        if (value instanceof BigInteger integer) {
            return bigInteger(integer);
        }
        if (value instanceof Number || value instanceof Boolean || value instanceof Character) {
            return BOXED;
        }
        if (value instanceof java.util.Date) {
            return DATE;
        }
        if (value instanceof LocalDate) {
            return LOCAL_DATE;
        }
        if (value instanceof LocalTime) {
            return LOCAL_TIME;
        }
        if (value instanceof java.time.LocalDateTime) {
            return LOCAL_DATE_TIME;
        }
        if (value instanceof java.time.temporal.Temporal) {
            return OFFSET_DATE_TIME;
        }
        if (value instanceof java.util.UUID) {
            return UUID;
        }
        if (value instanceof CachedArray array) {
            return array.estimatedBytes();
        }
        if (value instanceof Object[] elements) {
            long bytes = padded(ARRAY_HEADER + (long) elements.length * REFERENCE);
            for (Object element : elements) {
                bytes += value(element);
            }
            return bytes;
        }
        if (value.getClass().isArray()) {
            // Primitive elements: counted at the widest (long, double) whatever their type.
            return padded(ARRAY_HEADER + 8L * java.lang.reflect.Array.getLength(value));
        }
        return UNKNOWN_OBJECT + string(String.valueOf(value));
    }

    /**
     * What {@link #bigInteger} gives for the unscaled value, without building it: unscaledValue() allocates a
     * BigInteger for every decimal small enough to be held in a long, which is most of them.
     */
    static long unscaled(BigDecimal decimal) {
        if (decimal.signum() == 0) {
            return padded(BIG_INTEGER);
        }
        if (decimal.precision() <= MAX_LONG_DIGITS) {
            // Below 10^18 the magnitude has at most 60 bits: one or two ints, which pad to the same size.
            return padded(BIG_INTEGER + 8);
        }
        return bigInteger(decimal.unscaledValue());
    }

    private static long bigInteger(BigInteger integer) {
        // Small unscaled values live in BigDecimal's long field, but counting the magnitude array keeps it simple.
        return padded(BIG_INTEGER + 4L * ((integer.bitLength() + 31) / 32));
    }

    public static long padded(long bytes) {
        return (bytes + 7) & ~7L;
    }
}
