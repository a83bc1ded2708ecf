package dev.cachedjdbc.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** A time of day read as a date-time is placed on the epoch day, whatever day the cached result is read. */
class TimeOfDayConversionsTest {

    @Test
    void zonedTimeOfDayReadAsOffsetDateTimeFallsOnTheEpochDay() throws SQLException {
        CachedResult result = capture("select time with time zone '13:14:15+02' as t");
        try (ResultSet cached = new CachedResultSet(result, null, ResultSet.TYPE_FORWARD_ONLY)) {
            assertThat(cached.next()).isTrue();
            assertThat(cached.getObject(1, OffsetDateTime.class))
                    .isEqualTo(OffsetDateTime.of(LocalDate.EPOCH.atTime(13, 14, 15), ZoneOffset.ofHours(2)));
        }
    }

    @Test
    void timeOfDayReadAsLocalDateIsTheEpochDay() throws SQLException {
        CachedResult result = capture("select time '13:14:15' as t");
        try (ResultSet cached = new CachedResultSet(result, null, ResultSet.TYPE_FORWARD_ONLY)) {
            assertThat(cached.next()).isTrue();
            assertThat(cached.getObject(1, LocalDate.class)).isEqualTo(LocalDate.EPOCH);
        }
    }

    private static CachedResult capture(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:");
             Statement statement = connection.createStatement()) {
            CaptureOutcome outcome = ResultCapture.capture(statement.executeQuery(sql), statement, 100, 1 << 20);
            assertThat(outcome.isCached()).isTrue();
            return outcome.result();
        }
    }
}
