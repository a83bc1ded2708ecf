package dev.cachedjdbc.result;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLNonTransientException;
import java.sql.SQLSyntaxErrorException;

/**
 * Where the database drivers disagree about a conversion that each of them performs, the convention of the driver
 * that produced a result, so that a hit converts exactly as that driver would have. Conversions that only one driver
 * performs (the others refuse) are done the same way for every driver and need no entry here. The conversions ask
 * only these answers; how pgjdbc reads PostgreSQL's special date/time values is in {@link PostgresDateTimes}.
 */
enum SourceConventions {

    /** pgjdbc converts from the text the server sent, truncates fractions and reads zoned values at face value. */
    POSTGRESQL(true, Rounding.TRUNCATE, Rounding.TRUNCATE, false, false, StandardCharsets.US_ASCII),
    /** H2 converts from the typed value, rounds fractions and first moves zoned values into the JVM's zone. */
    H2(false, Rounding.HALF_UP, Rounding.HALF_TOWARD_POSITIVE, true, true, StandardCharsets.UTF_8),
    /** Any other driver: typed-value conversions as the JDBC specification's tables describe them. */
    GENERIC(false, Rounding.HALF_UP, Rounding.HALF_UP, false, false, StandardCharsets.US_ASCII);

    /** How a fraction becomes a whole number. */
    enum Rounding {
        TRUNCATE,
        HALF_UP,
        /** Math.round: halves go toward positive infinity, so -1.5 becomes -1. */
        HALF_TOWARD_POSITIVE;

        BigDecimal whole(BigDecimal value) {
            return switch (this) {
                case TRUNCATE -> value.setScale(0, RoundingMode.DOWN);
                case HALF_UP -> value.setScale(0, RoundingMode.HALF_UP);
                case HALF_TOWARD_POSITIVE -> value.add(new BigDecimal("0.5")).setScale(0, RoundingMode.FLOOR);
            };
        }
    }

    private final boolean numbersFromText;
    private final Rounding decimalToWhole;
    private final Rounding floatingToWhole;
    private final boolean localizesZonedValues;
    private final boolean timeOnTodaysDate;
    private final Charset asciiStreamCharset;

    SourceConventions(boolean numbersFromText, Rounding decimalToWhole, Rounding floatingToWhole,
            boolean localizesZonedValues, boolean timeOnTodaysDate, Charset asciiStreamCharset) {
        this.numbersFromText = numbersFromText;
        this.decimalToWhole = decimalToWhole;
        this.floatingToWhole = floatingToWhole;
        this.localizesZonedValues = localizesZonedValues;
        this.timeOnTodaysDate = timeOnTodaysDate;
        this.asciiStreamCharset = asciiStreamCharset;
    }

    /** Recognises the driver from the classes of its result set and metadata; pools hand out the driver's own
     *  metadata, so a pooled result set is recognised too. */
    static SourceConventions of(ResultSet delegate, ResultSetMetaData metaData) {
        SourceConventions byResultSet = BY_CLASS.get(delegate.getClass());
        if (byResultSet == POSTGRESQL || metaData == null) {
            return byResultSet;
        }
        SourceConventions byMetaData = BY_CLASS.get(metaData.getClass());
        // Either class naming pgjdbc makes it pgjdbc; else either naming H2 makes it H2 (GENERIC sorts last).
        return byMetaData.ordinal() < byResultSet.ordinal() ? byMetaData : byResultSet;
    }

    /** What a class's name says of its driver; looked up once per class, since every miss asks. */
    private static final ClassValue<SourceConventions> BY_CLASS = new ClassValue<>() {
        @Override
        protected SourceConventions computeValue(Class<?> type) {
            String name = type.getName();
            if (name.contains("org.postgresql.")) {
                return POSTGRESQL;
            }
            return name.contains("org.h2.") ? H2 : GENERIC;
        }
    };

