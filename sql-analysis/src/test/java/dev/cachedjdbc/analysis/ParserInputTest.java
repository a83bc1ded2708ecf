package dev.cachedjdbc.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ParserInputTest {

    private static String input(String sql) {
        TokenRange statement = SqlLexer.lex(sql, Dialect.POSTGRESQL).statements().get(0);
        return ParserInput.of(statement, ParserInput.isH2StyleMerge(statement)).sql();
    }

    private static String quotedInput(String sql, Dialect dialect) {
        TokenRange statement = SqlLexer.lex(sql, dialect).statements().get(0);
        return ParserInput.withParserOnlyKeywordsQuoted(statement, false).sql();
    }

    private static boolean valuesAsWritten(String sql) {
        TokenRange statement = SqlLexer.lex(sql, Dialect.POSTGRESQL).statements().get(0);
        return ParserInput.of(statement, false).valuesAsWritten();
    }

    @Test
    void tellsWhetherTheInputKeepsEveryLiteralAndPlaceholderInPlace() {
        assertThat(valuesAsWritten("SELECT * FROM t WHERE id IN (1, 2, 3) AND b = ? /* ? */ AND c = '?'")).isTrue();
        assertThat(valuesAsWritten("SELECT * FROM t WHERE d = {d '2024-01-31'} AND e = {fn abs(?)} AND f = ?")).isTrue();
        assertThat(valuesAsWritten("SELECT * FROM t WHERE id IN (1, 2, 3, 4, 5, 6, 7, 8, 9, 10) AND b = ?")).isTrue();
        assertThat(valuesAsWritten("SELECT greatest(1, 2, 3, 4, 5, 6, 7, 8, 9, 10) FROM t WHERE b = ?")).isFalse();
        assertThat(valuesAsWritten("INSERT INTO t (a) VALUES (?), (?), (?), (?), (?), (?), (?), (?), (?)")).isFalse();
        assertThat(valuesAsWritten("SELECT * FROM t WHERE doc ?? 'key' AND id = ?")).isFalse();
    }

    @Test
    void longInListsAreCutToOnePlaceholderThatStandsForTheList() {
        assertThat(input("SELECT * FROM t WHERE id IN (1, 2, 3, 4, 5, 6, 7, 8, 9, 10) AND b = ?"))
                .isEqualTo("SELECT * FROM t WHERE id IN (?) AND b = ?");
        assertThat(input("SELECT * FROM t WHERE id IN (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"))
                .isEqualTo("SELECT * FROM t WHERE id IN (?)");
        TokenRange statement = SqlLexer.lex("SELECT * FROM t WHERE a = ? AND id IN (?, 2, ?, 'x''y', 5, 6, 7, ?, 9) "
                + "AND c IN (1, 2, 3, 4, 5, 6, 7, 8, NULL)", Dialect.POSTGRESQL).statements().get(0);
        assertThat(ParserInput.of(statement, false).cutLists()).containsExactly(
                new ParserInput.CutList(1, 3, List.of(new RowKeyValue.Parameter(2), new RowKeyValue.IntegerLiteral(2),
                        new RowKeyValue.Parameter(3), new RowKeyValue.TextLiteral("x'y"),
                        new RowKeyValue.IntegerLiteral(5), new RowKeyValue.IntegerLiteral(6),
                        new RowKeyValue.IntegerLiteral(7), new RowKeyValue.Parameter(4),
                        new RowKeyValue.IntegerLiteral(9))),
                new ParserInput.CutList(4, 0, null));
    }

    @Test
    void longListsOfLiteralsElsewhereAreCutToTheirFirstElement() {
        assertThat(input("SELECT greatest(1, 2, 3, 4, 5, 6, 7, 8, 9, 10) FROM t"))
                .isEqualTo("SELECT greatest(1) FROM t");
    }

    @Test
    void shortListsAndListsWithExpressionsAreKept() {
        assertThat(input("SELECT * FROM t WHERE id IN (1, 2, 3)")).isEqualTo("SELECT * FROM t WHERE id IN (1, 2, 3)");
        String withCall = "SELECT * FROM t WHERE id IN (1, 2, 3, 4, 5, 6, 7, 8, 9, f(10))";
        assertThat(input(withCall)).isEqualTo(withCall);
        String withSubquery = "SELECT * FROM t WHERE id IN (1, 2, 3, 4, 5, 6, 7, 8, 9, (SELECT 1 FROM u))";
        assertThat(input(withSubquery)).isEqualTo(withSubquery);
    }

    @Test
    void longValuesListsAreCutToTheirFirstRow() {
        StringBuilder sql = new StringBuilder("INSERT INTO t (a, b) VALUES ");
        for (int i = 0; i < 20; i++) {
            sql.append(i == 0 ? "" : ", ").append("(").append(i).append(", 'x')");
        }
        assertThat(input(sql + " RETURNING id")).isEqualTo("INSERT INTO t (a, b) VALUES (0, 'x') RETURNING id");
    }

    @Test
    void postgresqlOnlyStringsBecomeStandardStrings() {
        assertThat(input("SELECT E'it\\'s', $q$a'b$q$, $$c$$")).isEqualTo("SELECT 'it''s', 'a''b', 'c'");
    }

    @Test
    void escapedQuestionMarksBecomeTheOperatorTheyStandFor() {
        assertThat(input("SELECT * FROM t WHERE j ??| array['a'] AND k ?? 'b'"))
                .isEqualTo("SELECT * FROM t WHERE j ?| array['a'] AND k ? 'b'");
    }

    @Test
    void commentsAndHintsAreLeftOut() {
        assertThat(input("SELECT /*+ SeqScan(t) */ a /* why */ FROM t -- end")).isEqualTo("SELECT a FROM t");
        assertThat(input("SELECT/*+ SeqScan(t) */a FROM t")).isEqualTo("SELECT a FROM t");
    }

    @Test
    void h2MergeBecomesAnInsert() {
        assertThat(input("MERGE INTO t (id, v) KEY (id) VALUES (1, 2)")).isEqualTo("INSERT INTO t (id, v) VALUES (1, 2)");
        assertThat(input("MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE"))
                .startsWith("MERGE INTO t USING s");
    }

    @Test
    void jdbcEscapesBecomeWhatTheJdbcDriverSendsInTheirPlace() {
        assertThat(input("SELECT o.id FROM {oj orders o LEFT OUTER JOIN customer c ON c.id = o.customer_id} WHERE o.id = ?"))
                .isEqualTo("SELECT o.id FROM orders o LEFT OUTER JOIN customer c ON c.id = o.customer_id WHERE o.id = ?");
        assertThat(input("SELECT {fn ucase({fn ltrim(name)})} FROM t"))
                .isEqualTo("SELECT ucase( ltrim(name) ) FROM t");
        assertThat(input("SELECT * FROM t WHERE d >= {d '2024-01-01'} AND t < {t '10:00:00'} AND s < {ts '2024-01-01 10:00:00'}"))
                .isEqualTo("SELECT * FROM t WHERE d >= DATE '2024-01-01' AND t < TIME '10:00:00'"
                        + " AND s < TIMESTAMP '2024-01-01 10:00:00'");
        assertThat(input("SELECT * FROM t WHERE name LIKE ? {escape '\\'} {limit 10}"))
                .isEqualTo("SELECT * FROM t WHERE name LIKE ? ESCAPE '\\' LIMIT 10");
    }

    @Test
    void clausesThatDoNotChangeWhichTablesAreTouchedAreLeftOut() {
        assertThat(input("TRUNCATE a, b RESTART IDENTITY CASCADE")).isEqualTo("TRUNCATE a, b CASCADE");
        assertThat(input("TRUNCATE a CONTINUE IDENTITY")).isEqualTo("TRUNCATE a");
        assertThat(input("SELECT id INTO TEMPORARY TABLE recent FROM orders")).isEqualTo("SELECT id INTO recent FROM orders");
        assertThat(input("SELECT id INTO LOCAL TEMP recent FROM orders")).isEqualTo("SELECT id INTO recent FROM orders");
        assertThat(input("SELECT id INTO UNLOGGED recent FROM orders")).isEqualTo("SELECT id INTO recent FROM orders");
        assertThat(input("INSERT INTO temp (id) VALUES (1)")).isEqualTo("INSERT INTO temp (id) VALUES (1)");
    }

    @Test
    void wordsOnlyJSqlParserReservesAreQuotedWhereTheyNameATable() {
        assertThat(quotedInput("SELECT r.id FROM Returns r JOIN s.Settings x ON x.id = r.id", Dialect.GENERIC))
                .isEqualTo("SELECT r.id FROM \"returns\" r JOIN s.\"settings\" x ON x.id = r.id");
        assertThat(quotedInput("SELECT * FROM returns", Dialect.H2)).isEqualTo("SELECT * FROM \"RETURNS\"");
        assertThat(quotedInput("SELECT * FROM orders ORDER BY id", Dialect.POSTGRESQL))
                .isEqualTo("SELECT * FROM orders ORDER BY id");
    }
}
