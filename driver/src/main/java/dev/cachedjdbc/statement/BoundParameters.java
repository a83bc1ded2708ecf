package dev.cachedjdbc.statement;

import dev.cachedjdbc.jdbc.ParameterSetter;
import dev.cachedjdbc.result.SizeEstimates;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLType;
import java.time.temporal.TemporalAccessor;
import java.util.Arrays;
import java.util.Calendar;
import java.util.TimeZone;
import java.util.UUID;

/**
 * The parameters bound to a prepared statement, as the part of a cache key they become. Each slot holds a value
 * whose {@code equals} means "binds the same": the value with a tag for how it was bound, so that
 * {@code setInt(1, 5)} and {@code setString(1, "5")} never share an entry. Streams, LOBs and values of classes whose
 * equality cannot be trusted make the execution uncacheable.
 */
public final class BoundParameters {

    /** Marks a slot whose value cannot be part of a key. */
    public static final Object UNCACHEABLE = new Object() {
        @Override
        public String toString() {
            return "<uncacheable>";
        }
    };

    private static final Object[] NONE = new Object[0];

    private Object[] slots;
    /**
     * Whether {@link #snapshot()} handed the slots themselves to a key: the next change copies them first. Most
     * executions bind every parameter and run once, so the key takes the array and nothing is copied.
     */
    private boolean slotsInAKey;
    private int highest;
    private int uncacheableSlots;

    public BoundParameters() {
        this(0);
    }

    /** Parameters for a text with {@code expected} placeholders: room for exactly those. */
    public BoundParameters(int expected) {
        slots = expected > 0 ? new Object[expected] : NONE;
    }

