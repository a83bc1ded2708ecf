package dev.cachedjdbc.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ResultCaptureLimitsTest {

    private static final String TEN_ROWS = "SELECT id, label FROM numbers ORDER BY id";

    private H2Results h2;
    private Statement statement;

    @BeforeEach
    void open() throws SQLException {
        h2 = new H2Results().numbered("numbers", 10);
        statement = h2.connection.createStatement();
    }

    @AfterEach
    void close() throws SQLException {
        statement.close();
        h2.close();
    }

    /** A driver result set that counts how often it was advanced, to show each row is fetched once. */
    private static final class CountingResultSet {
        final AtomicInteger nextCalls = new AtomicInteger();
        final ResultSet proxy;

        CountingResultSet(ResultSet delegate) {
            proxy = (ResultSet) Proxy.newProxyInstance(ResultSet.class.getClassLoader(),
                    new Class<?>[] {ResultSet.class}, (self, method, arguments) -> {
                        if (method.getName().equals("next")) {
                            nextCalls.incrementAndGet();
                        }
                        try {
                            return method.invoke(delegate, arguments);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }

    private static List<String> readAll(ResultSet resultSet) throws SQLException {
        List<String> rows = new ArrayList<>();
        while (resultSet.next()) {
            rows.add(resultSet.getRow() + ":" + resultSet.getInt("id") + ":" + resultSet.getString(2));
        }
        return rows;
    }

    private List<String> readDirectly() throws SQLException {
        try (Statement direct = h2.connection.createStatement(); ResultSet rows = direct.executeQuery(TEN_ROWS)) {
            return readAll(rows);
        }
    }

    @Test
    void aResultOfExactlyTheRowLimitIsCachedAndTheDriversResultSetClosed() throws SQLException {
        ResultSet driver = statement.executeQuery(TEN_ROWS);
        CaptureOutcome outcome = ResultCapture.capture(driver, statement, 10, Long.MAX_VALUE);
        assertThat(outcome.isCached()).isTrue();
        assertThat(outcome.passThrough()).isNull();
        assertThat(outcome.uncachedReason()).isNull();
        assertThat(outcome.result().rowCount()).isEqualTo(10);
        assertThat(outcome.result().columnCount()).isEqualTo(2);
        assertThat(driver.isClosed()).isTrue();
        try (CachedResultSet hit = new CachedResultSet(outcome.result(), statement, ResultSet.TYPE_FORWARD_ONLY)) {
            assertThat(readAll(hit)).isEqualTo(readDirectly());
        }
    }

    @Test
    void oneRowOverTheLimitStreamsEveryRowFromTheSingleExecution() throws SQLException {
        CountingResultSet driver = new CountingResultSet(statement.executeQuery(TEN_ROWS));
        CaptureOutcome outcome = ResultCapture.capture(driver.proxy, statement, 3, Long.MAX_VALUE);

        assertThat(outcome.isCached()).isFalse();
        assertThat(outcome.result()).isNull();
        assertThat(outcome.uncachedReason()).isEqualTo(UncachedReason.TOO_MANY_ROWS);
        assertThat(driver.nextCalls).as("capture stopped on the first row past the limit").hasValue(4);
        assertThat(driver.proxy.isClosed()).isFalse();

        ResultSet passThrough = outcome.passThrough();
        assertThat(passThrough.getStatement()).isSameAs(statement);
        assertThat(passThrough.isBeforeFirst()).isTrue();
        assertThat(readAll(passThrough)).isEqualTo(readDirectly());
        assertThat(driver.nextCalls).as("every row fetched once, plus the call that found the end").hasValue(11);
        passThrough.close();
        assertThat(driver.proxy.isClosed()).isTrue();
        assertThat(passThrough.isClosed()).isTrue();
    }

    @Test
    void aZeroRowLimitHandsOverTheDriversResultSetFromItsFirstRow() throws SQLException {
        CaptureOutcome outcome = ResultCapture.capture(statement.executeQuery(TEN_ROWS), statement, 0, 1_000_000);
        assertThat(outcome.uncachedReason()).isEqualTo(UncachedReason.TOO_MANY_ROWS);
        assertThat(readAll(outcome.passThrough())).isEqualTo(readDirectly());
    }

    @Test
    void crossingTheByteLimitStreamsTheRestWithoutBufferingIt() throws SQLException {
        h2.execute("CREATE TABLE wide (id INT PRIMARY KEY, body VARCHAR(2000))");
        h2.execute("INSERT INTO wide SELECT x, REPEAT('x', 1000) || x FROM SYSTEM_RANGE(1, 50)");
        String query = "SELECT id, body FROM wide ORDER BY id";
        CachedResult whole = h2.capture(query);
        long limit = whole.estimatedBytes() / 5;

        CountingResultSet driver = new CountingResultSet(statement.executeQuery(query));
        CaptureOutcome outcome = ResultCapture.capture(driver.proxy, statement, Integer.MAX_VALUE, limit);

        assertThat(outcome.uncachedReason()).isEqualTo(UncachedReason.TOO_MANY_BYTES);
        assertThat(driver.nextCalls.get()).as("rows read before the limit was crossed").isBetween(5, 15);
        List<Integer> ids = new ArrayList<>();
        List<Integer> lengths = new ArrayList<>();
        try (ResultSet passThrough = outcome.passThrough()) {
            while (passThrough.next()) {
                ids.add(passThrough.getInt(1));
                lengths.add(passThrough.getString("body").length());
            }
        }
        assertThat(ids).hasSize(50).isSorted().startsWith(1).endsWith(50);
        assertThat(lengths).allSatisfy(length -> assertThat(length).isBetween(1001, 1002));
    }

    @Test
    void aCachedResultNeverExceedsTheByteLimitItWasCapturedUnder() throws SQLException {
        long exact = h2.capture(TEN_ROWS).estimatedBytes();
        CaptureOutcome fits = ResultCapture.capture(statement.executeQuery(TEN_ROWS), statement, 100, exact);
        assertThat(fits.isCached()).isTrue();
        assertThat(fits.result().estimatedBytes()).isLessThanOrEqualTo(exact);
        CaptureOutcome tooBig = ResultCapture.capture(statement.executeQuery(TEN_ROWS), statement, 100, exact - 1);
        assertThat(tooBig.uncachedReason()).isEqualTo(UncachedReason.TOO_MANY_BYTES);
        assertThat(readAll(tooBig.passThrough())).isEqualTo(readDirectly());
    }

    @Test
    void anEmptyResultIsCached() throws SQLException {
        CaptureOutcome outcome = ResultCapture.capture(
                statement.executeQuery("SELECT id, label FROM numbers WHERE id > 100"), statement, 0, 1_000_000);
        assertThat(outcome.isCached()).isTrue();
        assertThat(outcome.result().rowCount()).isZero();
    }

    @Test
    void scrollingAPassThroughHandsTheCursorToTheDriverAtTheSameRow() throws SQLException {
        try (Statement scrollable = h2.connection.createStatement(ResultSet.TYPE_SCROLL_INSENSITIVE,
                ResultSet.CONCUR_READ_ONLY)) {
            CaptureOutcome outcome = ResultCapture.capture(scrollable.executeQuery(TEN_ROWS), scrollable, 3,
                    Long.MAX_VALUE);
            ResultSet rows = outcome.passThrough();
            rows.next();
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(2);
            assertThat(rows.previous()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(1);
            assertThat(rows.getRow()).isEqualTo(1);
            assertThat(rows.absolute(7)).isTrue();
            assertThat(rows.getString("label")).isEqualTo("row 7");
            assertThat(rows.last()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(10);
            rows.close();
        }
    }

    @Test
    void whileReplayingAPassThroughAnswersAsTheDriverWouldAtThatRow() throws SQLException {
        CaptureOutcome outcome = ResultCapture.capture(statement.executeQuery(TEN_ROWS), statement, 5,
                Long.MAX_VALUE);
        try (ResultSet rows = outcome.passThrough();
             Statement direct = h2.connection.createStatement();
             ResultSet driver = direct.executeQuery(TEN_ROWS)) {
            assertThat(rows.getMetaData().getColumnLabel(2)).isEqualTo("LABEL");
            assertThat(rows.findColumn("label")).isEqualTo(2);
            while (driver.next()) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.isFirst()).isEqualTo(driver.isFirst());
                assertThat(rows.isLast()).isEqualTo(driver.isLast());
                assertThat(rows.getRow()).isEqualTo(driver.getRow());
                assertThat(rows.getObject(2)).isEqualTo(driver.getObject(2));
                assertThat(rows.wasNull()).isEqualTo(driver.wasNull());
            }
            assertThat(rows.next()).isFalse();
            assertThat(rows.isAfterLast()).isTrue();
        }
    }

    @Test
    void valuesThatCannotOutliveTheirResultSetAreStreamedUncached() throws SQLException {
        h2.execute("CREATE TABLE lobs (id INT PRIMARY KEY, data BLOB, text CLOB)");
        h2.execute("INSERT INTO lobs VALUES (1, X'0102', 'one'), (2, X'03', 'two')");
        h2.execute("CREATE TABLE spans (id INT PRIMARY KEY, span INTERVAL DAY TO SECOND)");
        h2.execute("INSERT INTO spans VALUES (1, INTERVAL '1 02:00:00' DAY TO SECOND)");

        CaptureOutcome lobs = ResultCapture.capture(
                statement.executeQuery("SELECT id, data, text FROM lobs ORDER BY id"), statement, 100, 1_000_000);
        assertThat(lobs.uncachedReason()).isEqualTo(UncachedReason.UNCACHEABLE_VALUE);
        assertThat(lobs.detail()).contains("Blob");
        try (ResultSet rows = lobs.passThrough()) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getBytes("data")).containsExactly(1, 2);
            assertThat(rows.getString("text")).isEqualTo("one");
            assertThat(rows.next()).isTrue();
            assertThat(rows.getBlob(2).getBytes(1, 1)).containsExactly(3);
            assertThat(rows.next()).isFalse();
        }

        CaptureOutcome spans = ResultCapture.capture(
                statement.executeQuery("SELECT id, span FROM spans"), statement, 100, 1_000_000);
        assertThat(spans.uncachedReason()).isEqualTo(UncachedReason.UNCACHEABLE_VALUE);
        try (ResultSet rows = spans.passThrough()) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(2)).isEqualTo("INTERVAL '1 02:00:00' DAY TO SECOND");
        }
    }
}
