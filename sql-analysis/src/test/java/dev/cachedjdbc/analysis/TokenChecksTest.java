package dev.cachedjdbc.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenChecksTest {

    private static TokenRange tokens(String sql) {
        return SqlLexer.lex(sql, Dialect.POSTGRESQL).statements().get(0);
    }

    @Test
    void countsSelectKeywordsOutsideQuotedText() {
        assertThat(TokenChecks.selectKeywords(tokens("SELECT 'select', \"select\" FROM t WHERE x IN (select 1) -- select")))
                .isEqualTo(2);
    }

    @Test
    void aWalkThatMissedAQueryBlockMakesTheStatementUnanalyzable() {
        TokenRange statement = tokens("SELECT * FROM t WHERE a IN (SELECT a FROM u)");
        Findings findings = Findings.of(StatementKind.QUERY);
        findings.plainSelects = 1;
        assertThat(findings.plainSelects).isLessThan(TokenChecks.selectKeywords(statement));
        BoundedParser.Outcome parsed =
                BoundedParser.parse(ParserInput.of(statement, false).sql(), BoundedParser.Deadline.after(1_000_000_000L));
        Findings complete = StatementWalker.walk(parsed.statement(), Dialect.POSTGRESQL, statement);
        assertThat(complete.plainSelects).isEqualTo(2);
    }

    @Test
    void findsLockingClauses() {
        assertThat(TokenChecks.lockingClause(tokens("SELECT * FROM t FOR NO KEY UPDATE NOWAIT"))).isEqualTo("FOR NO KEY UPDATE");
        assertThat(TokenChecks.lockingClause(tokens("SELECT * FROM t LOCK IN SHARE MODE"))).isEqualTo("LOCK IN SHARE MODE");
        assertThat(TokenChecks.lockingClause(tokens("SELECT 'FOR UPDATE' FROM t"))).isNull();
    }

    @Test
    void callsTheWalkMissedAreJudgedByName() {
        Findings findings = Findings.of(StatementKind.QUERY);
        TokenChecks.checkCalls(tokens("SELECT upper(a), mystery(b), now() FROM t"), Dialect.POSTGRESQL, findings);
        assertThat(findings.unknownFunctionDetail).isEqualTo("mystery()");
        assertThat(findings.volatileDetail).isEqualTo("now()");
        assertThat(findings.writesUnknownTables).isTrue();
    }

    @Test
    void keywordsTypesAndNamesTheStatementDefinesAreNotCalls() {
        Findings findings = Findings.of(StatementKind.QUERY);
        findings.localNames.add("x");
        TokenChecks.checkCalls(tokens("WITH x(a) AS (SELECT 1) SELECT cast(a AS numeric(10, 2)), a::varchar(3) "
                + "FROM x WHERE a IN (1) AND EXISTS (SELECT 1) OR a = ANY (ARRAY[1]) GROUP BY ROLLUP (a)"),
                Dialect.POSTGRESQL, findings);
        assertThat(findings.unknownFunctionDetail).isNull();
        assertThat(findings.volatileDetail).isNull();
    }

    private static Findings reading(String... tables) {
        Findings findings = Findings.of(StatementKind.QUERY);
        for (String table : tables) {
            findings.read.add(TableName.of(table));
        }
        return findings;
    }

    @Test
    void aTableNamedAfterFromOrJoinThatTheWalkDidNotMeetIsReported() {
        assertThat(TokenChecks.tableTheWalkMissed(tokens("SELECT * FROM t JOIN u ON true"), Dialect.POSTGRESQL,
                reading("t"))).isEqualTo("u");
        assertThat(TokenChecks.tableTheWalkMissed(tokens("SELECT * FROM t JOIN s.u ON true"), Dialect.POSTGRESQL,
                reading("t"))).isEqualTo("s.u");
        assertThat(TokenChecks.tableTheWalkMissed(tokens("SELECT * FROM \"T\""), Dialect.POSTGRESQL,
                reading("u"))).isEqualTo("\"T\"");
        assertThat(TokenChecks.tableTheWalkMissed(tokens("SELECT * FROM t JOIN u ON true"), Dialect.POSTGRESQL,
                reading("t", "u"))).isNull();
    }

    @Test
    void aTableQueryTheWalkDidNotMeetIsReported() {
        assertThat(TokenChecks.tableTheWalkMissed(tokens("SELECT count(*) FROM (TABLE t2) x"), Dialect.POSTGRESQL,
                reading("table"))).isEqualTo("t2");
        assertThat(TokenChecks.tableTheWalkMissed(tokens("SELECT ARRAY(TABLE ONLY t2)"), Dialect.POSTGRESQL,
                reading())).isEqualTo("t2");
        assertThat(TokenChecks.tableTheWalkMissed(tokens("SELECT ARRAY(TABLE t2)"), Dialect.POSTGRESQL,
                reading("t2"))).isNull();
    }

    @Test
    void aSourceAfterUsingTheWalkDidNotMeetIsReported() {
        Findings findings = reading("t");
        findings.written.add(TableName.of("t"));
        assertThat(TokenChecks.tableTheWalkMissed(tokens("DELETE FROM ONLY t USING u WHERE t.id = u.id"),
                Dialect.POSTGRESQL, findings)).isEqualTo("u");
        assertThat(TokenChecks.tableTheWalkMissed(tokens("SELECT * FROM t JOIN v USING (id)"),
                Dialect.POSTGRESQL, reading("t", "v"))).isNull();
    }

    @Test
    void cteNamesFunctionsAndTheFromOfExpressionsNeedNoTable() {
        Findings findings = reading("t");
        findings.cteKeys.add(TableKey.of("x"));
        assertThat(TokenChecks.tableTheWalkMissed(tokens("WITH x AS (SELECT 1) SELECT extract(year FROM d), "
                + "substring(s FROM 2 FOR 1), trim(both FROM s), overlay(s placing 'a' FROM 2), a IS DISTINCT FROM b, "
                + "a IS NOT DISTINCT FROM c FROM t JOIN x ON true CROSS JOIN generate_series(1, 3) g, "
                + "LATERAL unnest(t.arr) JOIN LATERAL (SELECT 1 FROM x) y ON true"), Dialect.POSTGRESQL, findings))
                .isNull();
        assertThat(TokenChecks.tableTheWalkMissed(tokens("SELECT * FROM TABLE(X INT = (1, 2))"), Dialect.H2,
                reading())).isNull();
    }
}