    public void set(int index, Object keyValue) {
        if (index < 1) {
            return; // the delegate rejects it; the key need not know
        }
        if (index > slots.length) {
            slots = Arrays.copyOf(slots, Math.max(index, slots.length * 2 + 4));
            slotsInAKey = false;
        } else if (slotsInAKey) {
            slots = slots.clone();
            slotsInAKey = false;
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

    /** Records a binding that the database's driver accepted, as the key value for how it was made. */
    void record(int index, ParameterSetter setter, Object value, Object detail, long length) {
        set(index, keyValue(setter, value, detail, length));
    }

    /**
     * The key value of a binding (see {@link ParameterSetter} for the arguments). Streams, LOBs, references, arrays,
     * row ids and XML can be read only once or change behind the statement's back: they make the execution uncacheable.
     */
    static Object keyValue(ParameterSetter setter, Object value, Object detail, long length) {
        return switch (setter) {
            case NULL -> nullValue((int) length);
            case NULL_WITH_TYPE_NAME -> nullValue((int) length, (String) detail);
            case BOOLEAN -> typed(Setter.BOOLEAN, value);
            case BYTE -> typed(Setter.BYTE, value);
            case SHORT -> typed(Setter.SHORT, value);
            case INT -> typed(Setter.INT, value);
            case LONG -> typed(Setter.LONG, value);
            case FLOAT -> typed(Setter.FLOAT, value);
            case DOUBLE -> typed(Setter.DOUBLE, value);
            case BIG_DECIMAL -> typed(Setter.BIG_DECIMAL, value);
            case STRING -> typed(Setter.STRING, value);
            case NSTRING -> typed(Setter.NSTRING, value);
            case BYTES -> typed(Setter.BYTES, value);
            case DATE -> typed(Setter.DATE, value);
            case DATE_WITH_CALENDAR -> withCalendar(Setter.DATE, value, (Calendar) detail);
            case TIME -> typed(Setter.TIME, value);
            case TIME_WITH_CALENDAR -> withCalendar(Setter.TIME, value, (Calendar) detail);
            case TIMESTAMP -> typed(Setter.TIMESTAMP, value);
            case TIMESTAMP_WITH_CALENDAR -> withCalendar(Setter.TIMESTAMP, value, (Calendar) detail);
            case URL -> typed(Setter.URL, value == null ? null : ((java.net.URL) value).toExternalForm());
            case OBJECT -> object(value, null, 0);
            case OBJECT_WITH_TYPE, OBJECT_WITH_SQL_TYPE -> object(value, detail, 0);
            case OBJECT_WITH_TYPE_AND_SCALE, OBJECT_WITH_SQL_TYPE_AND_SCALE -> object(value, detail, (int) length);
            default -> UNCACHEABLE;
        };
    }

    public void clear() {
        if (slotsInAKey) {
            slots = new Object[slots.length];
            slotsInAKey = false;
        } else {
            Arrays.fill(slots, null);
        }
        highest = 0;
        uncacheableSlots = 0;
    }

    public boolean cacheable() {
        return uncacheableSlots == 0;
    }

    /**
     * The values for a key, which the statement may be rebound and executed again while the key lives on in the
     * cache: the slots themselves when they hold exactly these values (a later change copies them first), else a copy.
     */
    public Object[] snapshot() {
        if (highest == 0) {
            return NONE;
        }
        if (highest == slots.length) {
            slotsInAKey = true;
            return slots;
        }
        return Arrays.copyOf(slots, highest);
    }

    /** What a slot's detail or a null's declared type is counted at: a small record or string. */
    private static final long DETAIL_BYTES = 64;

    /**
     * Estimated heap use of one slot of a {@link #snapshot()}, for the weight of the cache key that holds it: the
     * record, the value, and a fixed share for what else decides the value sent (a zone, a calendar's conversion, a
     * target type), which is mostly shared between keys.
     */
    public static long estimatedBytes(Object slot) {
        long record = SizeEstimates.padded(SizeEstimates.OBJECT_HEADER + 4L * SizeEstimates.REFERENCE);
        if (slot instanceof Typed typed) {
            return record + SizeEstimates.value(typed.value()) + (typed.detail() == null ? 0 : DETAIL_BYTES);
        }
        if (slot instanceof Null) {
            return record + DETAIL_BYTES;
        }
        return 0;
    }

    /**
     * The integer a slot binds, when the database is sure to compare it with an integer column as that integer: a
     * value of an integer Java type bound by setByte/setShort/setInt/setLong, by setBigDecimal without a fraction,
     * or by setObject without a target type or with an integer one. Null for anything else (strings, nulls,
     * fractions, other targets), which the caller must treat as "could be any row".
     */
    public static Long integerKey(Object slot) {
        if (!(slot instanceof Typed typed)) {
            return null;
        }
        return switch (typed.setter()) {
            case BYTE, SHORT, INT, LONG -> integerValue(typed.value());
            case BIG_DECIMAL -> typed.value() instanceof BigDecimal decimal ? exactLong(decimal) : null;
            case OBJECT -> integerTarget(typed.detail()) ? integerValue(typed.value()) : null;
            default -> null;
        };
    }

    /**
     * The string a slot binds, when the database is sure to compare it with a character column as that string:
     * bound by setString or setNString, or by setObject of a String without a target type. Null for anything else.
     */
    public static String textValue(Object slot) {
        if (!(slot instanceof Typed typed) || typed.type() != String.class) {
            return null;
        }
        return switch (typed.setter()) {
            case STRING, NSTRING -> (String) typed.value();
            case OBJECT -> typed.detail() == null ? (String) typed.value() : null;
            default -> null;
        };
    }

    /**
     * The value a slot binds by setObject without a target type, when it is of exactly this class (a UUID, a
     * LocalDate), which the database's driver sends as the type of that name; null for anything else.
     */
    public static <T> T objectValue(Object slot, Class<T> type) {
        if (slot instanceof Typed typed && typed.setter() == Setter.OBJECT && typed.detail() == null
                && typed.type() == type) {
            return type.cast(typed.value());
        }
        return null;
    }

    /** setObject targets that bind an integer as an integer; null is setObject without a target type. */
    private static final java.util.Set<String> INTEGER_TARGETS = java.util.Set.of(
            String.valueOf(java.sql.Types.TINYINT), String.valueOf(java.sql.Types.SMALLINT),
            String.valueOf(java.sql.Types.INTEGER), String.valueOf(java.sql.Types.BIGINT),
            "java.sql:TINYINT", "java.sql:SMALLINT", "java.sql:INTEGER", "java.sql:BIGINT");

    private static boolean integerTarget(Object detail) {
        if (detail == null) {
            return true; // setObject without a target type
        }
        return detail instanceof ObjectTarget target && (target.type() == null || INTEGER_TARGETS.contains(target.type()));
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
    //
    // A key value holds the value's class as well as the value: equals() of some classes ignores what tells them
    // apart for a database (java.util.Date.equals compares the milliseconds of a Date, a Time and a Timestamp
    // alike). Legacy date values bound without a Calendar are converted by the database's driver in the JVM's
    // default time zone of the moment, so that zone is part of the key; a Calendar is part of it where one is given.

    /** A value bound by a typed setter (setInt, setString, ...), tagged with the setter. */
    public static Object typed(Setter setter, Object value) {
        if (value == null) {
            return new Null(setter.name(), null);
        }
        Object safe = keyCopy(value);
        return safe == UNCACHEABLE ? UNCACHEABLE : new Typed(setter, value.getClass(), safe, defaultZoneFor(value));
    }

    /** A value bound with a Calendar: what the Calendar converts with changes what the database receives. */
    public static Object withCalendar(Setter setter, Object value, Calendar calendar) {
        if (calendar == null) {
            return typed(setter, value);
        }
        if (value == null) {
            return new Null(setter.name(), null);
        }
        Object safe = keyCopy(value);
        Object conversion = CalendarConversion.of(calendar);
        return safe == UNCACHEABLE || conversion == UNCACHEABLE ? UNCACHEABLE
                : new Typed(setter, value.getClass(), safe, conversion);
    }

    public static Object nullValue(int sqlType) {
        return new Null("NULL", sqlType);
    }

    /** setNull(i, sqlType, typeName): the type name may decide the type the database gives the parameter. */
    public static Object nullValue(int sqlType, String typeName) {
        return new Null("NULL", sqlType + "/" + typeName);
    }

    /** setObject(i, x), setObject(i, x, targetType[, scale]), setObject(i, x, SQLType[, scale]). */
    public static Object object(Object value, Object targetType, int scaleOrLength) {
        String target = targetType == null ? null
                : targetType instanceof SQLType type ? type.getVendor() + ":" + type.getName() : targetType.toString();
        if (value == null) {
            return new Null("OBJECT", target == null ? null : new ObjectTarget(target, scaleOrLength, null));
        }
        Object safe = keyCopy(value);
        if (safe == UNCACHEABLE) {
            return UNCACHEABLE;
        }
        TimeZone zone = defaultZoneFor(value);
        // Without a target type or zone (the common setObject call) nothing more is allocated for the key.
        Object detail = target == null && zone == null ? null
                : new ObjectTarget(target, target == null ? 0 : scaleOrLength, zone);
        return new Typed(Setter.OBJECT, value.getClass(), safe, detail);
    }

    /** The JVM's default zone for values the database's driver converts with it, else null. */
    private static TimeZone defaultZoneFor(Object value) {
        return value instanceof java.util.Date ? TimeZone.getDefault() : null;
    }

    /**
     * The one judgment of which bound values may be kept past the setter call, for a key or for a binding made later:
     * the value itself when it is of an immutable class with value equality, a fresh copy when it is of a known
     * mutable value class, else {@link #UNCACHEABLE}. Only the exact classes: a subclass may be mutable or may
     * present its value to the database's driver in its own way. Null stays null.
     */
    static Object copyOf(Object value) {
        if (value == null) {
            return null;
        }
        Class<?> type = value.getClass();
        if (type == String.class || type == Integer.class || type == Long.class || type == Short.class
                || type == Byte.class || type == Boolean.class || type == BigDecimal.class
                || type == BigInteger.class || type == Double.class || type == Float.class
                || type == Character.class || type == UUID.class || value instanceof Enum<?>) {
            return value;
        }
        if (value instanceof TemporalAccessor && type.getName().startsWith("java.time.")) {
            return value; // java.time values are immutable with value equality
        }
        if (type == byte[].class) {
            return ((byte[]) value).clone();
        }
        if (type == java.sql.Timestamp.class) {
            return copyTimestamp((java.sql.Timestamp) value);
        }
        if (type == java.sql.Date.class) {
            return new java.sql.Date(((java.sql.Date) value).getTime());
        }
        if (type == java.sql.Time.class) {
            return new java.sql.Time(((java.sql.Time) value).getTime());
        }
        if (type == java.util.Date.class) {
            return new java.util.Date(((java.util.Date) value).getTime());
        }
        return UNCACHEABLE;
    }

    /** {@link #copyOf} as a key holds it: an array compared by its content. */
    private static Object keyCopy(Object value) {
        Object copy = copyOf(value);
        return copy instanceof byte[] bytes ? new Bytes(bytes) : copy;
    }

    private static java.sql.Timestamp copyTimestamp(java.sql.Timestamp timestamp) {
        java.sql.Timestamp copy = new java.sql.Timestamp(timestamp.getTime());
        copy.setNanos(timestamp.getNanos());
        return copy;
    }

    /** How a value was bound; part of the key. */
    public enum Setter {
        BOOLEAN, BYTE, SHORT, INT, LONG, FLOAT, DOUBLE, BIG_DECIMAL, STRING, NSTRING, BYTES, DATE, TIME, TIMESTAMP,
        URL, OBJECT
    }

    /**
     * @param type   the class of the value as the caller bound it
     * @param value  the value, or an immutable copy of it
     * @param detail what else decides what the database receives: the JVM zone, a Calendar's conversion, a target
     *               type; null when nothing does
     */
    private record Typed(Setter setter, Class<?> type, Object value, Object detail) {
    }

    private record Null(String how, Object declaredType) {
    }

    /** The target type and scale of a setObject call, and the JVM zone where the value is converted with it. */
    private record ObjectTarget(String type, int scaleOrLength, TimeZone zone) {
    }

    /**
     * What a Calendar converts a legacy date value with: its class (a Buddhist calendar counts years differently),
     * its zone, compared by rules and not by name alone, its Gregorian cut-over and its leniency.
     */
    private record CalendarConversion(Class<?> type, TimeZone zone, long gregorianChange, boolean lenient) {
        static Object of(Calendar calendar) {
            TimeZone zone = (TimeZone) calendar.getTimeZone().clone();
            if (!fromTheJdk(calendar.getClass()) || !fromTheJdk(zone.getClass())) {
                return UNCACHEABLE; // a calendar or zone of the application's own making may convert in any way
            }
            long cutOver = calendar instanceof java.util.GregorianCalendar gregorian
                    ? gregorian.getGregorianChange().getTime() : Long.MIN_VALUE;
            return new CalendarConversion(calendar.getClass(), zone, cutOver, calendar.isLenient());
        }

        private static boolean fromTheJdk(Class<?> type) {
            return type.getName().startsWith("java.util.") || type.getName().startsWith("sun.util.");
        }
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
