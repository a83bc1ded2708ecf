package dev.cachedjdbc.conformance.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.driver.CacheControl;
import dev.cachedjdbc.testing.CountingDriver;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The state of a result set and of its statement, step by step, is the same on a cache hit as on the database's own
 * driver: cursor position and its predicates, scrolling when a scrollable type was asked for, close and use after
 * close, execute / getResultSet / getMoreResults / getUpdateCount, warnings, maxRows, query timeouts and cancel.
 * Every scenario runs directly, then twice through the caching driver (a loading read and a hit); all three runs
 * must write down the same steps.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ResultSetStateParityContract {

    static final String TABLE = "cj_state_items";
    static final String READ_ALL = "select id, name from " + TABLE + " order by id";

    Databases databases;

    abstract Databases connectDatabases();

    /** A read of the table that runs for much longer than a second, unless cancelled or timed out. */
    abstract String slowQuery();

    /** Makes {@link #slowQuery()} slow while it is open, where the query alone is not. */
    abstract AutoCloseable slowDown() throws SQLException;

    /** A scenario: JDBC calls on a connection, written down step by step. */
    @FunctionalInterface
    interface Scenario {
        void run(Connection connection, Steps steps) throws Exception;
    }

    @BeforeAll
    void createTable() throws SQLException {
        databases = connectDatabases();
        databases.run("drop table if exists " + TABLE, "create table " + TABLE + " (id int primary key, name varchar(20))",
                "insert into " + TABLE + " values (1, 'apple'), (2, 'banana'), (3, 'cherry')");
    }

    @AfterAll
    void dropTable() throws SQLException {
        if (databases != null) {
            databases.run("drop table if exists " + TABLE);
        }
    }

    @BeforeEach
    void forgetExecutions() {
        CountingDriver.reset();
    }

    @Test
    void forwardOnlyCursorMovesAndReportsItsPositionAlike() throws Exception {
        assertSameStepsOnAHit(READ_ALL, (connection, steps) -> {
            try (Statement statement = connection.createStatement()) {
                ResultSet rows = statement.executeQuery(READ_ALL);
                describePosition(rows, steps, "before the first row");
                for (int row = 1; row <= 4; row++) {
                    steps.record("next #" + row, rows::next);
                    describePosition(rows, steps, "after next #" + row);
                }
                steps.record("type", rows::getType)
                        .record("concurrency", rows::getConcurrency)
                        .record("fetch direction", rows::getFetchDirection)
                        .record("getStatement is the executing statement", () -> rows.getStatement() == statement)
                        .record("previous on a forward-only cursor", rows::previous)
                        .record("first on a forward-only cursor", rows::first)
                        .record("absolute(1) on a forward-only cursor", () -> rows.absolute(1));
            }
        });
    }

    @Test
    void emptyResultReportsItsPositionAlike() throws Exception {
        String sql = "select id, name from " + TABLE + " where id < 0 order by id";
        assertSameStepsOnAHit(sql, (connection, steps) -> {
            try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
                describePosition(rows, steps, "empty, before next");
                steps.record("next", rows::next);
                describePosition(rows, steps, "empty, after next");
                steps.record("getString(1) with no row", () -> rows.getString(1));
            }
        });
    }

    @Test
    void closedResultSetRefusesUseAlike() throws Exception {
        assertSameStepsOnAHit(READ_ALL, (connection, steps) -> {
            try (Statement statement = connection.createStatement()) {
                ResultSet rows = statement.executeQuery(READ_ALL);
                steps.record("next", rows::next).record("isClosed while open", rows::isClosed);
                rows.close();
                steps.record("isClosed after close", rows::isClosed)
                        .record("next after close", rows::next)
                        .record("getInt after close", () -> rows.getInt(1))
                        .record("getString by label after close", () -> rows.getString("name"))
                        .record("wasNull after close", rows::wasNull)
                        .record("getRow after close", rows::getRow)
                        .record("isBeforeFirst after close", rows::isBeforeFirst)
                        .record("findColumn after close", () -> rows.findColumn("id"))
                        .record("close again", () -> {
                            rows.close();
                            return "closed";
                        });
            }
        });
    }

    @Test
    void closingTheStatementClosesItsResultAlike() throws Exception {
        assertSameStepsOnAHit(READ_ALL, (connection, steps) -> {
            Statement statement = connection.createStatement();
            ResultSet rows = statement.executeQuery(READ_ALL);
            steps.record("next", rows::next);
            statement.close();
            steps.record("result closed with its statement", rows::isClosed)
                    .record("statement closed", statement::isClosed);
        });
    }

    @Test
    void columnIndexAndLabelMistakesFailWithTheDriversCodeAndKind() throws Exception {
        assertSameStepsOnAHit(READ_ALL, (connection, steps) -> {
            try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(READ_ALL)) {
                steps.record("getInt(0) before the first row", () -> Outcomes.detailed(() -> rows.getInt(0)))
                        .record("getInt(1) before the first row", () -> Outcomes.detailed(() -> rows.getInt(1)))
                        .record("next", rows::next)
                        .record("getInt(0)", () -> Outcomes.detailed(() -> rows.getInt(0)))
                        .record("getString(3)", () -> Outcomes.detailed(() -> rows.getString(3)))
                        .record("getObject(-1)", () -> Outcomes.detailed(() -> rows.getObject(-1)))
                        .record("findColumn of no column", () -> Outcomes.detailed(() -> rows.findColumn("no_such_column")))
                        .record("getInt by no label", () -> Outcomes.detailed(() -> rows.getInt("no_such_column")))
                        .record("getInt(1) still answers", () -> rows.getInt(1));
                while (rows.next()) {
                    rows.getInt(1);
                }
                steps.record("getInt(5) after the last row", () -> Outcomes.detailed(() -> rows.getInt(5)))
                        .record("getInt(1) after the last row", () -> Outcomes.detailed(() -> rows.getInt(1)));
                rows.close();
                steps.record("getInt(9) after close", () -> Outcomes.detailed(() -> rows.getInt(9)))
                        .record("findColumn after close", () -> Outcomes.detailed(() -> rows.findColumn("no_such_column")));
            }
        });
    }

    @Test
    void aForwardOnlyCursorMovesForwardWhereTheDriverLetsIt() throws Exception {
        List<String> moves = List.of("absolute(1)", "absolute(1)", "absolute(3)", "absolute(2)", "relative(0)",
                "relative(-1)", "previous", "first", "beforeFirst", "last", "absolute(-1)", "relative(1)",
                "absolute(0)", "afterLast", "last", "absolute(5)", "relative(2)");
        for (int start = 0; start <= 4; start++) {
            int nexts = start;
            assertSameStepsOnAHit(READ_ALL, (connection, steps) -> {
                try (Statement statement = connection.createStatement();
                     ResultSet rows = statement.executeQuery(READ_ALL)) {
                    for (int i = 0; i < nexts; i++) {
                        rows.next();
                    }
                    for (String move : moves) {
                        scroll(rows, steps, "from row " + nexts + ", " + move, () -> move(rows, move));
                    }
                }
            });
        }
    }

    private static Object move(ResultSet rows, String move) throws SQLException {
        String argument = move.contains("(") ? move.substring(move.indexOf('(') + 1, move.indexOf(')')) : "";
        switch (move.substring(0, move.indexOf('(') < 0 ? move.length() : move.indexOf('('))) {
            case "absolute":
                return rows.absolute(Integer.parseInt(argument));
            case "relative":
                return rows.relative(Integer.parseInt(argument));
            case "previous":
                return rows.previous();
            case "first":
                return rows.first();
            case "last":
                return rows.last();
            case "beforeFirst":
                rows.beforeFirst();
                return "moved";
            case "afterLast":
                rows.afterLast();
                return "moved";
            default:
                throw new IllegalArgumentException(move);
        }
    }

    @Test
    void aResultReportsTheFetchSizeTheDriverReports() throws Exception {
        assertSameStepsOnAHit(READ_ALL, (connection, steps) -> {
            try (Statement statement = connection.createStatement()) {
                ResultSet unset = statement.executeQuery(READ_ALL);
                steps.record("fetch size of a statement that set none", unset::getFetchSize);
                statement.setFetchSize(7);
                ResultSet rows = statement.executeQuery(READ_ALL);
                steps.record("fetch size with the statement's 7", rows::getFetchSize);
                statement.setFetchSize(3);
                steps.record("after the statement changed to 3", rows::getFetchSize);
                rows.setFetchSize(5);
                steps.record("after the result set's own 5", rows::getFetchSize);
            }
            try (PreparedStatement prepared = connection.prepareStatement(READ_ALL)) {
                prepared.setFetchSize(9);
                steps.record("fetch size of a prepared statement's 9", () -> prepared.executeQuery().getFetchSize());
            }
        });
    }

    @Test
    void aResultOfAClosedConnectionIsReadableExactlyWhereTheDriversIs() throws Exception {
        assertSameStepsOnAHit(READ_ALL, (connection, steps) -> {
            Statement statement = connection.createStatement();
            ResultSet rows = statement.executeQuery(READ_ALL);
            steps.record("next", rows::next);
            connection.close();
            steps.record("result closed with its connection", rows::isClosed)
                    .record("getInt(1) after the connection closed", () -> Outcomes.detailed(() -> rows.getInt(1)))
                    .record("next after the connection closed", () -> Outcomes.detailed(rows::next))
                    .record("getRow after the connection closed", () -> Outcomes.detailed(rows::getRow));
        });
    }

    @Test
    void scrollInsensitiveCursorScrollsAlike() throws Exception {
        assertSameStepsOnAHit(READ_ALL, (connection, steps) -> {
            try (Statement statement = connection.createStatement(ResultSet.TYPE_SCROLL_INSENSITIVE,
                    ResultSet.CONCUR_READ_ONLY); ResultSet rows = statement.executeQuery(READ_ALL)) {
                steps.record("type", rows::getType);
                scroll(rows, steps, "last", rows::last);
                scroll(rows, steps, "previous", rows::previous);
                scroll(rows, steps, "first", rows::first);
                scroll(rows, steps, "relative(2)", () -> rows.relative(2));
                scroll(rows, steps, "relative(-1)", () -> rows.relative(-1));
                scroll(rows, steps, "absolute(-1)", () -> rows.absolute(-1));
                scroll(rows, steps, "absolute(0)", () -> rows.absolute(0));
                scroll(rows, steps, "absolute(10)", () -> rows.absolute(10));
                scroll(rows, steps, "previous from after the end", rows::previous);
                scroll(rows, steps, "relative(-10)", () -> rows.relative(-10));
                scroll(rows, steps, "afterLast", () -> {
                    rows.afterLast();
                    return "moved";
                });
                scroll(rows, steps, "beforeFirst", () -> {
                    rows.beforeFirst();
                    return "moved";
                });
                scroll(rows, steps, "next", rows::next);
                scroll(rows, steps, "absolute(2)", () -> rows.absolute(2));
            }
        });
    }

    @Test
    void executeThenGetResultSetGetMoreResultsAndUpdateCountAgree() throws Exception {
        assertSameStepsOnAHit(READ_ALL, (connection, steps) -> {
            try (Statement statement = connection.createStatement()) {
                steps.record("execute", () -> statement.execute(READ_ALL))
                        .record("update count", statement::getUpdateCount)
                        .record("large update count", statement::getLargeUpdateCount);
                ResultSet rows = statement.getResultSet();
                steps.record("rows of getResultSet", () -> ResultSetProbe.values(rows).size())
                        .record("more results", statement::getMoreResults)
                        .record("first result closed by getMoreResults", rows::isClosed)
                        .record("update count after the last result", statement::getUpdateCount)
                        .record("result set after the last result", () -> statement.getResultSet() == null)
                        .record("more results again", statement::getMoreResults);
                steps.record("execute again", () -> statement.execute(READ_ALL));
                ResultSet kept = statement.getResultSet();
                steps.record("more results, keeping the current one",
                                () -> statement.getMoreResults(Statement.KEEP_CURRENT_RESULT))
                        .record("kept result still open", kept::isClosed)
                        .record("executeQuery closes the kept result", () -> {
                            statement.executeQuery(READ_ALL).close();
                            return kept.isClosed();
                        });
            }
        });
    }

    @Test
    void warningsAreAbsentAlikeAndClearWarningsWorks() throws Exception {
        assertSameStepsOnAHit(READ_ALL, (connection, steps) -> {
            try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(READ_ALL)) {
                steps.record("statement warnings", () -> String.valueOf(statement.getWarnings()))
                        .record("result set warnings", () -> String.valueOf(rows.getWarnings()))
                        .record("next", rows::next)
                        .record("result set warnings on a row", () -> String.valueOf(rows.getWarnings()))
                        .record("clear statement warnings", () -> {
                            statement.clearWarnings();
                            return String.valueOf(statement.getWarnings());
                        })
                        .record("clear result set warnings", () -> {
                            rows.clearWarnings();
                            return String.valueOf(rows.getWarnings());
                        });
            }
        });
    }

    @Test
    void maxRowsLimitsHitsAsItLimitsTheDatabase() throws Exception {
        assertSameStepsOnAHit(READ_ALL, (connection, steps) -> {
            try (Statement statement = connection.createStatement()) {
                statement.setMaxRows(2);
                steps.record("max rows", statement::getMaxRows)
                        .record("rows with maxRows 2", () -> ResultSetProbe.values(statement.executeQuery(READ_ALL)));
                statement.setMaxRows(0);
                steps.record("rows with maxRows 0", () -> ResultSetProbe.values(statement.executeQuery(READ_ALL)));
                statement.setMaxRows(1);
                steps.record("rows with maxRows 1", () -> ResultSetProbe.values(statement.executeQuery(READ_ALL)));
            }
        }, 3);
    }

    @Test
    void aQueryTimeoutLeavesHitsAloneAndStopsASlowLoadAsItStopsTheDatabase() throws Exception {
        assertSameStepsOnAHit(READ_ALL, (connection, steps) -> {
            try (Statement statement = connection.createStatement()) {
                statement.setQueryTimeout(1);
                steps.record("query timeout", statement::getQueryTimeout)
                        .record("rows with a timeout", () -> ResultSetProbe.values(statement.executeQuery(READ_ALL)));
            }
        });
        // A slow query is never a hit: it is stopped on the database, directly and through the cache alike.
        List<String> direct = timeOutSlowQuery(databases.direct());
        List<String> cached = timeOutSlowQuery(databases.cached());
        Differences.assertNone("through the cache", direct, cached);
        assertThat(direct.get(0)).contains("SQLException[");
    }

    @Test
    void cancelStopsASlowLoadAsItStopsTheDatabaseAndTheStatementStaysUsable() throws Exception {
        List<String> direct = cancelSlowQuery(databases.direct());
        List<String> cached = cancelSlowQuery(databases.cached());
        Differences.assertNone("through the cache", direct, cached);
        assertThat(direct.get(0)).contains("SQLException[");
    }

    private List<String> timeOutSlowQuery(Connection connection) throws Exception {
        Steps steps = new Steps();
        try (connection; AutoCloseable slow = slowDown(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(1);
            steps.record("slow query with a one-second timeout", () -> statement.executeQuery(slowQuery()).next());
        }
        try (Connection again = databases.cached(); Statement statement = again.createStatement()) {
            steps.record("rows afterwards", () -> ResultSetProbe.values(statement.executeQuery(READ_ALL)));
        }
        return steps.lines();
    }

    private List<String> cancelSlowQuery(Connection connection) throws Exception {
        Steps steps = new Steps();
        ScheduledExecutorService canceller = Executors.newSingleThreadScheduledExecutor();
        try (connection; AutoCloseable slow = slowDown(); Statement statement = connection.createStatement()) {
            canceller.schedule(() -> {
                statement.cancel();
                return null;
            }, 500, TimeUnit.MILLISECONDS);
            steps.record("slow query cancelled", () -> statement.executeQuery(slowQuery()).next());
            slow.close();
            steps.record("the same statement afterwards",
                    () -> ResultSetProbe.values(statement.executeQuery(READ_ALL)));
        } finally {
            canceller.shutdownNow();
        }
        return steps.lines();
    }

    /** Runs the scenario directly, then twice through the cache; the second cached run must be served by the cache. */
    void assertSameStepsOnAHit(String sql, Scenario scenario) throws Exception {
        assertSameStepsOnAHit(sql, scenario, 1);
    }

    /** maxRows is part of the key: each distinct limit loads once, and a second run is served from the cache. */

    private void assertSameStepsOnAHit(String sql, Scenario scenario, int loads) throws Exception {
        List<String> direct = run(databases.direct(), scenario);
        List<String> loading = run(databases.cached(), scenario);
        int loaded = CountingDriver.executions(sql);
        List<String> hit = run(databases.cached(), scenario);
        // An earlier scenario may have loaded the result already; the second run must not reach the database at all.
        assertThat(loaded).as("executions of the query through the cache").isLessThanOrEqualTo(loads);
        assertThat(CountingDriver.executions(sql)).as(() -> "executions by the run served from the cache; the cache says: "
                + explain(sql)).isEqualTo(loaded);
        Differences.assertNone("loading read", direct, loading);
        Differences.assertNone("cache hit", direct, hit);
    }

    /** How the cache answers the query now, and its statistics, for a failure's message. */
    private String explain(String sql) {
        try (Connection connection = databases.cached()) {
            CacheControl control = connection.unwrap(CacheControl.class);
            return control.explain(sql) + "; " + control.statistics();
        } catch (SQLException e) {
            return "(could not ask: " + e + ")";
        }
    }

    private static List<String> run(Connection connection, Scenario scenario) throws Exception {
        Steps steps = new Steps();
        try (connection) {
            scenario.run(connection, steps);
        }
        return steps.lines();
    }

    private static void describePosition(ResultSet rows, Steps steps, String where) {
        steps.record(where + ": isBeforeFirst", rows::isBeforeFirst)
                .record(where + ": isFirst", rows::isFirst)
                .record(where + ": isLast", rows::isLast)
                .record(where + ": isAfterLast", rows::isAfterLast)
                .record(where + ": getRow", rows::getRow)
                .record(where + ": getInt(1)", () -> rows.getInt(1))
                .record(where + ": isClosed", rows::isClosed);
    }

    private static void scroll(ResultSet rows, Steps steps, String move, Outcomes.JdbcCall call) {
        steps.record(move, call);
        describePosition(rows, steps, "after " + move);
    }
}
