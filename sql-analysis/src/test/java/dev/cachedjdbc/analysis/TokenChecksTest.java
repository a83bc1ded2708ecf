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
        Findings complete = StatementWalker.walk(
                BoundedParser.parse(ParserInput.of(statement, false).sql(), System.nanoTime() + 1_000_000_000L).statement(),
                Dialect.POSTGRESQL, statement);
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
}
