package dev.cachedjdbc.result;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.ResultSet;
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
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import java.util.UUID;

/** Every read-only ResultSet getter, by index and by label, as named functions the parity tests can run on any result. */
final class Getters {

    /** Reads one cell of the current row. */
    @FunctionalInterface
    interface CellRead {
        Object read(ResultSet resultSet, int column, String label) throws SQLException;
    }

    record Getter(String name, CellRead read) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Two calendars on either side of UTC, neither of them the JVM's zone in the parity tests. */
    static final Calendar TOKYO = Calendar.getInstance(TimeZone.getTimeZone("Asia/Tokyo"));
    static final Calendar LOS_ANGELES = Calendar.getInstance(TimeZone.getTimeZone("America/Los_Angeles"));

    static final List<Class<?>> OBJECT_TARGETS = List.of(
            LocalDate.class, LocalTime.class, LocalDateTime.class, OffsetDateTime.class, OffsetTime.class,
            Instant.class, ZonedDateTime.class, String.class, Integer.class, Long.class, Short.class, Byte.class,
            Boolean.class, Double.class, Float.class, BigDecimal.class, BigInteger.class, byte[].class, UUID.class,
            java.sql.Date.class, Time.class, Timestamp.class, java.util.Date.class, Character.class, Array.class);

    private Getters() {
    }

    @SuppressWarnings("deprecation")
    static List<Getter> all() {
        List<Getter> getters = new ArrayList<>();
        both(getters, "getString", ResultSet::getString, ResultSet::getString);
        both(getters, "getNString", ResultSet::getNString, ResultSet::getNString);
        both(getters, "getBoolean", ResultSet::getBoolean, ResultSet::getBoolean);
        both(getters, "getByte", ResultSet::getByte, ResultSet::getByte);
        both(getters, "getShort", ResultSet::getShort, ResultSet::getShort);
        both(getters, "getInt", ResultSet::getInt, ResultSet::getInt);
        both(getters, "getLong", ResultSet::getLong, ResultSet::getLong);
        both(getters, "getFloat", ResultSet::getFloat, ResultSet::getFloat);
        both(getters, "getDouble", ResultSet::getDouble, ResultSet::getDouble);
        both(getters, "getBigDecimal", ResultSet::getBigDecimal, ResultSet::getBigDecimal);
        both(getters, "getBigDecimal(scale 1)", (rs, i) -> rs.getBigDecimal(i, 1), (rs, l) -> rs.getBigDecimal(l, 1));
        both(getters, "getBytes", ResultSet::getBytes, ResultSet::getBytes);
        both(getters, "getDate", ResultSet::getDate, ResultSet::getDate);
        both(getters, "getTime", ResultSet::getTime, ResultSet::getTime);
        both(getters, "getTimestamp", ResultSet::getTimestamp, ResultSet::getTimestamp);
        for (Calendar calendar : List.of(TOKYO, LOS_ANGELES)) {
            String zone = calendar.getTimeZone().getID();
            both(getters, "getDate(" + zone + ")", (rs, i) -> rs.getDate(i, calendar),
                    (rs, l) -> rs.getDate(l, calendar));
            both(getters, "getTime(" + zone + ")", (rs, i) -> rs.getTime(i, calendar),
                    (rs, l) -> rs.getTime(l, calendar));
            both(getters, "getTimestamp(" + zone + ")", (rs, i) -> rs.getTimestamp(i, calendar),
                    (rs, l) -> rs.getTimestamp(l, calendar));
        }
        both(getters, "getObject", ResultSet::getObject, ResultSet::getObject);
        for (Class<?> target : OBJECT_TARGETS) {
            both(getters, "getObject(" + target.getSimpleName() + ")", (rs, i) -> rs.getObject(i, target),
                    (rs, l) -> rs.getObject(l, target));
        }
        both(getters, "getArray", ResultSet::getArray, ResultSet::getArray);
        both(getters, "getURL", ResultSet::getURL, ResultSet::getURL);
        both(getters, "getAsciiStream", (rs, i) -> bytesOf(rs.getAsciiStream(i)),
                (rs, l) -> bytesOf(rs.getAsciiStream(l)));
        both(getters, "getBinaryStream", (rs, i) -> bytesOf(rs.getBinaryStream(i)),
                (rs, l) -> bytesOf(rs.getBinaryStream(l)));
        both(getters, "getCharacterStream", (rs, i) -> textOf(rs.getCharacterStream(i)),
                (rs, l) -> textOf(rs.getCharacterStream(l)));
        return getters;
    }

    @FunctionalInterface
    private interface ByIndex {
        Object read(ResultSet resultSet, int column) throws SQLException;
    }

    @FunctionalInterface
    private interface ByLabel {
        Object read(ResultSet resultSet, String label) throws SQLException;
    }

    private static void both(List<Getter> getters, String name, ByIndex byIndex, ByLabel byLabel) {
        getters.add(new Getter(name + " by index", (rs, column, label) -> byIndex.read(rs, column)));
        getters.add(new Getter(name + " by label", (rs, column, label) -> byLabel.read(rs, label)));
    }

    private static byte[] bytesOf(InputStream stream) {
        if (stream == null) {
            return null;
        }
        try (stream) {
            return stream.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String textOf(Reader reader) {
        if (reader == null) {
            return null;
        }
        try (reader) {
            StringWriter text = new StringWriter();
            reader.transferTo(text);
            return text.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
