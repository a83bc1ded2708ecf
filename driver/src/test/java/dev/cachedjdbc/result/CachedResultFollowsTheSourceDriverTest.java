package dev.cachedjdbc.result;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/**
 * Where the drivers disagree, a captured result answers as the driver that produced it does: a time of day read as
 * a date-time lands on the current date with H2 and on 1970-01-01 with pgjdbc, and misuse (no current row, a closed
 * result, scrolling a forward-only one) fails with that driver's SQLState. No getter lets a runtime exception out.
 */
class CachedResultFollowsTheSourceDriverTest {

    @Test
    void timeOfDayReadAsDateTimeFallsWhereH2PutsIt() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:");
             Statement statement = connection.createStatement()) {
            String sql = "select time '13:14:15' as t, time with time zone '13:14:15+02' as tz";
            try (ResultSet direct = statement.executeQuery(sql); ResultSet cached = cachedCopy(statement, sql)) {
                assertThat(direct.next()).isTrue();
                assertThat(cached.next()).isTrue();
                assertThat(cached.getObject(1, LocalDateTime.class)).isEqualTo(direct.getObject(1, LocalDateTime.class));
                assertThat(cached.getTimestamp(1)).isEqualTo(direct.getTimestamp(1));
                assertThat(cached.getObject(2, OffsetDateTime.class)).isEqualTo(direct.getObject(2, OffsetDateTime.class));
                assertThat(cached.getTimestamp(2)).isEqualTo(direct.getTimestamp(2));
            }
        }
    }

    @Test
    void zonedTimeOfDayReadAsOffsetDateTimeFallsWherePgjdbcPutsIt() throws SQLException {
        try (Connection connection = TestDatabases.postgres(); Statement statement = connection.createStatement()) {
            String sql = "select timetz '13:14:15+02' as tz";
            try (ResultSet direct = statement.executeQuery(sql); ResultSet cached = cachedCopy(statement, sql)) {
                assertThat(direct.next()).isTrue();
                assertThat(cached.next()).isTrue();
                assertThat(cached.getObject(1, OffsetDateTime.class)).isEqualTo(direct.getObject(1, OffsetDateTime.class));
            }
        }
    }

    @Test
    void zonedDateTimeCarriesTheOffsetAsH2GivesIt() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:");
             Statement statement = connection.createStatement()) {
            String sql = "select date '2024-02-29' as d, timestamp '2024-02-29 13:14:15' as ts";
            try (ResultSet direct = statement.executeQuery(sql); ResultSet cached = cachedCopy(statement, sql)) {
                assertThat(direct.next()).isTrue();
                assertThat(cached.next()).isTrue();
                assertThat(cached.getObject(1, ZonedDateTime.class)).isEqualTo(direct.getObject(1, ZonedDateTime.class));
                assertThat(cached.getObject(2, ZonedDateTime.class)).isEqualTo(direct.getObject(2, ZonedDateTime.class));
            }
        }
    }

    @Test
    void notANumberAndInfinityReadAsBooleanAnswerAsH2Does() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:");
             Statement statement = connection.createStatement()) {
            String sql = "select cast('NaN' as double precision), cast('-Infinity' as real), cast(0 as double precision)";
            try (ResultSet direct = statement.executeQuery(sql); ResultSet cached = cachedCopy(statement, sql)) {
                assertThat(direct.next()).isTrue();
                assertThat(cached.next()).isTrue();
                for (int column = 1; column <= 3; column++) {
                    assertThat(cached.getBoolean(column)).as("column " + column).isEqualTo(direct.getBoolean(column));
                }
            }
        }
    }

    @Test
    void readingWithNoCurrentRowFailsWithTheSourceDriversSqlState() throws SQLException {
        try (Connection h2 = DriverManager.getConnection("jdbc:h2:mem:"); Statement h2Statement = h2.createStatement()) {
            assertSameNoRowState(h2Statement, "select 1");
        }
        try (Connection postgres = TestDatabases.postgres(); Statement statement = postgres.createStatement()) {
            assertSameNoRowState(statement, "select 1");
        }
    }

    @Test
    void theBlobAndClobOfAnEmptyValueReadWholeAsH2Does() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:");
             Statement statement = connection.createStatement()) {
            String sql = "select cast(x'' as varbinary(4)) as b, cast('' as varchar(4)) as c";
            try (ResultSet direct = statement.executeQuery(sql); ResultSet cached = cachedCopy(statement, sql)) {
                assertThat(direct.next()).isTrue();
                assertThat(cached.next()).isTrue();
                java.sql.Blob blob = cached.getBlob(1);
                java.sql.Clob clob = cached.getClob(2);
                assertThat(blob.getBytes(1, (int) blob.length()))
                        .isEqualTo(direct.getBlob(1).getBytes(1, (int) direct.getBlob(1).length()));
                assertThat(clob.getSubString(1, (int) clob.length()))
                        .isEqualTo(direct.getClob(2).getSubString(1, (int) direct.getClob(2).length()));
            }
        }
    }

    @Test
    void valuesJavaCannotRepresentFailWithAnSqlExceptionNotARuntimeException() throws SQLException {
        try (Connection h2 = DriverManager.getConnection("jdbc:h2:mem:"); Statement statement = h2.createStatement()) {
            String sql = "select cast('-Infinity' as real)";
            try (ResultSet cached = cachedCopy(statement, sql)) {
                assertThat(cached.next()).isTrue();
                assertThat(stateOf(() -> cached.getBigDecimal(1))).isEqualTo("22018");
            }
        }
        try (Connection postgres = TestDatabases.postgres(); Statement statement = postgres.createStatement()) {
            String sql = "select timestamptz '-infinity', timestamp 'infinity'";
            try (ResultSet cached = cachedCopy(statement, sql)) {
                assertThat(cached.next()).isTrue();
                assertThat(stateOf(() -> cached.getObject(1, java.time.Instant.class))).isEqualTo("22018");
                assertThat(stateOf(() -> cached.getTime(1))).isEqualTo("22018");
                assertThat(stateOf(() -> cached.getObject(2, java.sql.Date.class))).isEqualTo("22018");
            }
        }
    }

    @Test
    void useAfterCloseAndScrollingForwardOnlyFailWithTheSourceDriversSqlState() throws SQLException {
        try (Connection h2 = DriverManager.getConnection("jdbc:h2:mem:"); Statement h2Statement = h2.createStatement()) {
            assertSameMisuseStates(h2Statement, "select 1");
        }
        try (Connection postgres = TestDatabases.postgres(); Statement statement = postgres.createStatement()) {
            assertSameMisuseStates(statement, "select 1");
        }
    }

    private static void assertSameMisuseStates(Statement statement, String sql) throws SQLException {
        try (ResultSet direct = statement.executeQuery(sql); ResultSet cached = cachedCopy(statement, sql)) {
            assertThat(stateOf(cached::previous)).as("previous on forward-only").isEqualTo(stateOf(direct::previous));
            direct.close();
            cached.close();
            assertThat(stateOf(cached::next)).as("next after close").isEqualTo(stateOf(direct::next));
        }
    }

    private static String stateOf(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        try {
            call.call();
            return "no failure";
        } catch (SQLException e) {
            return e.getSQLState();
        } catch (Throwable e) {
            return e.toString();
        }
    }

    private static void assertSameNoRowState(Statement statement, String sql) throws SQLException {
        try (ResultSet direct = statement.executeQuery(sql); ResultSet cached = cachedCopy(statement, sql)) {
            String expected = null;
            try {
                direct.getInt(1);
            } catch (SQLException e) {
                expected = e.getSQLState();
            }
            assertThat(expected).as("the driver refuses a read before the first row").isNotNull();
            String state = expected;
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> cached.getInt(1))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(state));
        }
    }

    /** The same query captured into a cached result, read through a fresh cursor over it. */
    private static ResultSet cachedCopy(Statement statement, String sql) throws SQLException {
        try (Statement other = statement.getConnection().createStatement()) {
            CaptureOutcome outcome = ResultCapture.capture(other.executeQuery(sql), other, 100, 1 << 20);
            assertThat(outcome.isCached()).isTrue();
            return new CachedResultSet(outcome.result(), statement, ResultSet.TYPE_FORWARD_ONLY);
        }
    }

}
