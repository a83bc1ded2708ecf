package dev.cachedjdbc.result;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Ref;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Struct;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.Set;
import java.util.UUID;

/**
 * Turns the values a driver hands out into values that may be shared by every later hit, and hands each caller its own
 * copy of anything a caller could change. Immutable values are shared as they are; byte arrays, the java.util.Date
 * family and cloneable driver objects (such as PostgreSQL's PGobject and PGInterval) are cloned on the way in and on
 * every way out; {@link Array}s become {@link CachedArray}s. Anything else cannot be proven safe to keep, so the
 * result holding it is not cached.
 */
final class ValueSnapshots {

    private static final Set<Class<?>> IMMUTABLE = Set.of(
            String.class, Boolean.class, Character.class, Byte.class, Short.class, Integer.class, Long.class,
            Float.class, Double.class, BigDecimal.class, BigInteger.class, UUID.class, URL.class,
            LocalDate.class, LocalTime.class, LocalDateTime.class, OffsetDateTime.class, OffsetTime.class,
            ZonedDateTime.class, Instant.class, Duration.class, Period.class, Year.class, YearMonth.class,
            MonthDay.class);

    private static final ClassValue<Method> PUBLIC_CLONE = new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
            if (!Cloneable.class.isAssignableFrom(type) || !Modifier.isPublic(type.getModifiers())) {
                return null;
            }
            try {
                Method clone = type.getMethod("clone");
                return Modifier.isPublic(clone.getDeclaringClass().getModifiers()) ? clone : null;
            } catch (NoSuchMethodException e) {
                return null;
            }
        }
    };

    private ValueSnapshots() {
    }

    /** An independent, shareable copy of a value the driver returned. */
    static Object snapshot(Object value) throws SQLException, UnsnapshottableValueException {
        if (value == null || isImmutable(value.getClass())) {
            return value;
        }
        if (value instanceof Blob || value instanceof Clob || value instanceof SQLXML || value instanceof Struct
                || value instanceof Ref || value instanceof RowId) {
            // Tied to the connection or the transaction that produced them, even where they happen to be cloneable.
            throw new UnsnapshottableValueException(value.getClass());
        }
        if (value instanceof byte[] bytes) {
            return bytes.clone();
        }
        if (value instanceof Timestamp timestamp) {
            return copyTimestamp(timestamp);
        }
        if (value instanceof java.util.Date date) {
            return date.clone();
        }
        if (value instanceof Array array) {
            return CachedArray.snapshot(array);
        }
        if (value instanceof Object[] elements) {
            Object[] copy = (Object[]) java.lang.reflect.Array.newInstance(
                    elements.getClass().getComponentType(), elements.length);
            for (int i = 0; i < elements.length; i++) {
                copy[i] = snapshot(elements[i]);
            }
            return copy;
        }
        if (value.getClass().isArray()) {
            return copyPrimitiveArray(value);
        }
        if (PUBLIC_CLONE.get(value.getClass()) != null) {
            try {
                return cloneReflectively(value);
            } catch (IllegalStateException e) {
                throw new UnsnapshottableValueException(value.getClass());
            }
        }
        throw new UnsnapshottableValueException(value.getClass());
    }

    /** The copy a caller receives: the shared value itself where nobody can change it, a fresh copy otherwise. */
    static Object copyForCaller(Object value) {
        if (value == null) {
            return null;
        }
        Class<?> type = value.getClass();
        if (isImmutable(type) || value instanceof CachedArray) {
            return value;
        }
        if (value instanceof byte[] bytes) {
            return bytes.clone();
        }
        if (value instanceof Timestamp timestamp) {
            return copyTimestamp(timestamp);
        }
        if (value instanceof java.util.Date date) {
            return date.clone();
        }
        if (value instanceof Object[] elements) {
            Object[] copy = elements.clone();
            for (int i = 0; i < copy.length; i++) {
                copy[i] = copyForCaller(copy[i]);
            }
            return copy;
        }
        if (type.isArray()) {
            return copyPrimitiveArray(value);
        }
        return cloneReflectively(value);
    }

    static boolean isImmutable(Class<?> type) {
        // The classes almost every cell holds are tested by identity first: a set lookup per cell shows in a miss.
        return type == String.class || type == Integer.class || type == Long.class || type == BigDecimal.class
                || IMMUTABLE.contains(type);
    }

    static Timestamp copyTimestamp(Timestamp timestamp) {
        Timestamp copy = new Timestamp(timestamp.getTime());
        copy.setNanos(timestamp.getNanos());
        return copy;
    }

    private static Object copyPrimitiveArray(Object array) {
        int length = java.lang.reflect.Array.getLength(array);
        Object copy = java.lang.reflect.Array.newInstance(array.getClass().getComponentType(), length);
        System.arraycopy(array, 0, copy, 0, length);
        return copy;
    }

    private static Object cloneReflectively(Object value) {
        Method clone = PUBLIC_CLONE.get(value.getClass());
        if (clone == null) {
            throw new IllegalStateException("no public clone() on " + value.getClass().getName());
        }
        try {
            return clone.invoke(value);
        } catch (ReflectiveOperationException e) {
            // snapshot() already cloned this class once, so a failure here means the class changed its mind.
            throw new IllegalStateException("clone() of " + value.getClass().getName() + " failed", e);
        }
    }
}
