package dev.cachedjdbc.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The parity contract every database must meet: a table of many column types, with NULL in each, read once directly
 * and captured once, then compared cell by cell with a second direct read through every getter, by index and by
 * label. Wherever the driver answers, the cached result set must answer with an equal value of the same class and
 * the same wasNull; where the driver refuses, the cached one may convert (it never breaks a caller that works).
 *
 * <p>The JVM runs in zones with odd offsets and daylight saving while these tests run, so that any confusion between
 * the JVM's zone, UTC and a calendar's zone shows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ResultParityContract {

    private static final TimeZone TEST_ZONE = TimeZone.getTimeZone("Pacific/Chatham");

    private TimeZone originalZone;
    private String table;

    abstract Connection connect() throws SQLException;

    abstract String createTable(String table);

    abstract List<String> insertRows(String table);

    abstract String uniqueTableName();

    /** Tells the driver that the JVM's zone changed, for drivers that remember it. */
    void jvmZoneChanged() {
    }

    /** Getter/column pairs where the driver's answer is deliberately not reproduced, each with its reason. */
    abstract Map<String, String> deliberateDifferences();

    @BeforeAll
    void createFixture() throws SQLException {
        originalZone = TimeZone.getDefault();
        TimeZone.setDefault(TEST_ZONE);
        jvmZoneChanged();
        table = uniqueTableName();
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(createTable(table));
            for (String insert : insertRows(table)) {
                statement.execute(insert);
            }
        }
    }

    @AfterAll
    void dropFixture() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + table);
        } finally {
            TimeZone.setDefault(originalZone);
            jvmZoneChanged();
        }
    }

    String query() {
        return "SELECT * FROM " + table + " ORDER BY id";
    }

    CachedResult capture(Statement statement) throws SQLException {
        try (ResultSet first = statement.executeQuery(query())) {
            CaptureOutcome outcome = ResultCapture.capture(first, statement, 1_000, 10_000_000);
            assertThat(outcome.isCached()).as("captured: %s", outcome).isTrue();
            assertThat(first.isClosed()).as("the driver's result set is closed once captured").isTrue();
            return outcome.result();
        }
    }

    @ParameterizedTest(name = "JVM zone {0}")
    @ValueSource(strings = {"Pacific/Chatham", "America/St_Johns", "UTC"})
    void everyGetterOnEveryCellAnswersAsTheDriverDoes(String jvmZone) throws SQLException {
        TimeZone.setDefault(TimeZone.getTimeZone(jvmZone));
        jvmZoneChanged();
        try {
            compareEveryGetterOnEveryCell();
        } finally {
            TimeZone.setDefault(TEST_ZONE);
            jvmZoneChanged();
        }
    }

    /**
     * The driver makes java.sql dates and times in the JVM's zone when they are read: a result captured before the
     * zone changed must answer as the driver does after the change.
     */
    @ParameterizedTest(name = "JVM zone {0}")
    @ValueSource(strings = {"America/St_Johns", "UTC", "Asia/Kathmandu"})
    void everyGetterOnEveryCellFollowsAJvmZoneChangedSinceTheCapture(String jvmZone) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            CachedResult result = capture(statement);
            TimeZone.setDefault(TimeZone.getTimeZone(jvmZone));
            jvmZoneChanged();
            try {
                compareEveryGetterOnEveryCell(statement, result);
            } finally {
                TimeZone.setDefault(TEST_ZONE);
                jvmZoneChanged();
            }
        }
    }

    private void compareEveryGetterOnEveryCell() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            compareEveryGetterOnEveryCell(statement, capture(statement));
        }
    }

    private void compareEveryGetterOnEveryCell(Statement statement, CachedResult result) throws SQLException {
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        int nullsCompared = 0;
        {
            try (ResultSet direct = statement.executeQuery(query());
                 CachedResultSet hit = new CachedResultSet(result, statement, ResultSet.TYPE_FORWARD_ONLY)) {
                ResultSetMetaData metaData = direct.getMetaData();
                int row = 0;
                while (direct.next()) {
                    row++;
                    assertThat(hit.next()).as("the hit has row %d", row).isTrue();
                    for (int column = 1; column <= metaData.getColumnCount(); column++) {
                        String label = metaData.getColumnLabel(column);
                        for (Getters.Getter getter : Getters.all()) {
                            CellReading expected = CellReading.read(direct, getter, column, label);
                            String where = "row " + row + " " + label + " " + getter;
                            if (expected.failed()) {
                                // Where the driver refuses, the cache may convert, but it may not fail otherwise
                                // than with an SQLException.
                                CellReading lenient = CellReading.read(hit, getter, column, label);
                                if (lenient.failed() && !lenient.sqlFailure()) {
                                    mismatches.add(where + " fails with " + lenient.failure());
                                }
                                continue;
                            }
                            if (isDeliberateDifference(label, getter)) {
                                continue;
                            }
                            CellReading actual = CellReading.read(hit, getter, column, label);
                            compared++;
                            if (Boolean.TRUE.equals(expected.wasNull())) {
                                nullsCompared++;
                            }
                            if (!expected.equals(actual)) {
                                mismatches.add(where + "\n    driver: " + expected + "\n    cached: " + actual);
                            }
                        }
                    }
                }
                assertThat(hit.next()).as("the hit has no row beyond the driver's").isFalse();
            }
        }
        assertThat(mismatches).as("cells where the cached result set differs from the driver").isEmpty();
        assertThat(compared).as("getter calls compared").isGreaterThan(1_000);
        assertThat(nullsCompared).as("getter calls on SQL NULL compared").isGreaterThan(100);
    }

    private boolean isDeliberateDifference(String label, Getters.Getter getter) {
        String name = getter.name();
        String getterName = name.substring(0, name.lastIndexOf(" by "));
        return deliberateDifferences().containsKey(label.toLowerCase() + " " + getterName)
                || deliberateDifferences().containsKey("* " + getterName);
    }

    @Test
    void metaDataReportsEveryPropertyAsTheDriverDoes() throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            CachedResult result = capture(statement);
            try (ResultSet direct = statement.executeQuery(query())) {
                ResultSetMetaData expected = direct.getMetaData();
                ResultSetMetaData actual = result.metaData();
                assertThat(actual.getColumnCount()).isEqualTo(expected.getColumnCount());
                List<String> mismatches = new ArrayList<>();
                int compared = 0;
                for (Method property : ResultSetMetaData.class.getMethods()) {
                    if (property.getParameterCount() != 1 || property.getParameterTypes()[0] != int.class) {
                        continue;
                    }
                    for (int column = 1; column <= expected.getColumnCount(); column++) {
                        String driver = invoke(property, expected, column);
                        String cached = invoke(property, actual, column);
                        compared++;
                        if (!driver.equals(cached)) {
                            mismatches.add(property.getName() + "(" + column + "): driver " + driver + ", cached "
                                    + cached);
                        }
                    }
                }
                assertThat(mismatches).isEmpty();
                assertThat(compared).isEqualTo(20 * expected.getColumnCount());
            }
        }
    }

    private static String invoke(Method property, ResultSetMetaData metaData, int column) throws Exception {
        try {
            return String.valueOf(property.invoke(metaData, column));
        } catch (InvocationTargetException e) {
            return "failure " + e.getCause().getMessage();
        }
    }

    @Test
    void resultSurvivesTheConnectionThatProducedIt() throws SQLException {
        // Read through getObject only: the driver's own values (arrays above all) may need their connection.
        CachedResult result;
        List<String> expected = new ArrayList<>();
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            result = capture(statement);
            try (ResultSet direct = statement.executeQuery(query())) {
                while (direct.next()) {
                    for (int column = 1; column <= direct.getMetaData().getColumnCount(); column++) {
                        expected.add(String.valueOf(CellReading.contentOf(direct.getObject(column))));
                    }
                }
            }
        }
        List<String> actual = new ArrayList<>();
        try (CachedResultSet hit = new CachedResultSet(result, null, ResultSet.TYPE_FORWARD_ONLY)) {
            while (hit.next()) {
                for (int column = 1; column <= result.columnCount(); column++) {
                    actual.add(String.valueOf(CellReading.contentOf(hit.getObject(column))));
                }
            }
        }
        assertThat(actual).isEqualTo(expected);
    }
}
