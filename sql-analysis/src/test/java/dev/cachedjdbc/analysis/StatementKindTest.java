package dev.cachedjdbc.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class StatementKindTest {

    private final SqlAnalyzer analyzer = UnhurriedAnalyzer.create();

    static Stream<Arguments> transactionControl() {
        return Stream.of(
                Arguments.of("BEGIN", TransactionControl.BEGIN),
                Arguments.of("begin work", TransactionControl.BEGIN),
                Arguments.of("BEGIN ISOLATION LEVEL SERIALIZABLE", TransactionControl.BEGIN),
                Arguments.of("START TRANSACTION READ ONLY", TransactionControl.BEGIN),
                Arguments.of("COMMIT", TransactionControl.COMMIT),
                Arguments.of("commit work", TransactionControl.COMMIT),
                Arguments.of("END", TransactionControl.COMMIT),
                Arguments.of("END TRANSACTION", TransactionControl.COMMIT),
                Arguments.of("ROLLBACK", TransactionControl.ROLLBACK),
                Arguments.of("ABORT", TransactionControl.ROLLBACK),
                Arguments.of("SAVEPOINT before_update", TransactionControl.SAVEPOINT),
                Arguments.of("RELEASE SAVEPOINT before_update", TransactionControl.RELEASE_SAVEPOINT),
                Arguments.of("RELEASE before_update", TransactionControl.RELEASE_SAVEPOINT),
                Arguments.of("ROLLBACK TO SAVEPOINT before_update", TransactionControl.ROLLBACK_TO_SAVEPOINT),
                Arguments.of("ROLLBACK TO before_update", TransactionControl.ROLLBACK_TO_SAVEPOINT),
                Arguments.of("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ", TransactionControl.SET_TRANSACTION),
                Arguments.of("COMMIT;", TransactionControl.COMMIT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transactionControl")
    void transactionControlStatementsSayWhatTheyDoToTheTransaction(String sql, TransactionControl expected) {
        StatementAnalysis analysis = analyzer.analyze(sql, Dialect.POSTGRESQL);
        assertThat(analysis.kind()).isEqualTo(StatementKind.TRANSACTION_CONTROL);
        assertThat(analysis.transactionControl()).isEqualTo(expected);
        assertThat(analysis.writes()).isFalse();
        assertThat(analysis.cacheability()).isEqualTo(Cacheability.NOT_A_QUERY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SET search_path TO app, public", "SET x = 1", "RESET ALL", "SET ROLE reporting",
            "SET SESSION AUTHORIZATION bob", "SET SCHEMA 'app'", "USE app", "DISCARD ALL", "SET TIME ZONE 'UTC'",
            "SET LOCAL statement_timeout = 1000", "SELECT set_config('search_path', 'app', false)"})
    void sessionChanges(String sql) {
        StatementAnalysis analysis = analyzer.analyze(sql, Dialect.POSTGRESQL);
        assertThat(analysis.kind()).isEqualTo(StatementKind.SESSION_CHANGE);
        assertThat(analysis.transactionControl()).isEqualTo(TransactionControl.NONE);
        assertThat(analysis.writesUnknownTables()).isFalse();
        assertThat(analysis.isCacheable()).isFalse();
    }

    @Test
    void aSessionVariableComputedByAFunctionMayWrite() {
        StatementAnalysis analysis = analyzer.analyze("SET @v = (SELECT my_function())", Dialect.H2);
        assertThat(analysis.kind()).isEqualTo(StatementKind.SESSION_CHANGE);
        assertThat(analysis.writesUnknownTables()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"CALL refresh_totals(?)", "EXEC refresh_totals 1", "EXECUTE prepared_plan(1)",
            "DO $$ BEGIN DELETE FROM t; END $$", "{call refresh_totals(?)}", "{? = call compute(?)}",
            "{ ? = call compute(?)}"})
    void callsMayWriteAnything(String sql) {
        StatementAnalysis analysis = analyzer.analyze(sql, Dialect.POSTGRESQL);
        assertThat(analysis.kind()).isEqualTo(StatementKind.CALL);
        assertThat(analysis.writesUnknownTables()).isTrue();
        assertThat(analysis.cacheability()).isEqualTo(Cacheability.NOT_A_QUERY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"INSERT INTO t VALUES (1)", "UPDATE t SET a = 1", "DELETE FROM t",
            "MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE", "TRUNCATE t",
            "INSERT INTO t (a) VALUES (1) ON CONFLICT (a) DO UPDATE SET a = 2", "COPY t FROM STDIN",
            "SELECT * INTO t2 FROM t", "CREATE TABLE t2 AS SELECT * FROM t",
            "WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d", "INSERT INTO t VALUES (1) RETURNING id"})
    void writes(String sql) {
        StatementAnalysis analysis = analyzer.analyze(sql, Dialect.POSTGRESQL);
        assertThat(analysis.kind()).isEqualTo(StatementKind.WRITE);
        assertThat(analysis.tablesWritten()).isNotEmpty();
        assertThat(analysis.cacheability()).isEqualTo(Cacheability.WRITES);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CREATE TABLE t (a int)", "ALTER TABLE t ADD COLUMN b int", "DROP TABLE t",
            "CREATE INDEX i ON t (a)", "COMMENT ON TABLE t IS 'x'", "GRANT SELECT ON t TO bob",
            "REVOKE SELECT ON t FROM bob", "REFRESH MATERIALIZED VIEW mv", "CREATE VIEW v AS SELECT 1",
            "CREATE SEQUENCE s", "DROP SCHEMA app CASCADE"})
    void definitions(String sql) {
        StatementAnalysis analysis = analyzer.analyze(sql, Dialect.POSTGRESQL);
        assertThat(analysis.kind()).isEqualTo(StatementKind.DDL);
        assertThat(analysis.writes()).isTrue();
        assertThat(analysis.cacheability()).isEqualTo(Cacheability.NOT_A_QUERY);
    }

    @Test
    void definitionsWhoseReachIsUnclearWriteEverything() {
        assertThat(analyzer.analyze("DROP TABLE t CASCADE", Dialect.POSTGRESQL).writesUnknownTables()).isTrue();
        assertThat(analyzer.analyze("ALTER TABLE t RENAME TO u", Dialect.POSTGRESQL).writesUnknownTables()).isTrue();
        assertThat(analyzer.analyze("DROP SCHEMA app", Dialect.POSTGRESQL).writesUnknownTables()).isTrue();
        assertThat(analyzer.analyze("DROP TABLE t", Dialect.POSTGRESQL).writesUnknownTables()).isFalse();
    }

    @Test
    void copyToIsAQueryThatIsNotCached() {
        for (String sql : new String[] {"COPY t TO STDOUT", "COPY (SELECT * FROM t) TO STDOUT WITH CSV"}) {
            StatementAnalysis analysis = analyzer.analyze(sql, Dialect.POSTGRESQL);
            assertThat(analysis.kind()).isEqualTo(StatementKind.QUERY);
            assertThat(analysis.writes()).isFalse();
            assertThat(analysis.cacheability()).isEqualTo(Cacheability.NOT_A_QUERY);
        }
    }

    @Test
    void copyOfAWriteWrites() {
        StatementAnalysis analysis = analyzer.analyze("COPY (DELETE FROM t RETURNING *) TO STDOUT", Dialect.POSTGRESQL);
        assertThat(analysis.kind()).isEqualTo(StatementKind.WRITE);
        assertThat(analysis.tablesWritten()).containsExactly(TableName.of("t"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"VACUUM t", "LISTEN channel", "this is not sql", "COMMIT PREPARED 'tx1'",
            "BEGIN INSERT INTO t VALUES (1) END", "LOCK TABLE t IN ACCESS EXCLUSIVE MODE"})
    void anythingElseIsUnknownAndWritesEverything(String sql) {
        StatementAnalysis analysis = analyzer.analyze(sql, Dialect.POSTGRESQL);
        assertThat(analysis.kind()).isEqualTo(StatementKind.UNKNOWN);
        assertThat(analysis.writesUnknownTables()).isTrue();
        assertThat(analysis.isCacheable()).isFalse();
    }

    @Test
    void queries() {
        for (String sql : new String[] {"SELECT 1", "VALUES (1), (2)", "TABLE t", "WITH x AS (SELECT 1) SELECT * FROM x",
                "(SELECT a FROM t) UNION (SELECT a FROM u)"}) {
            StatementAnalysis analysis = analyzer.analyze(sql, Dialect.POSTGRESQL);
            assertThat(analysis.kind()).as(sql).isEqualTo(StatementKind.QUERY);
            assertThat(analysis.writes()).as(sql).isFalse();
        }
    }

    @Test
    void explainIsNotCachedAndExplainAnalyzeOfAWriteWrites() {
        StatementAnalysis explain = analyzer.analyze("EXPLAIN SELECT * FROM t", Dialect.POSTGRESQL);
        assertThat(explain.kind()).isEqualTo(StatementKind.QUERY);
        assertThat(explain.cacheability()).isEqualTo(Cacheability.NOT_A_QUERY);
        StatementAnalysis explainWrite = analyzer.analyze("EXPLAIN ANALYZE DELETE FROM t", Dialect.POSTGRESQL);
        assertThat(explainWrite.kind()).isEqualTo(StatementKind.WRITE);
        assertThat(explainWrite.tablesWritten()).containsExactly(TableName.of("t"));
    }

    @Test
    void multipleStatementsAreNeverCached() {
        StatementAnalysis queries = analyzer.analyze("SELECT * FROM a; SELECT * FROM b", Dialect.POSTGRESQL);
        assertThat(queries.kind()).isEqualTo(StatementKind.QUERY);
        assertThat(queries.cacheability()).isEqualTo(Cacheability.MULTIPLE_STATEMENTS);
        assertThat(queries.tablesRead()).containsExactlyInAnyOrder(TableName.of("a"), TableName.of("b"));
        assertThat(queries.writesUnknownTables()).as("the driver invalidates everything for several statements").isTrue();

        StatementAnalysis mixed = analyzer.analyze("SELECT * FROM a; DELETE FROM b", Dialect.POSTGRESQL);
        assertThat(mixed.kind()).isEqualTo(StatementKind.UNKNOWN);
        assertThat(mixed.writesUnknownTables()).isTrue();
        assertThat(mixed.tablesWritten()).containsExactly(TableName.of("b"));
        assertThat(mixed.cacheability()).isEqualTo(Cacheability.MULTIPLE_STATEMENTS);
    }

    @Test
    void aSemicolonInsideAStringDoesNotSplitTheText() {
        StatementAnalysis analysis = analyzer.analyze("SELECT * FROM t WHERE a = ';DELETE FROM t'", Dialect.POSTGRESQL);
        assertThat(analysis.isCacheable()).isTrue();
    }

    @Test
    void aWriteWhoseTableIsMissingIsNotTrusted() {
        StatementAnalysis truncated = analyzer.analyze("DELETE FROM", Dialect.POSTGRESQL);
        assertThat(truncated.kind()).isEqualTo(StatementKind.UNKNOWN);
        assertThat(truncated.cacheability()).isEqualTo(Cacheability.UNANALYZABLE);
        assertThat(truncated.writesUnknownTables()).isTrue();
    }

    @Test
    void truncateRestartingOrContinuingIdentityWritesItsTables() {
        StatementAnalysis restart = analyzer.analyze("TRUNCATE orders, order_line RESTART IDENTITY", Dialect.POSTGRESQL);
        assertThat(restart.kind()).isEqualTo(StatementKind.WRITE);
        assertThat(restart.tablesWritten()).containsExactlyInAnyOrder(TableName.of("orders"), TableName.of("order_line"));
        assertThat(restart.writesUnknownTables()).isFalse();
        StatementAnalysis cascade = analyzer.analyze("TRUNCATE orders CONTINUE IDENTITY CASCADE", Dialect.POSTGRESQL);
        assertThat(cascade.tablesWritten()).containsExactly(TableName.of("orders"));
        assertThat(cascade.writesUnknownTables()).as("CASCADE empties the tables referring to it").isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT id INTO TEMPORARY TABLE recent FROM orders WHERE placed_at > ?",
            "SELECT id INTO TEMP recent FROM orders", "SELECT id INTO UNLOGGED TABLE recent FROM orders",
            "SELECT id INTO TABLE recent FROM orders"})
    void selectIntoANewTableOfAnyKindWritesIt(String sql) {
        StatementAnalysis analysis = analyzer.analyze(sql, Dialect.POSTGRESQL);
        assertThat(analysis.kind()).isEqualTo(StatementKind.WRITE);
        assertThat(analysis.tablesWritten()).containsExactly(TableName.of("recent"));
        assertThat(analysis.tablesRead()).containsExactly(TableName.of("orders"));
        assertThat(analysis.writesUnknownTables()).isFalse();
    }
}
