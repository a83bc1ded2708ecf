package dev.cachedjdbc.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CacheabilityTest {

    private final SqlAnalyzer analyzer = UnhurriedAnalyzer.create();

    private StatementAnalysis postgres(String sql) {
        return analyzer.analyze(sql, Dialect.POSTGRESQL);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT o1_0.id, o1_0.total FROM orders o1_0 JOIN customer c1_0 ON c1_0.id = o1_0.customer_id "
                    + "WHERE c1_0.email = ? ORDER BY o1_0.id FETCH FIRST ? ROWS ONLY",
            "SELECT upper(name), lower(name), coalesce(a, b), nullif(a, 0), greatest(a, b), least(a, b) FROM t",
            "SELECT count(*), sum(a), avg(a), min(a), max(a), string_agg(s, ','), array_agg(a ORDER BY b) FROM t",
            "SELECT abs(a), round(a, 2), length(s), substring(s FROM 1 FOR 3), trim(s), concat(a, b) FROM t",
            "SELECT cast(a AS int), a::text, extract(year FROM d), date_trunc('day', d) FROM t",
            "SELECT row_number() OVER (PARTITION BY a ORDER BY b), rank() OVER w FROM t WINDOW w AS (ORDER BY a)",
            "SELECT data->>'name', data->'tags', jsonb_array_length(data->'tags') FROM docs WHERE data @> ?::jsonb",
            "SELECT pg_catalog.upper(name) FROM t",
            "SELECT * FROM t WHERE a = ANY(?) AND b IN (1, 2, 3) GROUP BY ROLLUP(a)"})
    void queriesCallingOnlyDeterministicFunctionsAreCacheable(String sql) {
        StatementAnalysis analysis = postgres(sql);
        assertThat(analysis.cacheability()).as(analysis.cacheabilityReason()).isEqualTo(Cacheability.CACHEABLE);
        assertThat(analysis.writes()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT now()", "SELECT * FROM t WHERE d > current_timestamp", "SELECT current_date",
            "SELECT localtimestamp", "SELECT clock_timestamp()", "SELECT random()", "SELECT gen_random_uuid()",
            "SELECT nextval('s')", "SELECT currval('s')", "SELECT setval('s', 1)", "SELECT pg_sleep(1)",
            "SELECT pg_advisory_lock(1)", "SELECT pg_try_advisory_xact_lock(1)", "SELECT current_setting('x')",
            "SELECT txid_current()", "SELECT * FROM t WHERE owner = current_user", "SELECT NEXT VALUE FOR s",
            "SELECT * FROM current_date", "SELECT d FROM localtimestamp AS d", "SELECT * FROM t JOIN current_user u ON true"})
    void volatileFunctionsPreventCachingButWriteNothing(String sql) {
        StatementAnalysis analysis = postgres(sql);
        assertThat(analysis.cacheability()).isEqualTo(Cacheability.VOLATILE_FUNCTION);
        assertThat(analysis.kind()).isEqualTo(StatementKind.QUERY);
        assertThat(analysis.writesUnknownTables()).isFalse();
    }

    @Test
    void theDetailNamesTheCulprit() {
        assertThat(postgres("SELECT a FROM t WHERE d < now()").cacheabilityDetail()).isEqualTo("now()");
        assertThat(postgres("SELECT a FROM t FOR UPDATE").cacheabilityReason()).contains("FOR UPDATE");
        assertThat(postgres("SELECT * FROM pg_catalog.pg_class").cacheabilityDetail()).isEqualTo("pg_catalog.pg_class");
    }

    @Test
    void h2AndGenericHaveTheirOwnVolatileFunctions() {
        assertThat(analyzer.analyze("SELECT RAND()", Dialect.H2).cacheability()).isEqualTo(Cacheability.VOLATILE_FUNCTION);
        assertThat(analyzer.analyze("SELECT RANDOM_UUID()", Dialect.H2).cacheability()).isEqualTo(Cacheability.VOLATILE_FUNCTION);
        assertThat(analyzer.analyze("SELECT getdate()", Dialect.GENERIC).cacheability())
                .isEqualTo(Cacheability.VOLATILE_FUNCTION);
        assertThat(analyzer.analyze("SELECT UPPER(NAME) FROM T", Dialect.H2).isCacheable()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT my_function(a) FROM t", "SELECT * FROM t WHERE app.is_visible(t.id)",
            "SELECT * FROM my_set_returning_function(1)", "SELECT lo_import('/tmp/x')",
            "SELECT (SELECT audit_and_return(id)) FROM t"})
    void unknownFunctionsMayWriteAnything(String sql) {
        StatementAnalysis analysis = postgres(sql);
        assertThat(analysis.cacheability()).isEqualTo(Cacheability.VOLATILE_FUNCTION);
        assertThat(analysis.writesUnknownTables()).isTrue();
    }

    @Test
    void aFunctionHiddenWhereTheTreeWalkDoesNotLookIsStillFound() {
        StatementAnalysis analysis = postgres("SELECT sum(a) OVER (ORDER BY my_rank(b)) FROM t");
        assertThat(analysis.isCacheable()).isFalse();
        assertThat(analysis.writesUnknownTables()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT * FROM t FOR UPDATE", "SELECT * FROM t FOR SHARE", "SELECT * FROM t FOR NO KEY UPDATE",
            "SELECT * FROM t FOR KEY SHARE", "SELECT * FROM t FOR UPDATE SKIP LOCKED",
            "SELECT * FROM t WHERE id IN (SELECT id FROM u FOR UPDATE)",
            "SELECT * FROM (SELECT * FROM u FOR SHARE) x"})
    void lockingReadsAreNotCached(String sql) {
        StatementAnalysis analysis = postgres(sql);
        assertThat(analysis.cacheability()).isEqualTo(Cacheability.LOCKING_READ);
        assertThat(analysis.writes()).isFalse();
    }

    @Test
    void randomSamplesAreNotCachedUnlessRepeatable() {
        assertThat(postgres("SELECT * FROM t TABLESAMPLE SYSTEM (10)").cacheability())
                .isEqualTo(Cacheability.VOLATILE_FUNCTION);
        assertThat(postgres("SELECT * FROM t TABLESAMPLE SYSTEM (10) REPEATABLE (42)").isCacheable()).isTrue();
    }

    @Test
    void systemCatalogsAreNotCached() {
        assertThat(postgres("SELECT * FROM pg_catalog.pg_class").cacheability()).isEqualTo(Cacheability.SYSTEM_CATALOG);
        assertThat(postgres("SELECT * FROM pg_stat_activity").cacheability()).isEqualTo(Cacheability.SYSTEM_CATALOG);
        assertThat(postgres("SELECT * FROM information_schema.tables").cacheability()).isEqualTo(Cacheability.SYSTEM_CATALOG);
        assertThat(analyzer.analyze("SELECT * FROM INFORMATION_SCHEMA.TABLES", Dialect.H2).cacheability())
                .isEqualTo(Cacheability.SYSTEM_CATALOG);
        assertThat(analyzer.analyze("SELECT * FROM information_schema.columns", Dialect.GENERIC).cacheability())
                .isEqualTo(Cacheability.SYSTEM_CATALOG);
        assertThat(postgres("SELECT * FROM app.pages").isCacheable()).isTrue();
    }

    @Test
    void writesAreNeverCacheable() {
        assertThat(postgres("WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d").cacheability())
                .isEqualTo(Cacheability.WRITES);
        assertThat(postgres("UPDATE t SET a = 1 RETURNING *").cacheability()).isEqualTo(Cacheability.WRITES);
    }

    @Test
    void nothingIsCacheableWithoutASuccessfulParse() {
        StatementAnalysis analysis = postgres("SELECT a FROM t WHERE a = = 1");
        assertThat(analysis.cacheability()).isEqualTo(Cacheability.UNANALYZABLE);
        assertThat(analysis.kind()).isEqualTo(StatementKind.UNKNOWN);
        assertThat(analysis.writesUnknownTables()).isTrue();
        assertThat(analysis.cacheabilityDetail()).isNotEmpty();
    }

    @Test
    void genericTextsWithAmbiguousQuotingAreNotAnalysed() {
        StatementAnalysis analysis = analyzer.analyze("SELECT * FROM t WHERE a = 'it\\'s'", Dialect.GENERIC);
        assertThat(analysis.cacheability()).isEqualTo(Cacheability.UNANALYZABLE);
        assertThat(analysis.writesUnknownTables()).isTrue();
    }

    @Test
    void postgresqlEscapeAndDollarStringsAreRead() {
        StatementAnalysis analysis = postgres("SELECT * FROM t WHERE a = E'it\\'s' OR a = $q$it's$q$");
        assertThat(analysis.isCacheable()).isTrue();
        assertThat(analysis.tablesRead()).containsExactly(TableName.of("t"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT {fn ucase(name)} FROM t WHERE d > {d '2024-01-01'}",
            "SELECT * FROM t WHERE at < {ts '2024-06-30 23:59:59'} OR at < {t '10:00:00'}",
            "SELECT a.id FROM {oj a LEFT OUTER JOIN b ON b.id = a.id}",
            "SELECT id FROM t WHERE name LIKE ? {escape '\\'}",
            "SELECT id FROM t ORDER BY id {limit 10}",
            "SELECT {fn dayofweek(d)}, {fn timestampadd(SQL_TSI_DAY, 1, d)} FROM t"})
    void jdbcEscapesInQueriesAreRead(String sql) {
        StatementAnalysis analysis = postgres(sql);
        assertThat(analysis.cacheability()).as(analysis.cacheabilityReason()).isEqualTo(Cacheability.CACHEABLE);
    }

    @Test
    void aFunctionCalledThroughAnEscapeIsJudgedAsTheFunctionTheDriverSends() {
        StatementAnalysis clock = postgres("SELECT {fn curdate()}, {fn rand()} FROM t");
        assertThat(clock.cacheability()).isEqualTo(Cacheability.VOLATILE_FUNCTION);
        assertThat(clock.writesUnknownTables()).isFalse();
        StatementAnalysis unescaped = postgres("SELECT {fn dayofweek(d)}, dayofweek(d) FROM t");
        assertThat(unescaped.cacheability()).as("PostgreSQL has no dayofweek: written plainly it is a user's function")
                .isEqualTo(Cacheability.VOLATILE_FUNCTION);
        assertThat(unescaped.writesUnknownTables()).isTrue();
    }

    @Test
    void trimWithoutCharactersToTrimIsCacheable() {
        StatementAnalysis analysis = postgres("SELECT id FROM customer WHERE lower(trim(both FROM email)) = ?");
        assertThat(analysis.cacheability()).as(analysis.cacheabilityReason()).isEqualTo(Cacheability.CACHEABLE);
    }

    @Test
    void postgresqlJsonOperatorsWrittenWithTheJdbcEscapeAreRead() {
        StatementAnalysis analysis = postgres("SELECT * FROM docs WHERE tags ??| array['a'] AND body ?? 'k' AND id = ?");
        assertThat(analysis.isCacheable()).isTrue();
        assertThat(analysis.parameterCount()).isEqualTo(1);
    }
}
