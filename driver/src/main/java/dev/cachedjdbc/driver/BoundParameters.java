package dev.cachedjdbc.driver;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLType;
import java.time.temporal.TemporalAccessor;
import java.util.Arrays;
import java.util.Calendar;
import java.util.UUID;

/**
 * The parameters bound to a prepared statement, as the part of a cache key they become. Each slot holds a value
 * whose {@code equals} means "binds the same": the value with a tag for how it was bound, so that
 * {@code setInt(1, 5)} and {@code setString(1, "5")} never share an entry. Streams, LOBs and values of classes whose
 * equality cannot be trusted make the execution uncacheable.
 */
final class BoundParameters {

    /** Marks a slot whose value cannot be part of a key. */
    static final Object UNCACHEABLE = new Object() {
        @Override
        public String toString() {
            return "<uncacheable>";
        }
    };

    private static final Object[] NONE = new Object[0];

    private Object[] slots = NONE;
    private int highest;
    private int uncacheableSlots;

    void set(int index, Object keyValue) {
        if (index < 1) {
            return; // the delegate rejects it; the key need not know
        }
        if (index > slots.length) {
            slots = Arrays.copyOf(slots, Math.max(index, slots.length * 2 + 4));
        }
        Object previous = slots[index - 1];
        if (previous == UNCACHEABLE) {
            uncacheableSlots--;
        }
        if (keyValue == UNCACHEABLE) {
            uncacheableSlots++;
        }
        slots[index - 1] = keyValue;
        highest = Math.max(highest, index);
    }

    void clear() {
        Arrays.fill(slots, null);
        highest = 0;
        uncacheableSlots = 0;
    }

    boolean cacheable() {
        return uncacheableSlots == 0;
    }

    /** A copy for a key: the statement may be rebound and executed again while the key lives on in the cache. */
    Object[] snapshot() {
        return highest == 0 ? NONE : Arrays.copyOf(slots, highest);
    }

    /**
     * The integer a slot binds, when the database is sure to compare it with an integer column as that integer: a
     * value of an integer Java type bound by setByte/setShort/setInt/setLong, by setBigDecimal without a fraction,
     * or by setObject without a target type or with an integer one. Null for anything else (strings, nulls,
     * fractions, other targets), which the caller must treat as "could be any row".
     */
    static Long integerKey(Object slot) {
        if (!(slot instanceof Typed typed)) {
            return null;
        }
        return switch (typed.setter()) {
            case BYTE, SHORT, INT, LONG -> integerValue(typed.value());
            case BIG_DECIMAL -> typed.value() instanceof BigDecimal decimal ? exactLong(decimal) : null;
            case OBJECT -> INTEGER_TARGETS.contains(typed.detail() == null ? "" : targetOf(typed.detail()))
                    ? integerValue(typed.value()) : null;
            default -> null;
        };
    }

    /** setObject targets that bind an integer as an integer; "" is setObject without a target type. */
    private static final java.util.Set<String> INTEGER_TARGETS = java.util.Set.of("",
            String.valueOf(java.sql.Types.TINYINT), String.valueOf(java.sql.Types.SMALLINT),
            String.valueOf(java.sql.Types.INTEGER), String.valueOf(java.sql.Types.BIGINT),
            "java.sql:TINYINT", "java.sql:SMALLINT", "java.sql:INTEGER", "java.sql:BIGINT");

    private static String targetOf(String detail) {
        int scale = detail.lastIndexOf('/');
        return scale < 0 ? detail : detail.substring(0, scale);
    }

    private static Long integerValue(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big) {
            return big.bitLength() < Long.SIZE ? big.longValue() : null;
        }
        if (value instanceof BigDecimal decimal) {
            return exactLong(decimal);
        }
        return null;
    }

    private static Long exactLong(BigDecimal decimal) {
        try {
            return decimal.longValueExact();
        } catch (ArithmeticException fractionOrTooLarge) {
            return null;
        }
    }

    // --- key values for each way of binding ---

    /** A value bound by a typed setter (setInt, setString, ...), tagged with the setter. */
    static Object typed(Setter setter, Object value) {
        if (value == null) {
            return new Null(setter.name(), 0);
        }
        Object safe = immutableCopy(value);
        return safe == UNCACHEABLE ? UNCACHEABLE : new Typed(setter, safe, null);
    }

    /** A value bound with a Calendar: the zone changes what the database receives. */
    static Object withCalendar(Setter setter, Object value, Calendar calendar) {
        if (value == null) {
            return new Null(setter.name(), 0);
        }
        Object safe = immutableCopy(value);
        String zone = calendar == null ? null : calendar.getTimeZone().getID();
        return safe == UNCACHEABLE ? UNCACHEABLE : new Typed(setter, safe, zone);
    }

    static Object nullValue(int sqlType) {
        return new Null("NULL", sqlType);
    }

    /** setObject(i, x), setObject(i, x, targetType[, scale]), setObject(i, x, SQLType[, scale]). */
    static Object object(Object value, Object targetType, int scaleOrLength) {
        if (value == null) {
            return new Null("OBJECT", targetType instanceof Integer type ? type : 0);
        }
        Object safe = immutableCopy(value);
        if (safe == UNCACHEABLE) {
            return UNCACHEABLE;
        }
        String target = targetType == null ? null
                : targetType instanceof SQLType type ? type.getVendor() + ":" + type.getName() : targetType.toString();
        return new Typed(Setter.OBJECT, safe, target == null ? null : target + "/" + scaleOrLength);
    }

    /**
     * The value itself when it is immutable with value equality, a copy when it is a known mutable value type,
     * else {@link #UNCACHEABLE}.
     */
    private static Object immutableCopy(Object value) {
        if (value instanceof String || value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte || value instanceof Boolean || value instanceof BigDecimal
                || value instanceof BigInteger || value instanceof Double || value instanceof Float
                || value instanceof Character || value instanceof UUID || value instanceof Enum<?>) {
            return value;
        }
        if (value instanceof TemporalAccessor && value.getClass().getName().startsWith("java.time.")) {
            return value; // java.time values are immutable with value equality
        }
        if (value instanceof byte[] bytes) {
            return new Bytes(bytes.clone());
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return copyTimestamp(timestamp);
        }
        if (value instanceof java.sql.Date date) {
            return new java.sql.Date(date.getTime());
        }
        if (value instanceof java.sql.Time time) {
            return new java.sql.Time(time.getTime());
        }
        if (value instanceof java.util.Date date) {
            return new java.util.Date(date.getTime());
        }
        return UNCACHEABLE;
    }

    private static java.sql.Timestamp copyTimestamp(java.sql.Timestamp timestamp) {
        java.sql.Timestamp copy = new java.sql.Timestamp(timestamp.getTime());
        copy.setNanos(timestamp.getNanos());
        return copy;
    }

    /** How a value was bound; part of the key. */
    enum Setter {
        BOOLEAN, BYTE, SHORT, INT, LONG, FLOAT, DOUBLE, BIG_DECIMAL, STRING, NSTRING, BYTES, DATE, TIME, TIMESTAMP,
        URL, OBJECT
    }

    private record Typed(Setter setter, Object value, String detail) {
    }

    private record Null(String how, int sqlType) {
    }

    private record Bytes(byte[] value) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Bytes bytes && Arrays.equals(value, bytes.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "bytes[" + value.length + "]";
        }
    }

    @Override
    public String toString() {
        return Arrays.toString(snapshot());
    }
}
