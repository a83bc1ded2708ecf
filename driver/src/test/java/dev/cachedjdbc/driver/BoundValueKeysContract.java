package dev.cachedjdbc.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.JDBCType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Properties;
import java.util.SimpleTimeZone;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two bindings share a cache key only when the database receives the same value from both. Each test binds values
 * one after the other on a caching connection (so that a later one would be answered with an earlier one's result
 * if their keys were equal) and compares every outcome, value or error, with the database's own driver.
 */
abstract class BoundValueKeysContract {

    /** 23:30 UTC on 2024-03-10: a different calendar day east of UTC. */
    private static final long LATE_EVENING_UTC = 1_710_113_400_000L;

    static {
        CachedJdbcDriver.register();
    }

    private final List<Connection> opened = new ArrayList<>();
    private final TimeZone jvmZone = TimeZone.getDefault();

    abstract String plainUrl();

    abstract Properties credentials();

    /** The type spelled in a cast to text. */
    abstract String text();

    @AfterEach
    void restore() throws SQLException {
        TimeZone.setDefault(jvmZone);
        for (Connection connection : opened) {
            connection.close();
        }
    }

    @FunctionalInterface
    interface Binding {
        void bind(PreparedStatement statement) throws SQLException;

        @FunctionalInterface
        interface Step {
            void run() throws SQLException;
        }
    }

    @Test
    void dateTimeAndTimestampOfTheSameMillisecondAreDifferentKeys() throws SQLException {
        assertEachBindingReadsWhatTheDatabaseReads("select cast(? as " + text() + ") as legacy_classes",
                s -> s.setObject(1, new java.sql.Date(LATE_EVENING_UTC)),
                s -> s.setObject(1, new Time(LATE_EVENING_UTC)),
                s -> s.setObject(1, new Timestamp(LATE_EVENING_UTC)),
                s -> s.setObject(1, new java.sql.Date(LATE_EVENING_UTC), Types.TIMESTAMP),
                s -> s.setObject(1, new Timestamp(LATE_EVENING_UTC), Types.TIMESTAMP));
    }

    @Test
    void theJvmTimeZoneAtBindingIsPartOfTheKeyOfLegacyDateValues() throws SQLException {
        List<Binding> bindings = new ArrayList<>();
        for (String zone : List.of("UTC", "Pacific/Kiritimati", "America/Los_Angeles")) {
            bindings.add(s -> inZone(zone, () -> s.setDate(1, new java.sql.Date(LATE_EVENING_UTC))));
            bindings.add(s -> inZone(zone, () -> s.setTimestamp(1, new Timestamp(LATE_EVENING_UTC))));
            bindings.add(s -> inZone(zone, () -> s.setTime(1, new Time(LATE_EVENING_UTC))));
            bindings.add(s -> inZone(zone, () -> s.setObject(1, new Timestamp(LATE_EVENING_UTC))));
        }
        assertEachBindingReadsWhatTheDatabaseReads("select cast(? as " + text() + ") as jvm_zone",
                bindings.toArray(Binding[]::new));
    }

    @Test
    void calendarsThatConvertDifferentlyAreDifferentKeys() throws SQLException {
        Timestamp timestamp = new Timestamp(LATE_EVENING_UTC);
        assertEachBindingReadsWhatTheDatabaseReads("select cast(? as " + text() + ") as calendars",
                s -> s.setTimestamp(1, timestamp, Calendar.getInstance(TimeZone.getTimeZone("UTC"))),
                s -> s.setTimestamp(1, timestamp, Calendar.getInstance(new SimpleTimeZone(3 * 3_600_000, "UTC"))),
                s -> s.setTimestamp(1, timestamp, Calendar.getInstance(TimeZone.getTimeZone("Asia/Tokyo"))),
                s -> s.setDate(1, new java.sql.Date(LATE_EVENING_UTC), Calendar.getInstance(TimeZone.getTimeZone("UTC"))),
                s -> s.setDate(1, new java.sql.Date(LATE_EVENING_UTC),
                        Calendar.getInstance(new SimpleTimeZone(3 * 3_600_000, "UTC"))));
    }

    @Test
    void timestampsDifferingOnlyInNanosecondsAreDifferentKeys() throws SQLException {
        Timestamp first = new Timestamp(LATE_EVENING_UTC);
        first.setNanos(100_000);
        Timestamp second = new Timestamp(LATE_EVENING_UTC);
        second.setNanos(200_000);
        assertEachBindingReadsWhatTheDatabaseReads("select cast(? as " + text() + ") as nanos",
                s -> s.setTimestamp(1, first), s -> s.setTimestamp(1, second), s -> s.setObject(1, second));
    }

    @Test
    void nullsOfDifferentDeclaredTypesAreDifferentKeys() throws SQLException {
        assertEachBindingReadsWhatTheDatabaseReads("select coalesce(?, 1.5) as typed_nulls",
                s -> s.setObject(1, null, JDBCType.INTEGER),
                s -> s.setObject(1, null, JDBCType.VARCHAR),
                s -> s.setObject(1, null, JDBCType.INTEGER),
                s -> s.setNull(1, Types.INTEGER, "int4"),
                s -> s.setNull(1, Types.VARCHAR, "varchar"));
    }

    @Test
    void numbersTheDatabaseSeesDifferentlyAreDifferentKeys() throws SQLException {
        assertEachBindingReadsWhatTheDatabaseReads("select cast(? as " + text() + ") as numbers",
                s -> s.setBigDecimal(1, new BigDecimal("1.0")),
                s -> s.setBigDecimal(1, new BigDecimal("1.00")),
                s -> s.setDouble(1, 0.0),
                s -> s.setDouble(1, -0.0),
                s -> s.setObject(1, 0.5f),
                s -> s.setObject(1, 0.5d),
                s -> s.setObject(1, 'a'),
                s -> s.setObject(1, "a"));
    }

    private static void inZone(String zone, Binding.Step step) throws SQLException {
        TimeZone.setDefault(TimeZone.getTimeZone(zone));
        step.run();
    }

    void assertEachBindingReadsWhatTheDatabaseReads(String sql, Binding... bindings) throws SQLException {
        Connection cached = open("jdbc:cached:" + plainUrl().substring("jdbc:".length()));
        Connection direct = open(plainUrl());
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        for (Binding binding : bindings) {
            expected.add(outcome(direct, sql, binding));
            TimeZone.setDefault(jvmZone);
            actual.add(outcome(cached, sql, binding));
            TimeZone.setDefault(jvmZone);
        }
        assertThat(actual).isEqualTo(expected);
    }

    private Connection open(String url) throws SQLException {
        Connection connection = DriverManager.getConnection(url, credentials());
        opened.add(connection);
        return connection;
    }

    private static String outcome(Connection connection, String sql, Binding binding) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            binding.bind(statement);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return "value " + rows.getString(1);
            }
        } catch (SQLException e) {
            return "error " + e.getSQLState();
        }
    }
}
