package dev.cachedjdbc.result;

import static dev.cachedjdbc.result.ConversionErrors.conversionError;
import static dev.cachedjdbc.result.ConversionErrors.conversionFailure;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.sql.Array;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.util.Calendar;
import java.util.Objects;
import java.util.TimeZone;
import java.util.UUID;

/**
 * The conversions behind a cached result set's typed getters, one object per result, by kind: numbers and booleans
 * ({@link NumberConversions}), binary values ({@link BinaryConversions}), dates and times
 * ({@link DateTimeConversions}), and here URLs, arrays and getObject(i, Class). Each starts from what was captured for
 * a non-null cell (the driver's value, its text, and for date/time and binary columns a second form) and converts as
 * the producing driver would have; where that driver would have refused, it converts as the JDBC specification's
 * tables allow rather than fail, because a value the driver would not give is never one the caller relies on. Where
 * the drivers differ, {@link SourceConventions} says how the producing one converts.
 */
final class ValueConversions {

    private final SourceConventions conventions;
    private final NumberConversions numbers;
    private final BinaryConversions binary;
    private final DateTimeConversions dateTimes;
    private final TimeZone loadZone;
    private final JvmClock clock;

    /**
     * @param loadZone the JVM's zone while the result was loaded; null when no conversion needs it
     * @param clock    where the JVM's zone and the current instant are read at each conversion that needs them
     */
    ValueConversions(SourceConventions conventions, TimeZone loadZone, JvmClock clock) {
        this.conventions = conventions;
        this.numbers = new NumberConversions(conventions);
        this.binary = new BinaryConversions(conventions);
        this.dateTimes = new DateTimeConversions(conventions, loadZone, clock);
        this.loadZone = loadZone;
        this.clock = clock;
    }

    /** Whether these conversions convert as new ones for a result loaded in this zone and read on this clock would. */
    boolean madeFor(SourceConventions otherConventions, TimeZone otherLoadZone, JvmClock otherClock) {
        return conventions == otherConventions && clock == otherClock && Objects.equals(loadZone, otherLoadZone);
    }

    /** Estimated heap use of these conversions and their parts; the load zone is the JVM's, shared. */
    static long estimatedBytes() {
        return 4L * SizeEstimates.OBJECT_HEADER + 10L * SizeEstimates.REFERENCE;
    }

    /** The conventions of the driver that produced the result. */
    SourceConventions conventions() {
        return conventions;
    }

    /** getBoolean and the numeric getters. */
    NumberConversions numbers() {
        return numbers;
    }

    /** getBytes and getAsciiStream. */
    BinaryConversions binary() {
        return binary;
    }

    /** The date and time getters, and getObject of a zone-dependent column. */
    DateTimeConversions dateTimes() {
        return dateTimes;
    }

    // ---- other values --------------------------------------------------------------------------------------------

    URL toUrl(CachedColumn column, int row) throws SQLException {
        Object value = column.value(row);
        if (value instanceof URL url) {
            return url;
        }
        String text = column.text(row);
        try {
            return new URI(text.trim()).toURL();
        } catch (java.net.URISyntaxException | MalformedURLException | IllegalArgumentException e) {
            throw conversionError(text, "a URL", e);
        }
    }

    Array toArray(CachedColumn column, int row) throws SQLException {
        Object value = column.value(row);
        if (value instanceof Array array) {
            return array;
        }
        if (conventions.wrapsScalarsAsArrays()) {
            return CachedArray.ofSingle(column.sqlType(), column.typeName(), value);
        }
        throw conversionError(column.text(row), "java.sql.Array");
    }

    // ---- getObject(i, Class) -------------------------------------------------------------------------------------

    Object toObject(CachedColumn column, int row, Class<?> type) throws SQLException {
        try {
            return objectOf(column, row, type);
        } catch (RuntimeException e) {
            throw conversionFailure(column, row, type.getName(), e);
        }
    }

    private Object objectOf(CachedColumn column, int row, Class<?> type) throws SQLException {
        Object value = column.value(row);
        if (dateTimes.isUnrepresentableInfinity(column, row, type)) {
            throw conversionError(column.text(row), type.getName());
        }
        if (type == String.class) {
            return column.text(row);
        }
        if (type == Integer.class) {
            return numbers.toInt(column, row);
        }
        if (type == Long.class) {
            return numbers.toLong(column, row);
        }
        if (type == Short.class) {
            return numbers.toShort(column, row);
        }
        if (type == Byte.class) {
            return numbers.toByte(column, row);
        }
        if (type == Double.class) {
            return numbers.toDouble(column, row);
        }
        if (type == Float.class) {
            return numbers.toFloat(column, row);
        }
        if (type == BigDecimal.class) {
            return numbers.toBigDecimal(column, row);
        }
        if (type == BigInteger.class) {
            return value instanceof BigInteger integer ? integer : numbers.toBigDecimal(column, row).toBigInteger();
        }
        if (type == Boolean.class) {
            return numbers.toBoolean(column, row);
        }
        if (type == byte[].class) {
            return binary.toBytes(column, row);
        }
        if (type == UUID.class) {
            return toUuid(column, row);
        }
        if (type == Character.class) {
            String text = column.text(row);
            return text.isEmpty() ? ' ' : text.charAt(0);
        }
        if (type == Timestamp.class) {
            return dateTimes.toTimestamp(column, row, null);
        }
        if (type == Date.class) {
            return dateTimes.toDate(column, row, null);
        }
        if (type == Time.class) {
            return dateTimes.toTime(column, row, null);
        }
        if (type == java.util.Date.class) {
            return new java.util.Date(dateTimes.toTimestamp(column, row, null).getTime());
        }
        if (type == Calendar.class) {
            return dateTimes.toCalendar(column, row);
        }
        if (type == LocalDate.class || type == LocalTime.class || type == LocalDateTime.class
                || type == OffsetDateTime.class || type == OffsetTime.class || type == Instant.class
                || type == ZonedDateTime.class) {
            return dateTimes.toJavaTime(column, row, type);
        }
        if (type == Array.class) {
            return toArray(column, row);
        }
        if (type == URL.class) {
            return toUrl(column, row);
        }
        if (type.isInstance(value)) {
            return ValueSnapshots.copyForCaller(value);
        }
        throw conversionError(column.text(row), type.getName());
    }

    private UUID toUuid(CachedColumn column, int row) throws SQLException {
        if (column.value(row) instanceof UUID uuid) {
            return uuid;
        }
        String text = column.text(row);
        try {
            return UUID.fromString(text.trim());
        } catch (IllegalArgumentException e) {
            throw conversionError(text, "UUID");
        }
    }
}
