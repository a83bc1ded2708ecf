package dev.cachedjdbc.result;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
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
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.Locale;
import java.util.TimeZone;
import java.util.UUID;

/**
 * The conversions behind a cached result set's typed getters. Each starts from what was captured for a non-null
 * cell (the driver's value, its text, and for date/time and binary columns a second form) and converts as the
 * producing driver would have; where that driver would have refused, it converts as the JDBC specification's tables
 * allow rather than fail, because a value the driver would not give is never one the caller relies on.
 */
final class ValueConversions {

    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final String CONVERSION_ERROR = "22018";
    private static final String OUT_OF_RANGE = "22003";

    private final SourceConventions conventions;

    ValueConversions(SourceConventions conventions) {
        this.conventions = conventions;
    }

    /** The SQLState the source driver gives a getter called while the cursor is on no row. */
    String noCurrentRowState() {
        return conventions.noCurrentRowState();
    }

    /** The SQLState the source driver gives any use of a closed result set. */
    String closedState() {
        return conventions.closedState();
    }

    /** The SQLState the source driver gives scrolling a forward-only result set. */
    String forwardOnlyState() {
        return conventions.forwardOnlyState();
    }

    // ---- numbers and booleans ------------------------------------------------------------------------------------

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

    /** getByte, getShort, getInt and getLong: the value as an integer within [min, max]. */
    long toIntegral(CachedColumn column, int row, long min, long max, String target) throws SQLException {
        Object value = column.value(row);
        if (!conventions.numbersFromText()) {
            if (value instanceof Long || value instanceof Integer || value instanceof Short
                    || value instanceof Byte) {
                return inRange(((Number) value).longValue(), min, max, target);
            }
            if (value instanceof Double || value instanceof Float) {
                double floating = ((Number) value).doubleValue();
                if (Double.isNaN(floating) || Double.isInfinite(floating)) {
                    throw outOfRange(String.valueOf(floating), target);
                }
                return integral(new BigDecimal(floating), conventions.floatingToIntegral(), min, max, target);
            }
            if (value instanceof Number number) {
                return integral(decimalOf(number), conventions.decimalToIntegral(), min, max, target);
            }
            if (value instanceof Boolean bool) {
                return bool ? 1 : 0;
            }
        }
        String text = column.text(row).trim();
        try {
            return inRange(Long.parseLong(text), min, max, target);
        } catch (NumberFormatException notAnInteger) {
            try {
                return integral(new BigDecimal(text), conventions.decimalToIntegral(), min, max, target);
            } catch (NumberFormatException notANumber) {
                throw conversionError(text, target);
            }
        }
    }

