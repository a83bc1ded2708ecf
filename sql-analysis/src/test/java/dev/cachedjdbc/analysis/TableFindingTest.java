package dev.cachedjdbc.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TableFindingTest {

    private final SqlAnalyzer analyzer = UnhurriedAnalyzer.create();

    private StatementAnalysis analyze(String sql) {
        return analyze(sql, Dialect.POSTGRESQL);
    }

    private StatementAnalysis analyze(String sql, Dialect dialect) {
        StatementAnalysis analysis = analyzer.analyze(sql, dialect);
        assertThat(analysis.cacheability()).as("%s: %s", sql, analysis.cacheabilityReason())
                .isNotEqualTo(Cacheability.UNANALYZABLE);
        return analysis;
    }

    private Set<String> read(String sql) {
        return names(analyze(sql).tablesRead());
    }

    private Set<String> written(String sql) {
        return names(analyze(sql).tablesWritten());
    }

    private static Set<String> names(Set<TableName> tables) {
        return tables.stream().map(TableName::toString).collect(Collectors.toSet());
    }

    @Test
    void joinsOfEveryKind() {
        assertThat(read("SELECT * FROM a JOIN b ON a.id = b.id LEFT JOIN c ON c.id = b.id RIGHT OUTER JOIN d ON true "
                + "FULL JOIN e USING (id) CROSS JOIN f NATURAL JOIN g, h"))
                .containsExactlyInAnyOrder("a", "b", "c", "d", "e", "f", "g", "h");
    }

    @Test
    void subqueriesInEveryClause() {
        assertThat(read("SELECT (SELECT max(x) FROM in_select) FROM (SELECT * FROM in_from) f "
                + "WHERE EXISTS (SELECT 1 FROM in_where) AND f.id IN (SELECT id FROM in_list) "
                + "GROUP BY f.a HAVING count(*) > (SELECT count(*) FROM in_having) "
                + "ORDER BY (SELECT min(y) FROM in_order_by)"))
                .containsExactlyInAnyOrder("in_select", "in_from", "in_where", "in_list", "in_having", "in_order_by");
    }

    @Test
    void subqueriesInJoinConditionsAndFunctionArguments() {
        assertThat(read("SELECT coalesce((SELECT v FROM in_call), 0) FROM a JOIN b ON b.id = (SELECT id FROM in_on)"))
                .containsExactlyInAnyOrder("a", "b", "in_call", "in_on");
    }

    @Test
    void subqueriesOfQuantifiedComparisonsAndArrayConstructors() {
        assertThat(read("SELECT ARRAY(SELECT id FROM in_array) FROM t WHERE a = ALL (SELECT a FROM in_all) "
                + "OR a > ANY (SELECT a FROM in_any) OR a < SOME (SELECT a FROM in_some)"))
                .containsExactlyInAnyOrder("t", "in_array", "in_all", "in_any", "in_some");
    }

    @Test
    void subqueriesInWindowsAndCaseExpressions() {
        assertThat(read("SELECT sum(a) OVER (PARTITION BY (SELECT max(b) FROM in_window)), "
                + "CASE WHEN a > 0 THEN (SELECT 1 FROM in_case) ELSE 0 END FROM t"))
                .containsExactlyInAnyOrder("t", "in_window", "in_case");
    }

    @Test
    void parenthesisedJoinsAndMultiTableWrites() {
        assertThat(read("SELECT * FROM t1 INNER JOIN (t2 JOIN t3 ON t2.id = t3.id) ON t1.id = t2.id"))
                .containsExactlyInAnyOrder("t1", "t2", "t3");
        assertThat(written("UPDATE t1 JOIN t2 ON t1.id = t2.id SET t2.b = 1")).containsExactlyInAnyOrder("t1", "t2");
        assertThat(written("DELETE t1, t2 FROM t1 JOIN t2 ON t1.id = t2.id")).containsExactlyInAnyOrder("t1", "t2");
    }

    @Test
    void setOperations() {
        assertThat(read("SELECT a FROM u1 UNION SELECT a FROM u2 INTERSECT SELECT a FROM u3 EXCEPT SELECT a FROM u4 "
                + "UNION ALL (SELECT a FROM u5)"))
                .containsExactlyInAnyOrder("u1", "u2", "u3", "u4", "u5");
    }

    @Test
    void lateralSubqueriesAndFunctions() {
        assertThat(read("SELECT * FROM t, LATERAL (SELECT * FROM u WHERE u.t_id = t.id) x "
                + "LEFT JOIN LATERAL generate_series(1, t.n) g ON true"))
                .containsExactlyInAnyOrder("t", "u");
    }

    @Test
    void functionsInFromAreNotTables() {
        StatementAnalysis analysis = analyze("SELECT * FROM generate_series(1, 3) g, unnest(?) AS u(x)");
        assertThat(analysis.tablesRead()).isEmpty();
        assertThat(analysis.isCacheable()).isTrue();
    }

    @Test
    void aCteNameIsNotATable() {
        assertThat(read("WITH recent AS (SELECT * FROM orders WHERE d > ?) SELECT * FROM recent JOIN customers c ON true"))
                .containsExactlyInAnyOrder("orders", "customers");
    }

    @Test
    void aCteThatShadowsATableReadsTheTableInItsOwnDefinition() {
        assertThat(read("WITH t AS (SELECT * FROM t) SELECT * FROM t")).containsExactly("t");
        assertThat(read("WITH t AS (SELECT * FROM u) SELECT * FROM t")).containsExactly("u");
    }

    @Test
    void aCteDoesNotHideTheTableOutsideItsScope() {
        assertThat(read("SELECT * FROM (WITH t AS (SELECT * FROM u) SELECT * FROM t) x JOIN t ON true"))
                .containsExactlyInAnyOrder("u", "t");
        assertThat(read("SELECT * FROM t WHERE EXISTS (WITH t AS (SELECT 1) SELECT * FROM t)"))
                .containsExactly("t");
    }

    @Test
    void laterCtesSeeEarlierOnesButNotTheReverse() {
        assertThat(read("WITH a AS (SELECT * FROM b), b AS (SELECT * FROM a) SELECT * FROM b"))
                .containsExactly("b");
    }

    @Test
    void aSchemaQualifiedNameIsNeverACte() {
        assertThat(read("WITH t AS (SELECT 1) SELECT * FROM t, public.t"))
                .containsExactly("public.t");
    }

    @Test
    void aRecursiveCteRefersToItself() {
        assertThat(read("WITH RECURSIVE tree(id) AS (SELECT id FROM nodes WHERE parent IS NULL "
                + "UNION ALL SELECT n.id FROM nodes n JOIN tree ON n.parent = tree.id) SELECT * FROM tree"))
                .containsExactly("nodes");
    }

    @Test
    void writableCtesWriteAndReadTheirTargets() {
        StatementAnalysis analysis = analyze(
                "WITH d AS (DELETE FROM queue WHERE id = ? RETURNING *) INSERT INTO archive SELECT * FROM d");
        assertThat(analysis.kind()).isEqualTo(StatementKind.WRITE);
        assertThat(names(analysis.tablesWritten())).containsExactlyInAnyOrder("queue", "archive");
        assertThat(names(analysis.tablesRead())).containsExactly("queue");
    }

    @Test
    void updateTargetsAreReadAndWrittenAndUpdateFromIsRead() {
        StatementAnalysis analysis = analyze("UPDATE t SET a = u.a FROM u WHERE t.id = u.id");
        assertThat(names(analysis.tablesWritten())).containsExactly("t");
        assertThat(names(analysis.tablesRead())).containsExactlyInAnyOrder("t", "u");
    }

    @Test
    void deleteUsingIsRead() {
        StatementAnalysis analysis = analyze("DELETE FROM t USING u WHERE t.id = u.id AND u.x IN (SELECT x FROM v)");
        assertThat(names(analysis.tablesWritten())).containsExactly("t");
        assertThat(names(analysis.tablesRead())).containsExactlyInAnyOrder("t", "u", "v");
    }

    @Test
    void aPlainInsertDoesNotReadItsTarget() {
        StatementAnalysis analysis = analyze("INSERT INTO t (a, b) VALUES (?, ?)");
        assertThat(names(analysis.tablesWritten())).containsExactly("t");
        assertThat(analysis.tablesRead()).isEmpty();
    }

    @Test
    void insertSelectReadsItsSource() {
        StatementAnalysis analysis = analyze("INSERT INTO t (a) SELECT a FROM s WHERE a > (SELECT min(a) FROM m)");
        assertThat(names(analysis.tablesWritten())).containsExactly("t");
        assertThat(names(analysis.tablesRead())).containsExactlyInAnyOrder("s", "m");
    }

    @Test
    void upsertsReadTheirTarget() {
        assertThat(read("INSERT INTO t (a) VALUES (1) ON CONFLICT (a) DO UPDATE SET b = excluded.b")).containsExactly("t");
        assertThat(read("INSERT INTO t (a) VALUES (1) ON CONFLICT DO NOTHING")).isEmpty();
        StatementAnalysis h2 = analyze("MERGE INTO T KEY (ID) VALUES (1, 'x')", Dialect.H2);
        assertThat(h2.kind()).isEqualTo(StatementKind.WRITE);
        assertThat(names(h2.tablesWritten())).containsExactly("T");
        assertThat(names(h2.tablesRead())).containsExactly("T");
    }

    @Test
    void mergeReadsItsSourceAndItsTarget() {
        StatementAnalysis analysis = analyze("MERGE INTO t USING (SELECT * FROM s) src ON t.id = src.id "
                + "WHEN MATCHED THEN UPDATE SET v = src.v WHEN NOT MATCHED THEN INSERT (id, v) VALUES (src.id, src.v)");
        assertThat(names(analysis.tablesWritten())).containsExactly("t");
        assertThat(names(analysis.tablesRead())).containsExactlyInAnyOrder("t", "s");
    }

    @Test
    void truncateWritesEveryTable() {
        assertThat(written("TRUNCATE a, b")).containsExactlyInAnyOrder("a", "b");
        assertThat(written("TRUNCATE TABLE s.c")).containsExactly("s.c");
    }

    @Test
    void ddlTargetsAreWritten() {
        assertThat(written("CREATE INDEX i ON t (a)")).containsExactly("t");
        assertThat(written("DROP TABLE a, b")).containsExactlyInAnyOrder("a", "b");
        assertThat(written("ALTER TABLE t ADD COLUMN c int")).containsExactly("t");
        assertThat(written("COMMENT ON TABLE t IS 'x'")).containsExactly("t");
        assertThat(written("GRANT SELECT ON TABLE t TO bob")).containsExactly("t");
        assertThat(written("REFRESH MATERIALIZED VIEW mv")).containsExactly("mv");
        StatementAnalysis view = analyze("CREATE VIEW v AS SELECT * FROM t JOIN u ON true");
        assertThat(names(view.tablesWritten())).containsExactly("v");
        assertThat(names(view.tablesRead())).containsExactlyInAnyOrder("t", "u");
    }

    @Test
    void selectIntoAndCreateTableAsWriteTheNewTable() {
        StatementAnalysis selectInto = analyze("SELECT * INTO copy FROM t");
        assertThat(selectInto.kind()).isEqualTo(StatementKind.WRITE);
        assertThat(names(selectInto.tablesWritten())).containsExactly("copy");
        StatementAnalysis createAs = analyze("CREATE TABLE copy AS SELECT * FROM t");
        assertThat(createAs.kind()).isEqualTo(StatementKind.WRITE);
        assertThat(names(createAs.tablesWritten())).containsExactly("copy");
        assertThat(names(createAs.tablesRead())).containsExactly("t");
    }

    @Test
    void copyFromWritesAndCopyToReads() {
        assertThat(written("COPY t (a, b) FROM STDIN")).containsExactly("t");
        assertThat(read("COPY s.t TO STDOUT")).containsExactly("s.t");
        assertThat(read("COPY (SELECT * FROM t JOIN u ON true) TO STDOUT")).containsExactlyInAnyOrder("t", "u");
    }

    @Test
    void postgresqlAndGenericFoldUnquotedNamesToLowerCase() {
        assertThat(read("SELECT * FROM Public.Orders JOIN \"Mixed\".\"Case\" ON true"))
                .containsExactlyInAnyOrder("public.orders", "Mixed.Case");
        assertThat(names(analyze("SELECT * FROM Sales.Orders", Dialect.GENERIC).tablesRead()))
                .containsExactly("sales.orders");
    }

    @Test
    void h2FoldsUnquotedNamesToUpperCase() {
        StatementAnalysis analysis = analyze("SELECT * FROM public.orders o JOIN \"lower\" l ON true", Dialect.H2);
        assertThat(analysis.tablesRead()).containsExactlyInAnyOrder(TableName.of("PUBLIC", "ORDERS"), TableName.of("lower"));
    }

    @Test
    void catalogSchemaAndNameAreKeptApart() {
        assertThat(analyze("SELECT * FROM db.sch.tab").tablesRead())
                .containsExactly(new TableName("db", "sch", "tab"));
    }

    @Test
    void theSameTableWrittenTwoWaysMatchesForInvalidation() {
        TableName quoted = analyze("SELECT * FROM \"Orders\"").tablesRead().iterator().next();
        TableName qualified = analyze("UPDATE sales.orders SET a = 1").tablesWritten().iterator().next();
        assertThat(quoted.mayBeSameTable(qualified)).isTrue();
    }

    @Test
    void tablesNamedByWordsTheParserReservesAreFound() {
        assertThat(names(analyze("SELECT * FROM Orders o WHERE EXISTS (SELECT 1 FROM Returns r WHERE r.order_id = o.id)",
                Dialect.GENERIC).tablesRead())).containsExactlyInAnyOrder("orders", "returns");
        assertThat(read("SELECT s.value FROM app.settings s")).containsExactly("app.settings");
        assertThat(names(analyze("SELECT * FROM Returns", Dialect.H2).tablesRead())).containsExactly("RETURNS");
    }

    @Test
    void theStringATrimTakesFromIsFollowed() {
        assertThat(read("SELECT trim(both FROM (SELECT name FROM in_trim)) FROM t")).containsExactlyInAnyOrder("t", "in_trim");
    }

    @Test
    void tablesInsideAnOuterJoinEscapeAreRead() {
        assertThat(read("SELECT o.id FROM {oj orders o LEFT OUTER JOIN customer c ON c.id = o.customer_id} WHERE o.id = ?"))
                .containsExactlyInAnyOrder("orders", "customer");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "TABLE t2",
            "TABLE ONLY t2",
            "SELECT count(*) FROM (TABLE t2) x",
            "SELECT * FROM t1 JOIN (TABLE t2) y ON true",
            "SELECT * FROM t1, LATERAL (TABLE t2) y",
            "SELECT ARRAY(TABLE t2)",
            "SELECT ARRAY(TABLE t2 ORDER BY 1 LIMIT 3)",
            "SELECT (TABLE t2)",
            "SELECT ROW((TABLE t2))",
            "VALUES ((TABLE t2))",
            "SELECT * FROM t1 WHERE a IN (TABLE t2)",
            "SELECT * FROM t1 WHERE (a, b) IN (TABLE t2)",
            "SELECT * FROM t1 WHERE EXISTS (TABLE t2)",
            "SELECT a = ANY (TABLE t2) FROM t1",
            "SELECT * FROM t1 WHERE a > ALL (TABLE t2)",
            "WITH x AS (TABLE t2) SELECT * FROM x",
            "WITH x AS MATERIALIZED (TABLE t2) SELECT * FROM x",
            "TABLE t1 UNION TABLE t2",
            "SELECT * FROM t1 UNION ALL TABLE t2",
            "SELECT * FROM t1 EXCEPT (TABLE t2)",
            "(TABLE t2)",
            "TABLE public.t2",
            "TABLE \"t2\""})
    void aTableQueryIsReadWhereverAQueryMayStand(String sql) {
        StatementAnalysis analysis = analyze(sql);
        assertThat(analysis.kind()).isEqualTo(StatementKind.QUERY);
        assertThat(analysis.tablesRead()).as(sql).anySatisfy(table -> assertThat(table.name()).isEqualTo("t2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "INSERT INTO t1 TABLE t2",
            "INSERT INTO t1 (a, b) TABLE t2",
            "INSERT INTO t1 (TABLE t2)",
            "INSERT INTO t1 OVERRIDING SYSTEM VALUE TABLE t2",
            "INSERT INTO t1 SELECT * FROM t3 UNION TABLE t2",
            "WITH x AS (TABLE t2) INSERT INTO t1 SELECT * FROM x",
            "UPDATE t1 SET a = 1 WHERE b IN (TABLE t2)",
            "DELETE FROM t1 WHERE b IN (TABLE t2)"})
    void aWriteReadsWhatItsTableQueriesName(String sql) {
        StatementAnalysis analysis = analyze(sql);
        assertThat(analysis.kind()).isEqualTo(StatementKind.WRITE);
        assertThat(names(analysis.tablesWritten())).contains("t1");
        assertThat(names(analysis.tablesRead())).as(sql).contains("t2");
    }

    @Test
    void createTableAsATableQueryReadsItsSource() {
        StatementAnalysis analysis = analyze("CREATE TABLE t3 AS TABLE t2");
        assertThat(names(analysis.tablesWritten())).containsExactly("t3");
        assertThat(names(analysis.tablesRead())).containsExactly("t2");
    }

    @Test
    void theWordTableOfDefinitionsIsNoQuery() {
        assertThat(written("TRUNCATE TABLE t2")).containsExactly("t2");
        assertThat(written("CREATE TEMP TABLE IF NOT EXISTS t2 AS SELECT 1")).containsExactly("t2");
    }

    @Test
    void aTableQueryInH2IsRead() {
        assertThat(names(analyze("SELECT COUNT(*) FROM (TABLE T2) X", Dialect.H2).tablesRead())).containsExactly("T2");
    }
}