    /**
     * Whether the driver's getString of a cell whose getObject gave this value is exactly the value's toString(), so
     * that a capture need not ask for it. pgjdbc and H2 read character columns in getObject through getString
     * itself, and render integers in canonical decimal both in the server's text and from the binary form. A decimal
     * counts only when its toString is plain notation: the servers' text of a numeric is plain, and BigDecimal
     * reproduces plain text exactly unless it would switch to an exponent (a negative scale, or more than six zeros
     * after the point), where the driver's text is kept.
     */
    boolean textIsOwnRendering(Object value) {
        if (this == GENERIC) {
            return false;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.scale() >= 0 && decimal.precision() - 1 - decimal.scale() >= -6;
        }
        return value instanceof String || value instanceof Integer || value instanceof Long
                || value instanceof Short || value instanceof Byte;
    }

    /** Whether numeric getters parse the text of the value (as pgjdbc does) rather than convert the typed value. */
    boolean numbersFromText() {
        return numbersFromText;
    }

    /** How a fractional NUMERIC/DECIMAL becomes a whole number in getInt and its kin. */
    Rounding decimalToWhole() {
        return decimalToWhole;
    }

    /** How a fractional REAL/DOUBLE becomes a whole number in getInt and its kin. */
    Rounding floatingToWhole() {
        return floatingToWhole;
    }

    /**
     * Whether a zoned value is first moved into the JVM's zone and then treated as a local one (H2), which makes
     * getDate/getTime with a Calendar read that local date or time in the calendar's zone, and a time with zone take
     * today's date. Otherwise (pgjdbc) zoned values keep their instant and ignore the calendar.
     */
    boolean localizesZonedValues() {
        return localizesZonedValues;
    }

    /** Whether a time of day read as a timestamp falls on today's date (H2) rather than on 1970-01-01 (pgjdbc). */
    boolean timeOnTodaysDate() {
        return timeOnTodaysDate;
    }

    /** How getAsciiStream encodes text: US-ASCII as JDBC says (pgjdbc), or UTF-8 (H2). */
    Charset asciiStreamCharset() {
        return asciiStreamCharset;
    }

    /** Whether getBytes on an integer or UUID column gives the value's big-endian binary form (H2) rather than the
     *  bytes of its text (pgjdbc). */
    boolean binaryFormOfNumbers() {
        return this == H2;
    }

    /**
     * Whether conversions between local date/time fields and java.sql millis go through java.util.Calendar, as
     * pgjdbc's do: the hybrid Julian/Gregorian calendar for old dates, and local times in a daylight-saving gap
     * pushed forward, also when only the time of day is wanted. Otherwise (H2) java.time arithmetic applies.
     */
    boolean calendarArithmetic() {
        return this == POSTGRESQL;
    }

    /** Whether getObject(i, OffsetDateTime.class) on a timestamp without zone reads it as UTC (pgjdbc) rather than
     *  in the JVM's zone. */
    boolean localTimestampAsUtc() {
        return this == POSTGRESQL;
    }

    /**
     * Whether the server's special date/time values are read the pgjdbc way: 'infinity' and '-infinity' as the
     * extreme millis of PGStatement.DATE_POSITIVE_INFINITY / DATE_NEGATIVE_INFINITY, and a time of '24:00:00' as
     * midnight of the next day.
     */
    boolean postgresSpecialDateTimes() {
        return this == POSTGRESQL;
    }

    /** Whether getByte reads blank text as 0 (pgjdbc does, for getByte alone). */
    boolean blankTextIsZeroByte() {
        return this == POSTGRESQL;
    }

    /**
     * The text a driver gives for a binary value, so that it need not be kept beside the bytes: pgjdbc's
     * {@code \x} hex form, H2's UTF-8 decoding; null where the driver's form is not known.
     */
    String textOfBinary(byte[] bytes) {
        return switch (this) {
            case POSTGRESQL -> {
                StringBuilder text = new StringBuilder(2 + 2 * bytes.length).append("\\x");
                for (byte b : bytes) {
                    text.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
                }
                yield text.toString();
            }
            case H2 -> new String(bytes, StandardCharsets.UTF_8);
            case GENERIC -> null;
        };
    }

    /** Whether getArray on a column that is not an array reads the single value as a one-element array (H2). */
    boolean wrapsScalarsAsArrays() {
        return this == H2;
    }

