package dev.cachedjdbc.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class AnalysisCachingTest {

    @Test
    void theSameTextReturnsTheSameInstance() {
        SqlAnalyzer analyzer = new SqlAnalyzer();
        String sql = "SELECT id, name FROM customers WHERE id = ?";
        StatementAnalysis first = analyzer.analyze(sql, Dialect.POSTGRESQL);
        assertThat(analyzer.analyze(new String(sql.toCharArray()), Dialect.POSTGRESQL)).isSameAs(first);
    }

    @Test
    void eachDialectHasItsOwnAnalysis() {
        SqlAnalyzer analyzer = new SqlAnalyzer();
        String sql = "SELECT * FROM customers";
        assertThat(analyzer.analyze(sql, Dialect.POSTGRESQL).tablesRead()).containsExactly(TableName.of("customers"));
        assertThat(analyzer.analyze(sql, Dialect.H2).tablesRead()).containsExactly(TableName.of("CUSTOMERS"));
    }

    @Test
    void textsThatDifferOnlyInLayoutShareTheKeyButAreAnalysedSeparately() {
        SqlAnalyzer analyzer = new SqlAnalyzer();
        StatementAnalysis compact = analyzer.analyze("select * from t", Dialect.POSTGRESQL);
        StatementAnalysis spaced = analyzer.analyze("SELECT *\n  FROM t", Dialect.POSTGRESQL);
        assertThat(compact.normalizedSql()).isEqualTo(spaced.normalizedSql());
    }

    @Test
    void withoutACacheEveryCallAnalysesAgain() {
        SqlAnalyzer analyzer = new SqlAnalyzer(SqlAnalyzer.DEFAULT_PARSE_TIMEOUT, 0);
        StatementAnalysis first = analyzer.analyze("SELECT 1", Dialect.H2);
        StatementAnalysis second = analyzer.analyze("SELECT 1", Dialect.H2);
        assertThat(second).isEqualTo(first).isNotSameAs(first);
    }

    @Test
    void concurrentCallersOfANewTextShareOneAnalysis() throws Exception {
        SqlAnalyzer analyzer = new SqlAnalyzer();
        String sql = "SELECT o.id FROM orders o JOIN lines l ON l.order_id = o.id WHERE o.customer = ? ORDER BY o.id";
        int callers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<StatementAnalysis>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                Callable<StatementAnalysis> call = () -> {
                    start.await();
                    return analyzer.analyze(sql, Dialect.POSTGRESQL);
                };
                results.add(pool.submit(call));
            }
            start.countDown();
            StatementAnalysis first = results.get(0).get();
            for (Future<StatementAnalysis> result : results) {
                assertThat(result.get()).isSameAs(first);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aVerdictForAParseThatRanOutOfTimeIsRetriedLater() {
        AtomicLong nanos = new AtomicLong();
        String slow = RobustnessTest.orChain(250_000);
        String quick = "SELECT * FROM t WHERE id = ?";
        // The parser's first use in a JVM loads its classes; on a loaded machine that alone can outlast a short
        // limit, and the quick text must parse in time for this test to say anything about retries.
        new SqlAnalyzer().analyze(quick, Dialect.POSTGRESQL);
        SqlAnalyzer analyzer = new SqlAnalyzer(Duration.ofMillis(50), 100, nanos::get);
        StatementAnalysis parsed = analyzer.analyze(quick, Dialect.POSTGRESQL);
        StatementAnalysis timedOut = analyzer.analyze(slow, Dialect.POSTGRESQL);
        assertThat(parsed.cacheability()).isEqualTo(Cacheability.CACHEABLE);
        assertThat(timedOut.cacheability()).isEqualTo(Cacheability.UNANALYZABLE);
        assertThat(analyzer.analyze(slow, Dialect.POSTGRESQL)).isSameAs(timedOut);

        nanos.addAndGet(SqlAnalyzer.TIMED_OUT_RETRY_AFTER.plusSeconds(1).toNanos());

        assertThat(analyzer.analyze(slow, Dialect.POSTGRESQL)).isNotSameAs(timedOut);
        assertThat(analyzer.analyze(quick, Dialect.POSTGRESQL)).isSameAs(parsed);
    }

    @Test
    void limitsAreChecked() {
        assertThatThrownBy(() -> new SqlAnalyzer(Duration.ZERO, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SqlAnalyzer(Duration.ofMillis(10), -1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(SqlAnalyzer.DEFAULT_PARSE_TIMEOUT).isLessThanOrEqualTo(Duration.ofMillis(500));
        assertThat(SqlAnalyzer.DEFAULT_MAX_CACHED_STATEMENTS).isGreaterThanOrEqualTo(1_000);
    }
}
