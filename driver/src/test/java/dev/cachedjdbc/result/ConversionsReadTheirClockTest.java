package dev.cachedjdbc.result;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/**
 * The date and time conversions of a cached result learn the JVM's zone and the current instant from the clock the
 * result was captured with, at the moment of each read: so the date H2 puts a time of day on, and the zone pgjdbc
 * makes a date in, follow that clock rather than the machine's.
 */
class ConversionsReadTheirClockTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    /** A clock whose zone and instant a test sets. */
    private static final class SetClock implements JvmClock {
        TimeZone zone;
        Instant instant;

        SetClock(ZoneId zone, Instant instant) {
            this.zone = TimeZone.getTimeZone(zone);
            this.instant = instant;
        }

        @Override
        public TimeZone timeZone() {
            return (TimeZone) zone.clone();
        }

        @Override
        public Instant instant() {
            return instant;
        }
    }

    @Test
    void aTimeOfDayFromH2FallsOnTheClocksCurrentDateInItsZone() throws SQLException {
        // 20:00 UTC on 3 February is already 4 February in Tokyo.
        SetClock clock = new SetClock(TOKYO, Instant.parse("2001-02-03T20:00:00Z"));
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:");
             Statement statement = connection.createStatement();
             ResultSet cached = capture(statement, "select time '13:14:15' as t", clock)) {
            assertThat(cached.next()).isTrue();
            LocalDateTime expected = LocalDateTime.of(2001, 2, 4, 13, 14, 15);
            assertThat(cached.getObject(1, LocalDateTime.class)).isEqualTo(expected);
            assertThat(cached.getTimestamp(1)).isEqualTo(Timestamp.from(expected.atZone(TOKYO).toInstant()));
        }
    }

    @Test
    void aDateFromPgjdbcIsMadeInTheClocksZoneOfTheMomentOfTheRead() throws SQLException {
        SetClock clock = new SetClock(ZoneId.systemDefault(), Instant.parse("2024-03-01T00:00:00Z"));
        try (Connection connection = TestDatabases.postgres(); Statement statement = connection.createStatement();
             ResultSet cached = capture(statement, "select date '2024-02-29' as d", clock)) {
            assertThat(cached.next()).isTrue();
            LocalDate day = LocalDate.of(2024, 2, 29);
            assertThat(cached.getDate(1).toLocalDate()).isEqualTo(day);

            clock.zone = TimeZone.getTimeZone(TOKYO);
            assertThat(cached.getDate(1).getTime()).isEqualTo(day.atStartOfDay(TOKYO).toInstant().toEpochMilli());
        }
    }

    private static ResultSet capture(Statement statement, String sql, JvmClock clock) throws SQLException {
        CaptureOutcome outcome = ResultCapture.capture(statement.executeQuery(sql), statement, null, 10, 1 << 20,
                null, null, clock);
        assertThat(outcome.isCached()).as("captured %s", outcome).isTrue();
        return new CachedResultSet(outcome.result(), statement, ResultSet.TYPE_FORWARD_ONLY);
    }
}
