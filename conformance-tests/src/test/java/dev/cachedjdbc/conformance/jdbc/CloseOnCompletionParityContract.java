package dev.cachedjdbc.conformance.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.testing.CountingDriver;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A statement set to close on completion closes when the application closes its last open result, whether that
 * result was a hit, a load or passed through, exactly as it does on the database's own driver; and a statement's
 * results close with it, with its next execution and with getMoreResults, alike. Every scenario runs directly, then
 * twice through the cache (a loading run and a run answered from the cache), on a plain statement, on a prepared
 * statement whose driver statement is made only when needed, and on one whose driver statement exists.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CloseOnCompletionParityContract {

    static final String TABLE = "cj_completion_items";
    static final String READ = "select id, name from " + TABLE + " order by id";
    /** Never cached: a locking read passes through to the database's driver. */
    static final String LOCKING_READ = "select id, name from " + TABLE + " where id > 0 order by id for update";
    static final String UPDATE_NOTHING = "update " + TABLE + " set name = name where id < 0";

    Databases databases;

    abstract Databases connectDatabases();

    /** How a scenario gets a statement to execute one text with. */
    enum Kind {
        STATEMENT, PREPARED, PREPARED_AND_MADE;

        Executable of(Connection connection, String sql) throws SQLException {
            if (this == STATEMENT) {
                Statement statement = connection.createStatement();
                return new Executable(statement, () -> statement.executeQuery(sql), () -> statement.execute(sql));
            }
            PreparedStatement prepared = connection.prepareStatement(sql);
            if (this == PREPARED_AND_MADE) {
                prepared.getMaxFieldSize(); // needs the database driver's statement, which is made now
            }
            return new Executable(prepared, prepared::executeQuery, prepared::execute);
        }
    }

    /** A statement and its two ways of running its text. */
    record Executable(Statement statement, Outcomes.JdbcCall queryCall, Outcomes.JdbcCall executeCall) {

        ResultSet executeQuery() throws Exception {
            return (ResultSet) queryCall.call();
        }

        boolean execute() throws Exception {
            return (Boolean) executeCall.call();
        }
    }

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

    @ParameterizedTest
    @EnumSource(Kind.class)
    void closingTheLastResultClosesTheStatement(Kind kind) throws Exception {
        assertSameStepsOnAHit(READ, (connection, steps) -> {
            Executable executable = kind.of(connection, READ);
            Statement statement = executable.statement();
            statement.closeOnCompletion();
            steps.record("isCloseOnCompletion", statement::isCloseOnCompletion);
            ResultSet rows = executable.executeQuery();
            steps.record("rows", () -> ResultSetProbe.values(rows).size())
                    .record("open while its result is", statement::isClosed);
            rows.close();
            steps.record("closed with its last result", statement::isClosed)
                    .record("isCloseOnCompletion when closed", () -> Outcomes.detailed(statement::isCloseOnCompletion))
                    .record("closeOnCompletion when closed", () -> Outcomes.detailed(() -> {
                        statement.closeOnCompletion();
                        return "accepted";
                    }));
        });
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void closeOnCompletionAskedWhileAResultIsOpenAppliesToIt(Kind kind) throws Exception {
        assertSameStepsOnAHit(READ, (connection, steps) -> {
            Executable executable = kind.of(connection, READ);
            Statement statement = executable.statement();
            steps.record("execute", executable::execute);
            ResultSet rows = statement.getResultSet();
            statement.closeOnCompletion();
            steps.record("open while its result is", statement::isClosed);
            rows.close();
            steps.record("closed with its result", statement::isClosed);
        });
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void theStatementClosingItsResultsItselfDoesNotCloseIt(Kind kind) throws Exception {
        assertSameStepsOnAHit(READ, (connection, steps) -> {
            Executable executable = kind.of(connection, READ);
            Statement statement = executable.statement();
            statement.closeOnCompletion();
            steps.record("execute", executable::execute);
            ResultSet first = statement.getResultSet();
            steps.record("more results", statement::getMoreResults)
                    .record("first result closed by getMoreResults", first::isClosed)
                    .record("statement still open", statement::isClosed)
                    .record("execute again", executable::execute);
            ResultSet kept = statement.getResultSet();
            steps.record("more results, keeping the current one",
                            () -> statement.getMoreResults(Statement.KEEP_CURRENT_RESULT))
                    .record("statement open while the kept result is", statement::isClosed);
            kept.close();
            steps.record("closed with the kept result", statement::isClosed);
        });
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aStatementWithoutResultsStaysOpen(Kind kind) throws Exception {
        assertSameSteps((connection, steps) -> {
            Executable executable = kind.of(connection, UPDATE_NOTHING);
            Statement statement = executable.statement();
            statement.closeOnCompletion();
            steps.record("update", executable::execute)
                    .record("update count", statement::getUpdateCount)
                    .record("open after an update", statement::isClosed);
            statement.close();
        });
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aResultPassedThroughClosesItsStatementToo(Kind kind) throws Exception {
        assertSameSteps((connection, steps) -> {
            connection.setAutoCommit(false);
            Executable executable = kind.of(connection, LOCKING_READ);
            Statement statement = executable.statement();
            statement.closeOnCompletion();
            ResultSet rows = executable.executeQuery();
            steps.record("rows", () -> ResultSetProbe.values(rows).size())
                    .record("open while its result is", statement::isClosed);
            rows.close();
            steps.record("closed with its result", statement::isClosed);
            connection.rollback();
        });
    }

    /** A result larger than the cache keeps is read from the database while the caller reads it. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void aResultTooLargeToCacheClosesItsStatementToo(Kind kind) throws Exception {
        Scenario scenario = (connection, steps) -> {
            Executable executable = kind.of(connection, READ);
            Statement statement = executable.statement();
            statement.closeOnCompletion();
            ResultSet rows = executable.executeQuery();
            steps.record("rows", () -> ResultSetProbe.values(rows).size())
                    .record("open while its result is", statement::isClosed);
            rows.close();
            steps.record("closed with its result", statement::isClosed);
        };
        List<String> direct = run(databases.direct(), scenario);
        List<String> cached = run(databases.cached("cache.maxResultRows", "1"), scenario);
        Differences.assertNone("a result too large to cache", direct, cached);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void closingTheStatementClosesItsResultAndTheNextExecutionTheLast(Kind kind) throws Exception {
        assertSameStepsOnAHit(READ, (connection, steps) -> {
            Executable executable = kind.of(connection, READ);
            Statement statement = executable.statement();
            ResultSet first = executable.executeQuery();
            ResultSet second = executable.executeQuery();
            steps.record("the first result closed by the next execution", first::isClosed)
                    .record("the second open", second::isClosed);
            statement.close();
            steps.record("the second closed with the statement", second::isClosed)
                    .record("reading it", () -> Outcomes.detailed(second::next));
        });
    }

    /** A read of the system catalog, which the cache never answers: its result comes from the database's driver. */
    static final String CATALOG_READ = "select count(*) from information_schema.tables";

    /** A statement's next execution closes its last result also when the cache answers it and the driver's statement
     *  never runs. */
    @Test
    void anExecutionAnsweredFromTheCacheClosesTheResultTheDriverGaveBefore() throws Exception {
        assertSameStepsOnAHit(READ, (connection, steps) -> {
            try (Statement statement = connection.createStatement()) {
                ResultSet passedThrough = statement.executeQuery(CATALOG_READ);
                steps.record("the driver's result open", passedThrough::isClosed);
                ResultSet rows = statement.executeQuery(READ);
                steps.record("closed by the next execution", passedThrough::isClosed)
                        .record("rows", () -> ResultSetProbe.values(rows).size());
                statement.closeOnCompletion();
                rows.close();
                steps.record("closed on completion", statement::isClosed);
            }
        });
    }

    void assertSameSteps(Scenario scenario) throws Exception {
        List<String> direct = run(databases.direct(), scenario);
        List<String> cached = run(databases.cached(), scenario);
        Differences.assertNone("through the cache", direct, cached);
    }

    /** Runs the scenario directly, then twice through the cache; the second cached run must be served by the cache. */
    void assertSameStepsOnAHit(String sql, Scenario scenario) throws Exception {
        List<String> direct = run(databases.direct(), scenario);
        List<String> loading = run(databases.cached(), scenario);
        int loaded = CountingDriver.executions(sql);
        List<String> hit = run(databases.cached(), scenario);
        assertThat(loaded).as("executions of the query through the cache").isLessThanOrEqualTo(1);
        assertThat(CountingDriver.executions(sql)).as("executions by the run served from the cache").isEqualTo(loaded);
        Differences.assertNone("loading read", direct, loading);
        Differences.assertNone("cache hit", direct, hit);
    }

    static List<String> run(Connection connection, Scenario scenario) throws Exception {
        Steps steps = new Steps();
        try (connection) {
            scenario.run(connection, steps);
        }
        return steps.lines();
    }
}
