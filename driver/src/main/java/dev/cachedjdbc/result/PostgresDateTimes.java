package dev.cachedjdbc.result;

import java.sql.Time;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;

/**
 * How pgjdbc reads what only PostgreSQL sends: the date/time values 'infinity', '-infinity' and '24:00:00', and the
 * time of day of a timestamp with time zone. The date and time conversions ask here only for results that pgjdbc
 * produced ({@link SourceConventions#postgresSpecialDateTimes()}, {@link SourceConventions#calendarArithmetic()}).
 */
final class PostgresDateTimes {

    /** org.postgresql.PGStatement.DATE_POSITIVE_INFINITY and DATE_NEGATIVE_INFINITY. */
    private static final long POSITIVE_INFINITY_MILLIS = 9223372036825200000L;
    private static final long NEGATIVE_INFINITY_MILLIS = -9223372036832400000L;
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private PostgresDateTimes() {
    }

    /**
     * pgjdbc's millis for the server's 'infinity' and '-infinity' (PGStatement.DATE_POSITIVE_INFINITY and
     * DATE_NEGATIVE_INFINITY), or 0 for any other value.
     */
    static long infinityMillis(CachedColumn column, int row, Object temporal) {
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
     * pgjdbc reads the server's time '24:00:00' as midnight of 1970-01-02, where java.time has only 23:59:59.999999999:
     * that midnight (with the text's offset for a time with zone), or null for any other value.
     */
    static Object endOfDay(CachedColumn column, int row) {
        if (column.alternateKind() != CachedColumn.Alternate.TEMPORAL) {
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

    /**
     * pgjdbc's getTime of a date-time with an offset: the time of day its text shows, else the time of day of its
     * instant in the JVM's zone of now, on 1970-01-01 keeping the offset the instant had there.
     */
    static Time timeOfDay(String text, Instant instant, JvmClock clock) {
        Time shown = timeOfDayShownWithOffset(text);
        if (shown != null) {
            return shown;
        }
        long offset = clock.zone().getRules().getOffset(instant).getTotalSeconds() * 1000L;
        return new Time(Math.floorMod(instant.toEpochMilli() + offset, MILLIS_PER_DAY) - offset);
    }

    /**
     * The time of day the text of a date-time with an offset shows (the server wrote it in the
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
}
