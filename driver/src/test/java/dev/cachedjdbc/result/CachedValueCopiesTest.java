package dev.cachedjdbc.result;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import org.junit.jupiter.api.Test;

/** No caller can change what later hits read: every mutable value handed out is a fresh copy. */
class CachedValueCopiesTest {

    private static CachedResultSet onFirstRow(CachedResult result) throws SQLException {
        CachedResultSet rows = new CachedResultSet(result, null, ResultSet.TYPE_FORWARD_ONLY);
        assertThat(rows.next()).isTrue();
        return rows;
    }

    @Test
    void changingReturnedBytesDatesAndArraysChangesNothingCached() throws SQLException {
        CachedResult result;
        try (H2Results h2 = new H2Results()) {
            h2.execute("CREATE TABLE mutable (bin VARBINARY(4), ts TIMESTAMP(9), dt DATE, tm TIME,"
                    + " tsa TIMESTAMP ARRAY, ia INTEGER ARRAY)");
            h2.execute("INSERT INTO mutable VALUES (X'0102', TIMESTAMP '2024-05-06 07:08:09.123456789',"
                    + " DATE '2024-05-06', TIME '07:08:09', ARRAY[TIMESTAMP '2024-01-01 00:00:00'], ARRAY[1, 2])");
            result = h2.capture("SELECT * FROM mutable");
        }
        try (CachedResultSet first = onFirstRow(result)) {
            first.getBytes(1)[0] = 99;
            ((byte[]) first.getObject(1))[0] = 99;
            first.getObject(1, byte[].class)[1] = 99;
            first.getTimestamp(2).setTime(0);
            first.getTimestamp(2).setNanos(5);
            ((Timestamp) first.getObject(2)).setTime(0);
            first.getDate(3).setTime(0);
            first.getTime(4).setTime(0);
            ((Object[]) first.getArray(5).getArray())[0] = null;
            ((Timestamp) ((Object[]) first.getArray(5).getArray())[0]).setTime(0);
            ((Object[]) first.getArray(6).getArray())[1] = 42;
        }
        try (CachedResultSet second = onFirstRow(result)) {
            assertThat(second.getBytes(1)).containsExactly(1, 2);
            assertThat(second.getTimestamp(2)).isEqualTo(Timestamp.valueOf("2024-05-06 07:08:09.123456789"));
            assertThat(second.getDate(3)).isEqualTo(Date.valueOf("2024-05-06"));
            assertThat(second.getTime(4)).isEqualTo(Time.valueOf("07:08:09"));
            assertThat((Object[]) second.getArray(5).getArray())
                    .containsExactly(Timestamp.valueOf("2024-01-01 00:00:00"));
            assertThat((Object[]) second.getArray(6).getArray()).containsExactly(1, 2);
        }
    }

    @Test
    void arraysOutliveTheirConnectionAndKeepTheirBaseType() throws SQLException {
        TestDatabases.assumePostgres();
        CachedResult result;
        try (Connection connection = TestDatabases.postgres(); Statement statement = connection.createStatement();
             ResultSet driver = statement.executeQuery("SELECT ARRAY[1, NULL, 3]::int[], ARRAY['a', 'b']::text[]")) {
            result = ResultCapture.capture(driver, statement, 10, 1_000_000).result();
        }
        try (CachedResultSet rows = onFirstRow(result)) {
            Array numbers = rows.getArray(1);
            assertThat(numbers.getBaseType()).isEqualTo(java.sql.Types.INTEGER);
            assertThat(numbers.getBaseTypeName()).isEqualTo("int4");
            assertThat(numbers.getArray()).isEqualTo(new Integer[] {1, null, 3});
            assertThat(numbers.getArray(2, 2)).isEqualTo(new Integer[] {null, 3});
            try (ResultSet elements = numbers.getResultSet()) {
                assertThat(elements.next()).isTrue();
                assertThat(elements.getInt("INDEX")).isEqualTo(1);
                assertThat(elements.getInt("VALUE")).isEqualTo(1);
                assertThat(elements.next()).isTrue();
                assertThat(elements.getObject(2)).isNull();
            }
            numbers.free();
            assertThat(rows.getArray(2).getArray()).isEqualTo(new String[] {"a", "b"});
            assertThat(rows.getArray(1).getArray()).as("free() releases nothing shared")
                    .isEqualTo(new Integer[] {1, null, 3});
        }
    }

    @Test
    void changingAReturnedPostgresObjectChangesNothingCached() throws Exception {
        TestDatabases.assumePostgres();
        CachedResult result;
        try (Connection connection = TestDatabases.postgres(); Statement statement = connection.createStatement();
             ResultSet driver = statement.executeQuery(
                     "SELECT '{\"a\": 1}'::jsonb, '1 day'::interval, '\\x0102'::bytea")) {
            result = ResultCapture.capture(driver, statement, 10, 1_000_000).result();
        }
        try (CachedResultSet first = onFirstRow(result)) {
            org.postgresql.util.PGobject json = (org.postgresql.util.PGobject) first.getObject(1);
            json.setValue("{\"changed\": true}");
            org.postgresql.util.PGInterval interval = first.getObject(2, org.postgresql.util.PGInterval.class);
            interval.setDays(9);
            first.getBytes(3)[0] = 9;
        }
        try (CachedResultSet second = onFirstRow(result)) {
            assertThat(((org.postgresql.util.PGobject) second.getObject(1)).getValue()).isEqualTo("{\"a\": 1}");
            assertThat(second.getString(1)).isEqualTo("{\"a\": 1}");
            assertThat(((org.postgresql.util.PGInterval) second.getObject(2)).getDays()).isEqualTo(1);
            assertThat(second.getBytes(3)).containsExactly(1, 2);
        }
    }
}