    /** A misuse of a result set that every driver refuses, each in its own way. */
    enum Misuse {
        /** Any use of a closed result set (or, where the driver closes them with it, of a closed connection's). */
        CLOSED,
        /** Any use of a result set whose connection the driver lost, where the driver ends them with it. */
        CONNECTION_LOST,
        /** Reading a column while the cursor is on no row. */
        NO_CURRENT_ROW,
        /** Moving a forward-only cursor where its driver does not let it go. */
        FORWARD_ONLY,
        /** A column index below 1 or above the column count. */
        COLUMN_INDEX,
        /** A label no column has. */
        COLUMN_LABEL
    }

    /**
     * The failure the source driver gives a misuse: its SQLState, its vendor code and the java.sql class it throws
     * (H2's exceptions extend the java.sql subclass that fits, pgjdbc's extend SQLException itself), so that a caller
     * catching SQLSyntaxErrorException or testing getErrorCode sees no difference. The message is the driver's own
     * error code where the driver puts it in its messages (H2), so logs read alike.
     */
    SQLException misuse(Misuse misuse, String message) {
        return switch (this) {
            case POSTGRESQL -> new SQLException(message, switch (misuse) {
                case CLOSED -> "55000";
                case CONNECTION_LOST -> "08003";
                case NO_CURRENT_ROW, FORWARD_ONLY -> "24000";
                case COLUMN_INDEX -> "22023";
                case COLUMN_LABEL -> "42703";
            });
            case H2 -> switch (misuse) {
                case CLOSED -> new SQLNonTransientException(h2(message, 90007), "90007", 90007);
                case CONNECTION_LOST -> new SQLNonTransientConnectionException(h2(message, 90121), "90121", 90121);
                case NO_CURRENT_ROW -> new SQLNonTransientException(h2(message, 2000), "02000", 2000);
                case FORWARD_ONLY -> new SQLNonTransientException(h2(message, 90128), "90128", 90128);
                case COLUMN_INDEX -> new SQLDataException(h2(message, 90008), "90008", 90008);
                case COLUMN_LABEL -> new SQLSyntaxErrorException(h2(message, 42122), "42S22", 42122);
            };
            case GENERIC -> switch (misuse) {
                case CLOSED, NO_CURRENT_ROW, FORWARD_ONLY -> new SQLException(message, "24000");
                case CONNECTION_LOST -> new SQLNonTransientConnectionException(message, "08003");
                case COLUMN_INDEX -> new SQLException(message, "07009");
                case COLUMN_LABEL -> new SQLSyntaxErrorException(message, "42S22");
            };
        };
    }

    private static String h2(String message, int code) {
        return message + " [" + code + "]";
    }

    /**
     * Whether a forward-only cursor may still be moved forward by absolute, relative, last and afterLast, and
     * moved to the first row by first while it is before it (H2); otherwise (pgjdbc, the specification) every move
     * but next is refused.
     */
    boolean forwardOnlyMovesForward() {
        return this == H2;
    }

    /**
     * Whether the driver's result sets report the fetch size of their statement at execution, and keep the one the
     * caller sets (pgjdbc, the specification); H2's in-memory results always report 0.
     */
    boolean resultsReportFetchSize() {
        return this != H2;
    }

    /**
     * Whether closing (or losing) the connection makes its result sets refuse every use, as H2's do; pgjdbc's keep
     * the rows they fetched and stay readable. Either way they do not report themselves closed.
     */
    boolean resultsEndWithTheirConnection() {
        return this != POSTGRESQL;
    }

    /**
     * Whether the driver makes java.sql dates and times, and reads local values as instants, in its session's time
     * zone, which it takes from the JVM when the connection opens (H2); pgjdbc uses the JVM's zone of the moment the
     * value is read. The session's zone is part of the cache key (a session setting), so the JVM's zone while a
     * result was loaded stands for it.
     */
    boolean convertsInSessionZone() {
        return this == H2;
    }

    /**
     * Whether the driver checks a getter's column index before the cursor's position (H2), so that a bad index off
     * any row fails as a bad index; pgjdbc checks the position first.
     */
    boolean checksColumnIndexFirst() {
        return this == H2;
    }

    /** Whether a time of day read as a date-time (getTimestamp, getObject(i, LocalDateTime.class) …) falls on the
     *  current date (H2) rather than on 1970-01-01 (pgjdbc). */
    boolean timeOfDayOnCurrentDate() {
        return timeOnTodaysDate;
    }
}
