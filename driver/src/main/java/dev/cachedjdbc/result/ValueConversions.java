package dev.cachedjdbc.result;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneRules;
import java.time.format.DateTimeParseException;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
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
    private static final long MILLIS_PER_DAY = 86_400_000L;
    /** org.postgresql.PGStatement.DATE_POSITIVE_INFINITY and DATE_NEGATIVE_INFINITY. */
    private static final long POSITIVE_INFINITY_MILLIS = 9223372036825200000L;
    private static final long NEGATIVE_INFINITY_MILLIS = -9223372036832400000L;
    private static final String OUT_OF_RANGE = "22003";

    private final SourceConventions conventions;
    /** The JVM's zone while the result was loaded; null when nothing needed it. */
    private final TimeZone loadZone;
    /** The zone the driver converts in for the whole result (its session's), or null for the JVM's of the moment. */
    private final ZoneId sessionZone;

    ValueConversions(SourceConventions conventions) {
        this(conventions, null);
    }

    ValueConversions(SourceConventions conventions, TimeZone loadZone) {
        this.conventions = conventions;
        this.loadZone = loadZone;
        this.sessionZone = conventions.convertsInSessionZone() && loadZone != null ? loadZone.toZoneId() : null;
    }

    /**
     * The zone the driver takes where no calendar is given: its session's (fixed while the result was loaded, H2), or
     * the JVM's of the moment it reads (pgjdbc).
     */
    private ZoneId driverZone() {
        return sessionZone != null ? sessionZone : ZoneId.systemDefault();
    }

    /**
     * Whether a cell's stored value stands for what the driver would make now: always, unless its column holds
     * java.sql local dates and times made in the JVM's zone (pgjdbc) and that zone changed since the load. Asks for
     * the JVM's zone, which is a copy: only for such columns.
     */
    private boolean madeInTheCurrentZone(CachedColumn column) {
        return !column.zoneDependent() || loadZone == null || loadZone.equals(TimeZone.getDefault());
    }

    /** The conventions of the driver that produced the result. */
    SourceConventions conventions() {
        return conventions;
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

    /** getByte, getShort, getInt and getLong: the value as an integer within [min, max]. */
    long toIntegral(CachedColumn column, int row, long min, long max, String target) throws SQLException {
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

    // ---- text and bytes ------------------------------------------------------------------------------------------

    byte[] toBytes(CachedColumn column, int row) {
        Object value = column.value(row);
        if (value instanceof byte[] bytes) {
            return bytes.clone();
        }
        if (column.alternate(row) instanceof byte[] bytes) {
            return bytes.clone();
        }
        if (conventions.binaryFormOfNumbers()) {
            byte[] binary = binaryForm(column.sqlType(), value);
            if (binary != null) {
                return binary;
            }
        }
        return column.text(row).getBytes(StandardCharsets.UTF_8);
    }

    /** The big-endian binary form of an integer of the column's width, or of a UUID; null for anything else. */
    private static byte[] binaryForm(int sqlType, Object value) {
        if (value instanceof UUID uuid) {
            return ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                    .putLong(uuid.getLeastSignificantBits()).array();
        }
        int width = switch (sqlType) {
            case Types.TINYINT -> 1;
            case Types.SMALLINT -> 2;
            case Types.INTEGER -> 4;
            case Types.BIGINT -> 8;
            default -> 0;
        };
        if (width == 0 || !(value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte)) {
            return null;
        }
        long number = ((Number) value).longValue();
        byte[] bytes = new byte[width];
        for (int i = width - 1; i >= 0; i--) {
            bytes[i] = (byte) number;
            number >>= 8;
        }
        return bytes;
    }

    /** What getAsciiStream streams: the text in the driver's encoding for it. */
    byte[] toAsciiStreamBytes(CachedColumn column, int row) {
        return column.text(row).getBytes(conventions.asciiStreamCharset());
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
        if (conventions.wrapsScalarsAsArrays()) {
            return CachedArray.ofSingle(column.sqlType(), column.typeName(), value);
        }
        throw conversionError(column.text(row), "java.sql.Array");
    }

    // ---- dates and times -----------------------------------------------------------------------------------------

    Timestamp toTimestamp(CachedColumn column, int row, Calendar calendar) throws SQLException {
        try {
            return timestampOf(column, row, calendar);
        } catch (RuntimeException e) {
            throw conversionFailure(column, row, "java.sql.Timestamp", e);
        }
    }

    private Timestamp timestampOf(CachedColumn column, int row, Calendar calendar) throws SQLException {
        Object value = column.value(row);
        if (calendar == null && value instanceof Timestamp timestamp && madeInTheCurrentZone(column)) {
            return ValueSnapshots.copyTimestamp(timestamp);
        }
        ZoneId zone = zoneOf(calendar, column);
        Object endOfDay = postgresEndOfDay(column, row);
        if (endOfDay instanceof LocalDateTime nextMidnight) {
            return timestampAt(nextMidnight, zone);
        }
        if (endOfDay instanceof OffsetDateTime nextMidnight) {
            return Timestamp.from(nextMidnight.toInstant());
        }
        Object temporal = localized(temporal(column, row), column);
        long infinity = infinityMillis(column, row, temporal);
        if (infinity != 0) {
            return new Timestamp(infinity);
        }
        if (temporal instanceof LocalDateTime local) {
            return timestampAt(local, zone);
        }
        if (temporal instanceof LocalDate date) {
            return timestampAt(date.atStartOfDay(), zone);
        }
        if (temporal instanceof LocalTime time) {
            return timestampAt(dateOfTimes(column).atTime(time), zone);
        }
        if (temporal instanceof OffsetTime time) {
            return Timestamp.from(time.atDate(dateOfTimes(column)).toInstant());
        }
        Instant instant = instantOf(temporal, value);
        if (instant != null) {
            return Timestamp.from(instant);
        }
        throw conversionError(column.text(row), "java.sql.Timestamp");
    }

    Date toDate(CachedColumn column, int row, Calendar calendar) throws SQLException {
        try {
            return dateOf(column, row, calendar);
        } catch (RuntimeException e) {
            throw conversionFailure(column, row, "java.sql.Date", e);
        }
    }

    private Date dateOf(CachedColumn column, int row, Calendar calendar) throws SQLException {
        Object value = column.value(row);
        if (calendar == null && value instanceof Date date && madeInTheCurrentZone(column)) {
            return (Date) date.clone();
        }
        ZoneId zone = zoneOf(calendar, column);
        Object temporal = localizedWithDateTimes(temporal(column, row), column);
        long infinity = infinityMillis(column, row, temporal);
        if (infinity != 0) {
            return new Date(infinity);
        }
        LocalDate day;
        if (temporal instanceof LocalDate date) {
            day = date;
        } else if (temporal instanceof LocalDateTime local) {
            day = local.toLocalDate();
        } else if (temporal instanceof LocalTime || temporal instanceof OffsetTime) {
            day = LocalDate.EPOCH;
        } else {
            Instant instant = instantOf(temporal, value);
            if (instant == null) {
                throw conversionError(column.text(row), "java.sql.Date");
            }
            day = instant.atZone(zone).toLocalDate();
        }
        return new Date(millisAt(day.atStartOfDay(), zone));
    }

    Time toTime(CachedColumn column, int row, Calendar calendar) throws SQLException {
        try {
            return timeOf(column, row, calendar);
        } catch (RuntimeException e) {
            throw conversionFailure(column, row, "java.sql.Time", e);
        }
    }

    private Time timeOf(CachedColumn column, int row, Calendar calendar) throws SQLException {
        Object value = column.value(row);
        if (calendar == null && value instanceof Time time && madeInTheCurrentZone(column)) {
            return (Time) time.clone();
        }
        ZoneId zone = zoneOf(calendar, column);
        Object endOfDay = postgresEndOfDay(column, row);
        if (endOfDay instanceof LocalDateTime nextMidnight) {
            return new Time(millisAt(nextMidnight, zone));
        }
        if (endOfDay instanceof OffsetDateTime nextMidnight) {
            return new Time(nextMidnight.toInstant().toEpochMilli());
        }
        Object temporal = localizedWithDateTimes(temporal(column, row), column);
        if (infinityMillis(column, row, temporal) != 0) {
            // pgjdbc refuses too: an infinite date-time has no time of day.
            throw conversionError(column.text(row), "java.sql.Time");
        }
        LocalTime local;
        if (temporal instanceof LocalTime time) {
            local = time;
        } else if (temporal instanceof LocalDate) {
            local = LocalTime.MIDNIGHT;
        } else if (temporal instanceof LocalDateTime dateTime) {
            local = conventions.calendarArithmetic()
                    ? Instant.ofEpochMilli(millisAt(dateTime, zone)).atZone(zone).toLocalTime()
                    : dateTime.toLocalTime();
        } else if (temporal instanceof OffsetTime time) {
            return new Time(time.atDate(LocalDate.EPOCH).toInstant().toEpochMilli());
        } else {
            Instant instant = instantOf(temporal, value);
            if (instant == null) {
                throw conversionError(column.text(row), "java.sql.Time");
            }
            if (conventions.calendarArithmetic()) {
                Time shown = timeOfDayShownWithOffset(column.text(row));
                if (shown != null) {
                    return shown;
                }
                // The time of day in the JVM's zone, moved to 1970-01-01 keeping the offset the instant had there.
                long offset = ZoneId.systemDefault().getRules().getOffset(instant).getTotalSeconds() * 1000L;
                return new Time(Math.floorMod(instant.toEpochMilli() + offset, MILLIS_PER_DAY) - offset);
            }
            // A zoned value keeps its instant; the calendar has no say in its time of day.
            zone = driverZone();
            local = instant.atZone(zone).toLocalTime();
        }
        return new Time(millisAt(LocalDate.EPOCH.atTime(local), zone));
    }

    /**
     * pgjdbc's time of a date-time with an offset: the time of day its text shows (the server wrote it in the
     * session's zone) on 1970-01-01 at the text's offset, whatever the JVM's zone is now; null when the text is not
     * of the form {@code yyyy-mm-dd hh:mm:ss[.f]±hh[:mm[:ss]]}.
     */
    private static Time timeOfDayShownWithOffset(String text) {
        int at = text.indexOf(' ') + 1;
        if (at == 0 || text.length() < at + 9 || text.charAt(at + 2) != ':' || text.charAt(at + 5) != ':') {
            return null;
        }
        int hour = digits(text, at, 2);
        int minute = digits(text, at + 3, 2);
        int second = digits(text, at + 6, 2);
        int position = at + 8;
        int nanos = 0;
        if (position < text.length() && text.charAt(position) == '.') {
            int scale = 100_000_000;
            position++;
            while (position < text.length() && Character.isDigit(text.charAt(position))) {
                nanos += (text.charAt(position++) - '0') * scale;
                scale /= 10;
            }
        }
        if (position + 3 > text.length() || (text.charAt(position) != '+' && text.charAt(position) != '-')) {
            return null;
        }
        int sign = text.charAt(position) == '-' ? -1 : 1;
        int offsetHours = digits(text, position + 1, 2);
        if (hour < 0 || minute < 0 || second < 0 || offsetHours < 0) {
            return null;
        }
        int offsetSeconds = offsetHours * 3600;
        position += 3;
        for (int unit = 60; unit >= 1 && position + 3 <= text.length() && text.charAt(position) == ':'; unit /= 60) {
            int part = digits(text, position + 1, 2);
            if (part < 0) {
                return null;
            }
            offsetSeconds += part * unit;
            position += 3;
        }
        long seconds = hour * 3600L + minute * 60L + second - sign * (long) offsetSeconds;
        return new Time(seconds * 1000 + nanos / 1_000_000);
    }

    /** The number written by {@code count} digits at {@code at}; -1 when one of them is not a digit. */
    private static int digits(String text, int at, int count) {
        int number = 0;
        for (int i = at; i < at + count; i++) {
            char digit = i < text.length() ? text.charAt(i) : 'x';
            if (digit < '0' || digit > '9') {
                return -1;
            }
            number = number * 10 + digit - '0';
        }
        return number;
    }

    private Timestamp timestampAt(LocalDateTime local, ZoneId zone) {
        Timestamp timestamp = new Timestamp(millisAt(local.withNano(0), zone));
        timestamp.setNanos(local.getNano());
        return timestamp;
    }

    /** The epoch millis of local date-time fields in a zone, by the driver's arithmetic. */
    private long millisAt(LocalDateTime local, ZoneId zone) {
        if (!conventions.calendarArithmetic()) {
            return local.atZone(zone).toInstant().toEpochMilli();
        }
        GregorianCalendar calendar = new GregorianCalendar(TimeZone.getTimeZone(zone));
        calendar.clear();
        int year = local.getYear();
        if (year <= 0) {
            calendar.set(Calendar.ERA, GregorianCalendar.BC);
            year = 1 - year;
        }
        calendar.set(year, local.getMonthValue() - 1, local.getDayOfMonth(), local.getHour(), local.getMinute(),
                local.getSecond());
        calendar.set(Calendar.MILLISECOND, local.getNano() / 1_000_000);
        return calendar.getTimeInMillis();
    }

    /**
     * pgjdbc's millis for the server's 'infinity' and '-infinity' (PGStatement.DATE_POSITIVE_INFINITY and
     * DATE_NEGATIVE_INFINITY), or 0 for any other value.
     */
    private long infinityMillis(CachedColumn column, int row, Object temporal) {
        if (!conventions.postgresSpecialDateTimes()) {
            return 0;
        }
        if (temporal == LocalDateTime.MAX || temporal == OffsetDateTime.MAX || temporal == LocalDate.MAX) {
            return POSITIVE_INFINITY_MILLIS;
        }
        if (temporal == LocalDateTime.MIN || temporal == OffsetDateTime.MIN || temporal == LocalDate.MIN) {
            return NEGATIVE_INFINITY_MILLIS;
        }
        if (temporal == null) {
            String text = column.text(row).trim();
            if (text.equalsIgnoreCase("infinity")) {
                return POSITIVE_INFINITY_MILLIS;
            }
            if (text.equalsIgnoreCase("-infinity")) {
                return NEGATIVE_INFINITY_MILLIS;
            }
        }
        return 0;
    }

    /**
     * Whether the server's 'infinity' or '-infinity' is asked for as a type that has no form of it. pgjdbc gives an
     * infinity only as a Timestamp (and java.util.Date or Calendar of its millis), as the extreme LocalDate,
     * LocalDateTime and OffsetDateTime, and as a java.sql.Date of a date column; an Instant, a ZonedDateTime, a time
     * of day or a java.sql.Date of a timestamp would be a made-up value, so those fail as a conversion error.
     */
    private boolean isUnrepresentableInfinity(CachedColumn column, int row, Class<?> type) {
        if (!conventions.postgresSpecialDateTimes()) {
            return false;
        }
        boolean noInfiniteForm = type == Instant.class || type == ZonedDateTime.class || type == OffsetTime.class
                || type == LocalTime.class || type == Time.class || type == Date.class;
        if (!noInfiniteForm) {
            return false;
        }
        Object temporal = temporal(column, row);
        if (type == Date.class && temporal instanceof LocalDate) {
            return false;
        }
        return infinityMillis(column, row, temporal) != 0;
    }

    /**
     * getObject of a zone-dependent column: the driver's own value while the JVM's zone is the one it was made in,
     * else the value the driver makes from the same fields in the zone of now.
     */
    Object objectInTheCurrentZone(CachedColumn column, int row) throws SQLException {
        Object value = column.value(row);
        if (madeInTheCurrentZone(column)) {
            return ValueSnapshots.copyForCaller(value);
        }
        if (value instanceof Timestamp) {
            return toTimestamp(column, row, null);
        }
        if (value instanceof Date) {
            return toDate(column, row, null);
        }
        if (value instanceof Time) {
            return toTime(column, row, null);
        }
        return ValueSnapshots.copyForCaller(value);
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
        if (isUnrepresentableInfinity(column, row, type)) {
            throw conversionError(column.text(row), type.getName());
        }
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
            return value instanceof BigInteger integer ? integer : toBigDecimal(column, row).toBigInteger();
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
            return text.isEmpty() ? ' ' : text.charAt(0);
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
            Calendar calendar = new GregorianCalendar(TimeZone.getTimeZone(driverZone()));
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
        ZoneId zone = driverZone();
        if (conventions.postgresSpecialDateTimes() && type == OffsetDateTime.class) {
            if (temporal == LocalDateTime.MAX) {
                return OffsetDateTime.MAX;
            }
            if (temporal == LocalDateTime.MIN) {
                return OffsetDateTime.MIN;
            }
        }
        if (temporal instanceof OffsetDateTime zoned) {
            if (type == OffsetTime.class) {
                return zoned.toOffsetTime();
            }
            if (type == ZonedDateTime.class) {
                return zoned.toZonedDateTime();
            }
            if (type == Instant.class) {
                return zoned.toInstant();
            }
            temporal = zoned.atZoneSameInstant(zone).toLocalDateTime();
        } else if (temporal instanceof OffsetTime time) {
            if (type == OffsetDateTime.class || type == ZonedDateTime.class || type == Instant.class) {
                OffsetDateTime dated = time.atDate(dateOfTimes(column));
                return type == OffsetDateTime.class ? dated
                        : type == Instant.class ? dated.toInstant() : dated.toZonedDateTime();
            }
            // Moved into the JVM's current offset first, then placed on the date times of day fall on (today, as H2 does).
            LocalTime local = time.withOffsetSameInstant(zone.getRules().getOffset(Instant.now())).toLocalTime();
            temporal = dateOfTimes(column).atTime(local);
        }
        LocalDateTime local;
        if (temporal instanceof LocalDateTime dateTime) {
            local = dateTime;
        } else if (temporal instanceof LocalDate date) {
            local = date.atStartOfDay();
        } else if (temporal instanceof LocalTime time) {
            if (type == LocalTime.class) {
                return time;
            }
            local = dateOfTimes(column).atTime(time);
        } else if (temporal instanceof Instant instant) {
            local = LocalDateTime.ofInstant(instant, zone);
        } else {
            throw conversionError(column.text(row), type.getName());
        }
        if (type == LocalDate.class) {
            return local.toLocalDate();
        }
        if (type == LocalTime.class) {
            return local.toLocalTime();
        }
        if (type == LocalDateTime.class) {
            return local;
        }
        boolean asUtc = conventions.localTimestampAsUtc() && temporal instanceof LocalDateTime;
        OffsetDateTime offset = local.atOffset(asUtc ? ZoneOffset.UTC : offsetOf(local, zone));
        if (type == OffsetDateTime.class) {
            return offset;
        }
        if (type == OffsetTime.class) {
            return offset.toOffsetTime();
        }
        if (type == Instant.class) {
            return offset.toInstant();
        }
        return offset.toZonedDateTime();
    }

    /**
     * The offset a local date-time has in a zone. In a gap (clocks moved forward) the local time is kept and the
     * offset after the change applies, as H2 does; in an overlap the earlier offset applies.
     */
    private static ZoneOffset offsetOf(LocalDateTime local, ZoneId zone) {
        ZoneRules rules = zone.getRules();
        List<ZoneOffset> valid = rules.getValidOffsets(local);
        if (!valid.isEmpty()) {
            return valid.get(0);
        }
        return rules.getTransition(local).getOffsetAfter();
    }

    /**
     * The java.time form of a cell: what the driver gave for its column's java.time type when captured, else one
     * derived from the value or, for text, parsed from it; null when it has none.
     */
    private Object temporal(CachedColumn column, int row) {
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
        if (value instanceof String || conventions.numbersFromText()) {
            // Drivers that convert from text parse whatever the column holds, as do all for character columns.
            return parseTemporal(column.text(row).trim());
        }
        return null;
    }

    /**
     * pgjdbc reads the server's time '24:00:00' as midnight of 1970-01-02, where java.time has only 23:59:59.999999999:
     * that midnight (with the text's offset for a time with zone), or null for any other value.
     */
    private Object postgresEndOfDay(CachedColumn column, int row) {
        if (!conventions.postgresSpecialDateTimes() || column.alternateKind() != CachedColumn.Alternate.TEMPORAL) {
            return null;
        }
        Object alternate = column.alternate(row);
        if (alternate == null || !isEndOfDay(alternate)) {
            return null;
        }
        String text = column.text(row);
        if (!text.startsWith("24:00:00")) {
            return null;
        }
        LocalDateTime nextMidnight = LocalDate.EPOCH.plusDays(1).atStartOfDay();
        if (!(alternate instanceof OffsetTime)) {
            return nextMidnight;
        }
        int sign = Math.max(text.indexOf('+'), text.indexOf('-'));
        return sign < 0 ? null : nextMidnight.atOffset(ZoneOffset.of(text.substring(sign)));
    }

    private static boolean isEndOfDay(Object temporal) {
        return temporal.equals(LocalTime.MAX)
                || temporal instanceof OffsetTime time && time.toLocalTime().equals(LocalTime.MAX);
    }

    /** For getTimestamp: where the driver moves a time with zone into the JVM's zone first, does so. */
    private Object localized(Object temporal, CachedColumn column) {
        if (temporal instanceof OffsetTime time && conventions.localizesZonedValues()) {
            ZoneId zone = driverZone();
            return time.withOffsetSameInstant(zone.getRules().getOffset(Instant.now())).toLocalTime();
        }
        return temporal;
    }

    /** For getDate and getTime: where the driver moves every zoned value into the JVM's zone first, does so; a
     *  calendar then places that local date or time in its own zone. */
    private Object localizedWithDateTimes(Object temporal, CachedColumn column) {
        if (temporal instanceof OffsetDateTime zoned && conventions.localizesZonedValues()) {
            return zoned.atZoneSameInstant(driverZone()).toLocalDateTime();
        }
        return localized(temporal, column);
    }

    /** The date a bare time of day falls on when read as a timestamp. */
    private LocalDate dateOfTimes(CachedColumn column) {
        return conventions.timeOnTodaysDate() ? LocalDate.now(driverZone()) : LocalDate.EPOCH;
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

    private static Instant instantOf(Object temporal, Object value) {
        if (temporal instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (temporal instanceof ZonedDateTime zoned) {
            return zoned.toInstant();
        }
        if (temporal instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.util.Date date) {
            return Instant.ofEpochMilli(date.getTime());
        }
        return null;
    }

    private ZoneId zoneOf(Calendar calendar, CachedColumn column) {
        return calendar == null ? driverZone() : calendar.getTimeZone().toZoneId();
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    /**
     * What a conversion that failed with a RuntimeException throws instead, so that only an SQLException leaves a
     * getter: a value java.time or BigDecimal cannot represent (an infinite timestamp, an infinite float, a date-time
     * past java.time's range) fails as a conversion error, as a driver's getter would, never as ArithmeticException,
     * DateTimeException or NumberFormatException. Each getter catches in place rather than passing the conversion as
     * a lambda, which would allocate on every call of a hit.
     */
    private static SQLException conversionFailure(CachedColumn column, int row, String target, RuntimeException cause) {
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

    private static SQLException outOfRange(String value, String target) {
        return new SQLException("Value " + value + " is out of range for type " + target, OUT_OF_RANGE);
    }

    private static SQLException conversionError(String value, String target) {
        return new SQLException("Cannot convert \"" + value + "\" to " + target, CONVERSION_ERROR);
    }
}