    double toDouble(CachedColumn column, int row) throws SQLException {
        Object value = column.value(row);
        if (!conventions.numbersFromText()) {
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
        if (!conventions.numbersFromText()) {
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
        return guarded(column, row, () -> toBigDecimalUnguarded(column, row));
    }

    private BigDecimal toBigDecimalUnguarded(CachedColumn column, int row) throws SQLException {
        Object value = column.value(row);
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (!conventions.numbersFromText()) {
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

    private BigInteger toBigInteger(CachedColumn column, int row) throws SQLException {
        Object value = column.value(row);
        if (value instanceof BigInteger integer) {
            return integer;
        }
        RoundingMode rounding = value instanceof Double || value instanceof Float
                ? conventions.floatingToIntegral() : conventions.decimalToIntegral();
        return toBigDecimal(column, row).setScale(0, rounding).toBigIntegerExact();
    }

    // ---- text and bytes ------------------------------------------------------------------------------------------

    byte[] toBytes(CachedColumn column, int row) {
        Object value = column.value(row);
        if (value instanceof byte[] bytes) {
            return bytes.clone();
        }
        if (column.alternate(row) instanceof byte[] bytes) {
            return bytes.clone();
        }
        return column.text(row).getBytes(StandardCharsets.UTF_8);
    }

    URL toUrl(CachedColumn column, int row) throws SQLException {
        Object value = column.value(row);
        if (value instanceof URL url) {
            return url;
        }
        String text = column.text(row);
        try {
            return new URI(text.trim()).toURL();
        } catch (java.net.URISyntaxException | MalformedURLException | IllegalArgumentException e) {
            throw new SQLException("Cannot convert \"" + text + "\" to a URL", CONVERSION_ERROR, e);
        }
    }

    Array toArray(CachedColumn column, int row) throws SQLException {
        Object value = column.value(row);
        if (value instanceof Array array) {
            return array;
        }
        throw conversionError(column.text(row), "java.sql.Array");
    }

    // ---- dates and times -----------------------------------------------------------------------------------------

    Timestamp toTimestamp(CachedColumn column, int row, Calendar calendar) throws SQLException {
        return guarded(column, row, () -> toTimestampUnguarded(column, row, calendar));
    }

    private Timestamp toTimestampUnguarded(CachedColumn column, int row, Calendar calendar) throws SQLException {
        Object value = column.value(row);
        if (calendar == null && value instanceof Timestamp timestamp) {
            return ValueSnapshots.copyTimestamp(timestamp);
        }
        ZoneId zone = zoneOf(calendar);
        Object temporal = temporal(column, row);
        if (temporal instanceof LocalDateTime local) {
            return calendar == null ? Timestamp.valueOf(local) : Timestamp.from(local.atZone(zone).toInstant());
        }
        if (temporal instanceof LocalDate date) {
            return Timestamp.from(date.atStartOfDay(zone).toInstant());
        }
        if (temporal instanceof LocalTime time) {
            return Timestamp.from(dayOfTimes().atTime(time).atZone(zone).toInstant());
        }
        if (temporal instanceof OffsetTime time) {
            return Timestamp.from(time.atDate(dayOfTimes()).toInstant());
        }
        Instant instant = instantOf(temporal);
        if (instant != null) {
            return Timestamp.from(instant);
        }
        if (value instanceof java.util.Date date) {
            return new Timestamp(date.getTime());
        }
        throw conversionError(column.text(row), "java.sql.Timestamp");
    }

    Date toDate(CachedColumn column, int row, Calendar calendar) throws SQLException {
        return guarded(column, row, () -> toDateUnguarded(column, row, calendar));
    }

    private Date toDateUnguarded(CachedColumn column, int row, Calendar calendar) throws SQLException {
        Object value = column.value(row);
        if (calendar == null && value instanceof Date date) {
            return (Date) date.clone();
        }
        ZoneId zone = zoneOf(calendar);
        Object temporal = temporal(column, row);
        LocalDate day;
        if (temporal instanceof LocalDate date) {
            day = date;
        } else if (temporal instanceof LocalDateTime local) {
            day = local.toLocalDate();
        } else if (temporal instanceof LocalTime || temporal instanceof OffsetTime) {
            day = LocalDate.EPOCH;
        } else {
            Instant instant = instantOf(temporal);
            if (instant == null && value instanceof java.util.Date date) {
                instant = Instant.ofEpochMilli(date.getTime());
            }
            if (instant == null) {
                throw conversionError(column.text(row), "java.sql.Date");
            }
            day = instant.atZone(zone).toLocalDate();
        }
        return new Date(day.atStartOfDay(zone).toInstant().toEpochMilli());
    }

    Time toTime(CachedColumn column, int row, Calendar calendar) throws SQLException {
        return guarded(column, row, () -> toTimeUnguarded(column, row, calendar));
    }

    private Time toTimeUnguarded(CachedColumn column, int row, Calendar calendar) throws SQLException {
        Object value = column.value(row);
        if (calendar == null && value instanceof Time time) {
            return (Time) time.clone();
        }
        ZoneId zone = zoneOf(calendar);
        Object temporal = temporal(column, row);
        LocalTime local;
        if (temporal instanceof LocalTime time) {
            local = time;
        } else if (temporal instanceof LocalDateTime dateTime) {
            local = dateTime.toLocalTime();
        } else if (temporal instanceof OffsetTime time) {
            if (calendar == null || !conventions.calendarShiftsZonedTime()) {
                return timeAt(time.atDate(LocalDate.EPOCH).toInstant());
            }
            local = time.atDate(LocalDate.EPOCH).atZoneSameInstant(ZoneId.systemDefault()).toLocalTime();
        } else {
            Instant instant = instantOf(temporal);
            if (instant == null && value instanceof java.util.Date date) {
                instant = Instant.ofEpochMilli(date.getTime());
            }
            if (instant == null) {
                throw conversionError(column.text(row), "java.sql.Time");
            }
            if (calendar == null || !conventions.calendarShiftsZonedTime()) {
                local = instant.atZone(ZoneId.systemDefault()).toLocalTime();
                zone = ZoneId.systemDefault();
            } else {
                local = instant.atZone(ZoneId.systemDefault()).toLocalTime();
            }
        }
        return timeAt(LocalDate.EPOCH.atTime(local).atZone(zone).toInstant());
    }

    /**
     * The date a time of day is placed on when it is read as a date-time: the day it is read on where the source
     * driver does that (H2), else the epoch day (pgjdbc), so that a hit answers as the driver would have then.
     */
    private LocalDate dayOfTimes() {
        return conventions.timeOfDayOnCurrentDate() ? LocalDate.now(ZoneId.systemDefault()) : LocalDate.EPOCH;
    }

    private static Time timeAt(Instant instant) {
        return new Time(instant.toEpochMilli());
    }

    // ---- getObject(i, Class) -------------------------------------------------------------------------------------

    Object toObject(CachedColumn column, int row, Class<?> type) throws SQLException {
        return guarded(column, row, () -> toObjectUnguarded(column, row, type));
    }

    private Object toObjectUnguarded(CachedColumn column, int row, Class<?> type) throws SQLException {
        Object value = column.value(row);
        if (type == String.class) {
            return column.text(row);
        }
        if (type == Integer.class) {
            return (int) toIntegral(column, row, Integer.MIN_VALUE, Integer.MAX_VALUE, "int");
        }
        if (type == Long.class) {
            return toIntegral(column, row, Long.MIN_VALUE, Long.MAX_VALUE, "long");
        }
        if (type == Short.class) {
            return (short) toIntegral(column, row, Short.MIN_VALUE, Short.MAX_VALUE, "short");
        }
        if (type == Byte.class) {
            return (byte) toIntegral(column, row, Byte.MIN_VALUE, Byte.MAX_VALUE, "byte");
        }
        if (type == Double.class) {
            return toDouble(column, row);
        }
        if (type == Float.class) {
            return toFloat(column, row);
        }
        if (type == BigDecimal.class) {
            return toBigDecimal(column, row);
        }
        if (type == BigInteger.class) {
            return toBigInteger(column, row);
        }
        if (type == Boolean.class) {
            return toBoolean(column, row);
        }
        if (type == byte[].class) {
            return toBytes(column, row);
        }
        if (type == UUID.class) {
            return toUuid(column, row);
        }
        if (type == Character.class) {
            String text = column.text(row);
            if (text.isEmpty()) {
                throw conversionError(text, "Character");
            }
            return text.charAt(0);
        }
        if (type == Timestamp.class) {
            return toTimestamp(column, row, null);
        }
        if (type == Date.class) {
            return toDate(column, row, null);
        }
        if (type == Time.class) {
            return toTime(column, row, null);
        }
        if (type == java.util.Date.class) {
            return new java.util.Date(toTimestamp(column, row, null).getTime());
        }
        if (type == Calendar.class) {
            Calendar calendar = new GregorianCalendar(TimeZone.getDefault());
            calendar.setTimeInMillis(toTimestamp(column, row, null).getTime());
            return calendar;
        }
        if (type == LocalDate.class || type == LocalTime.class || type == LocalDateTime.class
                || type == OffsetDateTime.class || type == OffsetTime.class || type == Instant.class
                || type == ZonedDateTime.class) {
            return toJavaTime(column, row, type);
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

    private Object toJavaTime(CachedColumn column, int row, Class<?> type) throws SQLException {
        Object temporal = temporal(column, row);
        if (type.isInstance(temporal)) {
            return temporal;
        }
        ZoneId zone = ZoneId.systemDefault();
        ZonedDateTime zoned = null;
        if (temporal instanceof LocalDateTime local) {
            zoned = type == OffsetDateTime.class && conventions.localTimestampAsUtcOffset()
                    ? local.atZone(ZoneOffset.UTC) : local.atZone(zone);
        } else if (temporal instanceof LocalDate date) {
            zoned = date.atStartOfDay(zone);
        } else if (temporal instanceof LocalTime time) {
            zoned = dayOfTimes().atTime(time).atZone(zone);
        } else if (temporal instanceof OffsetTime time) {
            if (type == OffsetDateTime.class || type == ZonedDateTime.class || type == Instant.class) {
                zoned = time.atDate(dayOfTimes()).toZonedDateTime();
            } else {
                zoned = time.atDate(dayOfTimes()).atZoneSameInstant(zone);
            }
        } else if (temporal instanceof OffsetDateTime offset) {
            zoned = type == OffsetTime.class || type == ZonedDateTime.class
                    ? offset.toZonedDateTime() : offset.atZoneSameInstant(zone);
        } else if (temporal instanceof ZonedDateTime zonedValue) {
            zoned = zonedValue;
        } else if (temporal instanceof Instant instant) {
            zoned = instant.atZone(zone);
        }
        if (zoned == null) {
            throw conversionError(column.text(row), type.getName());
        }
        if (type == LocalDate.class) {
            return zoned.toLocalDate();
        }
        if (type == LocalTime.class) {
            return zoned.toLocalTime();
        }
        if (type == LocalDateTime.class) {
            return zoned.toLocalDateTime();
        }
        if (type == OffsetDateTime.class) {
            return zoned.toOffsetDateTime();
        }
        if (type == OffsetTime.class) {
            return zoned.toOffsetDateTime().toOffsetTime();
        }
        if (type == Instant.class) {
            return zoned.toInstant();
        }
        // by its offset, as the database gave it, not by a region the value never named
        return zoned.toOffsetDateTime().toZonedDateTime();
    }

    /**
     * The java.time form of a cell: what the driver gave for its column's java.time type when captured, else one
     * derived from the value or, for text, parsed from it; null when it has none.
     */
    private static Object temporal(CachedColumn column, int row) {
        Object alternate = column.alternate(row);
        if (alternate != null && column.alternateKind() == CachedColumn.Alternate.TEMPORAL) {
            return alternate;
        }
        Object value = column.value(row);
        if (value instanceof Timestamp timestamp) {
            return timestamp.toLocalDateTime();
        }
        if (value instanceof Date date) {
            return date.toLocalDate();
        }
        if (value instanceof Time time) {
            return time.toLocalTime();
        }
        if (value instanceof java.time.temporal.Temporal) {
            return value;
        }
        if (value instanceof String text) {
            return parseTemporal(text.trim());
        }
        return null;
    }

    private static Object parseTemporal(String text) {
        try {
            return Timestamp.valueOf(text).toLocalDateTime();
        } catch (IllegalArgumentException notATimestamp) {
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException notADate) {
                try {
                    return LocalTime.parse(text);
                } catch (DateTimeParseException notATime) {
                    return null;
                }
            }
        }
    }

    private static Instant instantOf(Object temporal) {
        if (temporal instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (temporal instanceof ZonedDateTime zoned) {
            return zoned.toInstant();
        }
        if (temporal instanceof Instant instant) {
            return instant;
        }
        return null;
    }

    private static ZoneId zoneOf(Calendar calendar) {
        return calendar == null ? ZoneId.systemDefault() : calendar.getTimeZone().toZoneId();
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    /** A conversion that may fail as JDBC fails. */
    @FunctionalInterface
    private interface Conversion<T> {
        T convert() throws SQLException;
    }

    /**
     * Runs a conversion so that only an SQLException leaves a getter: a value java.time or BigDecimal cannot
     * represent (an infinite timestamp, an infinite float) fails as a conversion error, as a driver's getter would.
     */
    private static <T> T guarded(CachedColumn column, int row, Conversion<T> conversion) throws SQLException {
        try {
            return conversion.convert();
        } catch (RuntimeException e) {
            SQLException failure = conversionError(String.valueOf(column.value(row)), "the requested type");
            failure.initCause(e);
            throw failure;
        }
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

    private static long integral(BigDecimal decimal, RoundingMode rounding, long min, long max, String target)
            throws SQLException {
        BigDecimal whole = decimal.setScale(0, rounding);
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

    private static SQLException outOfRange(String value, String target) {
        return new SQLException("Value " + value + " is out of range for type " + target, OUT_OF_RANGE);
    }

    private static SQLException conversionError(String value, String target) {
        return new SQLException("Cannot convert \"" + value + "\" to " + target, CONVERSION_ERROR);
    }
}
