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
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A connection that has ended — closed or aborted by the application, or lost by the database's driver — and its
 * statements fail through the cache exactly where they fail on the database's own driver, with the same java.sql
 * class, SQLState and vendor code: a result the cache holds is no answer on a connection the driver would refuse.
 * Every scenario reads the table first, so that the same reads afterwards would be hits, on a plain statement, a
 * prepared statement whose driver statement exists and one prepared again (whose driver statement is made only
 * when needed, since its text was prepared before); then it ends the connection and tries everything again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ConnectionEndParityContract {

    static final String TABLE = "cj_end_items";
    static final String READ = "select id, name from " + TABLE + " order by id";

    Databases databases;

    abstract Databases connectDatabases();

    /**
     * Makes the database's driver lose the connection as an operator or a crash would (its backend terminated, its
     * database shut down), from outside the connection.
     */
    abstract void loseConnection(Databases database, Connection victim) throws Exception;

    /** The database a scenario that loses its connection runs on: one it may lose, with the table in it. */
    Databases databaseToLose() throws SQLException {
        return databases;
    }

    /** The query a pool sends to check a connection: it reads no table. */
    String validationQuery() {
        return "SELECT 1";
    }

    /** What the application does to end a connection. */
    @FunctionalInterface
    interface Ending {
        void end(Connection connection) throws Exception;
    }

    @BeforeAll
    void createTable() throws SQLException {
        databases = connectDatabases();
        createTable(databases);
    }

    static void createTable(Databases database) throws SQLException {
        database.run("drop table if exists " + TABLE, "create table " + TABLE + " (id int primary key, name varchar(20))",
                "insert into " + TABLE + " values (1, 'apple'), (2, 'banana')");
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
    void aClosedConnectionAndItsStatementsFailAlike() throws Exception {
        assertSameStepsAfter(Connection::close);
    }

    @Test
    void anAbortedConnectionAndItsStatementsFailAlike() throws Exception {
        Executor now = Runnable::run;
        assertSameStepsAfter(connection -> connection.abort(now));
    }

    /**
     * A query that reads no table is never answered from the cache, so a pool's check of a lost connection reaches
     * the database and fails there; from then on the database's driver knows, and so do the connection's hits.
     */
    @Test
    void aConnectionTheDriverLostFailsItsValidationQueryAndThenEveryReadAlike() throws Exception {
        assertSameStepsAfterLosingTheConnection((connection, steps) -> steps
                .record("validation query", () -> Outcomes.detailed(() -> {
                    try (Statement statement = connection.createStatement()) {
                        return statement.execute(validationQuery());
                    }
                })));
    }

    /**
     * A pool that checks a connection with isValid rather than a query learns of its loss there; so must the
     * connection's hits, which would otherwise answer on a connection the database's driver now calls closed.
     */
    @Test
    void aConnectionTheDriverLostFailsItsValidityCheckAndThenEveryReadAlike() throws Exception {
        assertSameStepsAfterLosingTheConnection((connection, steps) -> steps
                .record("isValid", () -> Outcomes.detailed(() -> connection.isValid(5))));
    }

    void assertSameStepsAfterLosingTheConnection(Scenario first) throws Exception {
        Databases directly = databaseToLose();
        List<String> direct = run(directly.direct(), endingScenario(victim -> loseConnection(directly, victim), first));
        CountingDriver.reset();
        Databases throughTheCache = databaseToLose();
        List<String> cached = run(throughTheCache.cached(),
                endingScenario(victim -> loseConnection(throughTheCache, victim), first));
        Differences.assertNone("through the cache", direct, cached);
        assertThat(direct).anyMatch(line -> line.contains("failed: "));
    }

    @Test
    void closedStatementsFailTheirReadsAlike() throws Exception {
        Scenario scenario = (connection, steps) -> {
            Statement statement = connection.createStatement();
            rows(statement.executeQuery(READ));
            PreparedStatement prepared = connection.prepareStatement(READ);
            prepared.getMaxFieldSize(); // needs the database driver's statement, which is made now
            rows(prepared.executeQuery());
            PreparedStatement preparedAgain = connection.prepareStatement(READ);
            statement.close();
            prepared.close();
            preparedAgain.close();
            steps.record("closed statement, executeQuery", () -> Outcomes.detailed(() -> statement.executeQuery(READ)))
                    .record("closed statement, execute", () -> Outcomes.detailed(() -> statement.execute(READ)))
                    .record("closed prepared statement, executeQuery", () -> Outcomes.detailed(prepared::executeQuery))
                    .record("closed prepared statement, execute", () -> Outcomes.detailed(prepared::execute))
                    .record("closed statement prepared again, executeQuery",
                            () -> Outcomes.detailed(preparedAgain::executeQuery))
                    .record("statements report themselves closed",
                            () -> statement.isClosed() + " " + prepared.isClosed() + " " + preparedAgain.isClosed())
                    .record("the connection still reads", () -> rows(connection.createStatement().executeQuery(READ)));
        };
        List<String> direct = run(databases.direct(), scenario);
        List<String> cached = run(databases.cached(), scenario);
        Differences.assertNone("through the cache", direct, cached);
    }

    /** Every query that reads no table reaches the database every time: a connection check is never a hit. */
    @Test
    void aQueryThatReadsNoTableReachesTheDatabaseEveryTime() throws Exception {
        List<String> texts = List.of(validationQuery(), "SELECT 1 + 1", "VALUES (1)", "SELECT 'alive' AS state");
        try (Connection connection = databases.cached(); Statement statement = connection.createStatement()) {
            CacheControl cache = connection.unwrap(CacheControl.class);
            for (String text : texts) {
                rows(statement.executeQuery(text));
                rows(statement.executeQuery(text));
                try (PreparedStatement prepared = connection.prepareStatement(text)) {
                    rows(prepared.executeQuery());
                }
                assertThat(CountingDriver.executions(text)).as("executions of %s", text).isEqualTo(3);
                assertThat(cache.explain(text)).as(text).contains("not cached: it reads no table");
            }
        }
    }

    /** Scenario steps on a connection, for the direct run and the run through the cache alike. */
    @FunctionalInterface
    interface Scenario {
        void run(Connection connection, Steps steps) throws Exception;
    }

    void assertSameStepsAfter(Ending ending) throws Exception {
        assertSameStepsAfter(ending, (connection, steps) -> { });
    }

    /**
     * Reads the table three ways, ends the connection, runs {@code first}, then tries every read and every way of
     * making a statement again; directly and through the cache, which must write down the same steps. Through the
     * cache the reads before the end must have reached the database once: the ones after it would be hits.
     */
    void assertSameStepsAfter(Ending ending, Scenario first) throws Exception {
        List<String> direct = run(databases.direct(), endingScenario(ending, first));
        CountingDriver.reset();
        List<String> cached = run(databases.cached(), endingScenario(ending, first));
        Differences.assertNone("through the cache", direct, cached);
        assertThat(direct).anyMatch(line -> line.contains("failed: "));
    }

    private Scenario endingScenario(Ending ending, Scenario first) {
        return (connection, steps) -> {
            Statement statement = connection.createStatement();
            steps.record("rows", () -> rows(statement.executeQuery(READ)));
            PreparedStatement prepared = connection.prepareStatement(READ);
            prepared.getMaxFieldSize(); // needs the database driver's statement, which is made now
            steps.record("prepared rows", () -> rows(prepared.executeQuery()));
            PreparedStatement preparedAgain = connection.prepareStatement(READ);
            steps.record("rows prepared again", () -> rows(preparedAgain.executeQuery()));
            ResultSet open = statement.executeQuery(READ);
            open.next();
            int executionsBeforeTheEnd = CountingDriver.executions(READ);
            ending.end(connection);
            first.run(connection, steps);
            steps.record("plain statement, executeQuery", () -> Outcomes.detailed(() -> rows(statement.executeQuery(READ))))
                    .record("plain statement, execute", () -> Outcomes.detailed(() -> statement.execute(READ)))
                    .record("prepared statement, executeQuery", () -> Outcomes.detailed(() -> rows(prepared.executeQuery())))
                    .record("statement prepared again, executeQuery",
                            () -> Outcomes.detailed(() -> rows(preparedAgain.executeQuery())))
                    .record("createStatement", () -> Outcomes.detailed(() -> connection.createStatement() != null))
                    .record("prepareStatement", () -> Outcomes.detailed(() -> connection.prepareStatement(READ) != null))
                    .record("prepareCall", () -> Outcomes.detailed(() -> connection.prepareCall(READ) != null))
                    .record("the result opened before, getInt", () -> Outcomes.detailed(() -> open.getInt(1)))
                    .record("the result opened before, isClosed", () -> Outcomes.detailed(open::isClosed))
                    .record("connection isClosed", () -> Outcomes.detailed(connection::isClosed))
                    .record("statements isClosed", () -> Outcomes.detailed(
                            () -> statement.isClosed() + " " + prepared.isClosed() + " " + preparedAgain.isClosed()));
            assertThat(executionsBeforeTheEnd).as("executions of the read before the end, through %s", connection)
                    .isLessThanOrEqualTo(1);
        };
    }

    private static List<String> run(Connection connection, Scenario scenario) throws Exception {
        Steps steps = new Steps();
        try (connection) {
            scenario.run(connection, steps);
        } catch (SQLException closingALostConnection) {
            // closing a connection the driver lost may fail on either side; the steps are what is compared
        }
        return steps.lines();
    }

    private static String rows(ResultSet resultSet) throws SQLException {
        StringBuilder text = new StringBuilder();
        try (resultSet) {
            int columns = resultSet.getMetaData().getColumnCount();
            while (resultSet.next()) {
                for (int column = 1; column <= columns; column++) {
                    text.append(resultSet.getString(column)).append(column < columns ? "|" : ";");
                }
            }
        }
        return text.toString();
    }
}
