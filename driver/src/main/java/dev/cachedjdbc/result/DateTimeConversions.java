package dev.cachedjdbc.result;

import static dev.cachedjdbc.result.ConversionErrors.conversionError;
import static dev.cachedjdbc.result.ConversionErrors.conversionFailure;

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
import java.time.zone.ZoneRules;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.TimeZone;

/**
 * The date and time getters of a cached result (java.sql values, with or without a calendar, and java.time values of
 * getObject), in the zone the source driver uses: its session's, fixed when the result was loaded (H2), or the JVM's
 * of the moment of the read (pgjdbc), which the {@link JvmClock} tells, as it tells the current date.
 */
final class DateTimeConversions {

    private final SourceConventions conventions;
    private final JvmClock clock;
    /** The JVM's zone while the result was loaded; null when nothing needed it. */
    private final TimeZone loadZone;
    /** The zone the driver converts in for the whole result (its session's), or null for the JVM's of the moment. */
    private final ZoneId sessionZone;

    DateTimeConversions(SourceConventions conventions, TimeZone loadZone, JvmClock clock) {
        this.conventions = conventions;
        this.clock = clock;
        this.loadZone = loadZone;
        this.sessionZone = conventions.convertsInSessionZone() && loadZone != null ? loadZone.toZoneId() : null;
    }

    /**
     * The zone the driver takes where no calendar is given: its session's (fixed while the result was loaded, H2), or
     * the JVM's of the moment it reads (pgjdbc).
     */
    private ZoneId driverZone() {
        return sessionZone != null ? sessionZone : clock.zone();
    }

    /**
     * Whether a cell's stored value stands for what the driver would make now: always, unless its column holds
     * java.sql local dates and times made in the JVM's zone (pgjdbc) and that zone changed since the load. Asks for
     * the JVM's zone, which is a copy: only for such columns.
     */
    private boolean madeInTheCurrentZone(CachedColumn column) {
        return !column.zoneDependent() || loadZone == null || loadZone.equals(clock.timeZone());
    }

    // ---- java.sql values -----------------------------------------------------------------------------------------

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
        Object endOfDay = endOfDay(column, row);
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
        Object endOfDay = endOfDay(column, row);
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
                return PostgresDateTimes.timeOfDay(column.text(row), instant, clock);
            }
            // A zoned value keeps its instant; the calendar has no say in its time of day.
            zone = driverZone();
            local = instant.atZone(zone).toLocalTime();
        }
        return new Time(millisAt(LocalDate.EPOCH.atTime(local), zone));
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

    /** getObject(i, Calendar.class): the timestamp's instant on a calendar in the driver's zone. */
    Calendar toCalendar(CachedColumn column, int row) throws SQLException {
        Calendar calendar = new GregorianCalendar(TimeZone.getTimeZone(driverZone()));
        calendar.setTimeInMillis(toTimestamp(column, row, null).getTime());
        return calendar;
    }

    // ---- java.time values, and the java.time form of a cell every conversion starts from -----------------------

    Object toJavaTime(CachedColumn column, int row, Class<?> type) throws SQLException {
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
            LocalTime local = time.withOffsetSameInstant(zone.getRules().getOffset(clock.instant())).toLocalTime();
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

    /** For getTimestamp: where the driver moves a time with zone into the JVM's zone first, does so. */
    private Object localized(Object temporal, CachedColumn column) {
        if (temporal instanceof OffsetTime time && conventions.localizesZonedValues()) {
            ZoneId zone = driverZone();
            return time.withOffsetSameInstant(zone.getRules().getOffset(clock.instant())).toLocalTime();
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
        return conventions.timeOnTodaysDate() ? LocalDate.ofInstant(clock.instant(), driverZone()) : LocalDate.EPOCH;
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

    // ---- PostgreSQL's special values -----------------------------------------------------------------------------

    /** What pgjdbc makes of 'infinity' or '-infinity' (see {@link PostgresDateTimes#infinityMillis}); 0 elsewhere. */
    private long infinityMillis(CachedColumn column, int row, Object temporal) {
        return conventions.postgresSpecialDateTimes() ? PostgresDateTimes.infinityMillis(column, row, temporal) : 0;
    }

    /** What pgjdbc makes of '24:00:00' (see {@link PostgresDateTimes#endOfDay}); null elsewhere. */
    private Object endOfDay(CachedColumn column, int row) {
        return conventions.postgresSpecialDateTimes() ? PostgresDateTimes.endOfDay(column, row) : null;
    }

    /**
     * Whether the server's 'infinity' or '-infinity' is asked for as a type that has no form of it. pgjdbc gives an
     * infinity only as a Timestamp (and java.util.Date or Calendar of its millis), as the extreme LocalDate,
     * LocalDateTime and OffsetDateTime, and as a java.sql.Date of a date column; an Instant, a ZonedDateTime, a time
     * of day or a java.sql.Date of a timestamp would be a made-up value, so those fail as a conversion error.
     */
    boolean isUnrepresentableInfinity(CachedColumn column, int row, Class<?> type) {
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
}
