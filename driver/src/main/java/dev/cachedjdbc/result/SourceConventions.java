package dev.cachedjdbc.result;

import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;

/**
 * Where the database drivers disagree about a conversion that both of them perform, the convention of the driver
 * that produced a result, so that a hit converts exactly as that driver would have. Conversions that only one
 * driver performs (and the other refuses) are done the same way for every driver and need no entry here.
 */
enum SourceConventions {

    /** pgjdbc converts from the text the server sent, truncates fractions and reads zoned times at face value. */
    POSTGRESQL(true, RoundingMode.DOWN, RoundingMode.DOWN, false, true, false),
    /** H2 converts from the typed value, rounds fractions and shifts zoned times into the calendar asked for. */
    H2(false, RoundingMode.HALF_UP, RoundingMode.HALF_UP, true, false, true),
    /** Any other driver: typed-value conversions as the JDBC specification's tables describe them. */
    GENERIC(false, RoundingMode.HALF_UP, RoundingMode.HALF_UP, false, false, false);

    private final boolean numbersFromText;
    private final RoundingMode decimalToIntegral;
    private final RoundingMode floatingToIntegral;
    private final boolean calendarShiftsZonedTime;
    private final boolean localTimestampAsUtcOffset;
    private final boolean timeOfDayOnCurrentDate;

    SourceConventions(boolean numbersFromText, RoundingMode decimalToIntegral, RoundingMode floatingToIntegral,
            boolean calendarShiftsZonedTime, boolean localTimestampAsUtcOffset, boolean timeOfDayOnCurrentDate) {
        this.numbersFromText = numbersFromText;
        this.decimalToIntegral = decimalToIntegral;
        this.floatingToIntegral = floatingToIntegral;
        this.calendarShiftsZonedTime = calendarShiftsZonedTime;
        this.localTimestampAsUtcOffset = localTimestampAsUtcOffset;
        this.timeOfDayOnCurrentDate = timeOfDayOnCurrentDate;
    }

    /** Recognises the driver from the classes of its result set and metadata; wrappers such as pools are seen through
     *  by the metadata, which pools hand out unwrapped. */
    static SourceConventions of(ResultSet delegate, ResultSetMetaData metaData) {
        String names = delegate.getClass().getName() + " " + (metaData == null ? "" : metaData.getClass().getName());
        if (names.contains("org.postgresql.")) {
            return POSTGRESQL;
        }
        if (names.contains("org.h2.")) {
            return H2;
        }
        return GENERIC;
    }

    /** Whether numeric getters parse the text of the value (as pgjdbc does) rather than convert the typed value. */
    boolean numbersFromText() {
        return numbersFromText;
    }

    /** How a fractional NUMERIC/DECIMAL becomes an integer in getInt and its kin. */
    RoundingMode decimalToIntegral() {
        return decimalToIntegral;
    }

    /** How a fractional REAL/DOUBLE becomes an integer in getInt and its kin. */
    RoundingMode floatingToIntegral() {
        return floatingToIntegral;
    }

    /** Whether getTime(i, Calendar) on a zoned time re-reads its local time in the calendar's zone (H2), rather than
     *  keeping the instant and ignoring the calendar (pgjdbc). */
    boolean calendarShiftsZonedTime() {
        return calendarShiftsZonedTime;
    }

    /** Whether getObject(i, OffsetDateTime.class) on a timestamp without zone reads it as UTC (pgjdbc) rather than
     *  in the JVM's zone. */
    boolean localTimestampAsUtcOffset() {
        return localTimestampAsUtcOffset;
    }

    /** The SQLState of reading a column while the cursor is on no row: H2 reports "no data", pgjdbc and the
     *  specification an invalid cursor state. */
    String noCurrentRowState() {
        return this == H2 ? "02000" : "24000";
    }

    /** The SQLState of using a closed result set: pgjdbc reports "object not in prerequisite state", H2 its own
     *  code, the specification an invalid cursor state. */
    String closedState() {
        return switch (this) {
            case POSTGRESQL -> "55000";
            case H2 -> "90007";
            case GENERIC -> "24000";
        };
    }

    /** The SQLState of scrolling a forward-only result set backwards: H2 has its own code. */
    String forwardOnlyState() {
        return this == H2 ? "90128" : "24000";
    }

    /** Whether a time of day read as a date-time (getTimestamp, getObject(i, LocalDateTime.class) …) falls on the
     *  current date (H2) rather than on 1970-01-01 (pgjdbc). */
    boolean timeOfDayOnCurrentDate() {
        return timeOfDayOnCurrentDate;
    }
}
