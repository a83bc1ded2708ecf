package dev.cachedjdbc.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RobustnessTest {

    private static final Duration GENEROUS_BOUND = Duration.ofSeconds(2);

    private final SqlAnalyzer analyzer = new SqlAnalyzer();

    @BeforeAll
    static void warmUp() {
        new SqlAnalyzer().analyze("SELECT a FROM t WHERE b IN (1, 2) AND c = (SELECT max(c) FROM u)", Dialect.POSTGRESQL);
    }

    private StatementAnalysis timed(String sql) {
        long start = System.nanoTime();
        StatementAnalysis analysis = analyzer.analyze(sql, Dialect.POSTGRESQL);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        assertThat(elapsed).as("analysis of a %d-character text", sql.length()).isLessThan(GENEROUS_BOUND);
        return analysis;
    }

    static String inList(int elements, boolean placeholders) {
        StringBuilder sql = new StringBuilder("SELECT * FROM orders WHERE id IN (");
        for (int i = 0; i < elements; i++) {
            sql.append(i == 0 ? "" : ", ").append(placeholders ? "?" : Integer.toString(i));
        }
        return sql.append(") AND status = ?").toString();
    }

    static String valuesBatch(int minimumLength) {
        StringBuilder sql = new StringBuilder("INSERT INTO events (id, kind, payload) VALUES ");
        for (int i = 0; sql.length() < minimumLength; i++) {
            sql.append(i == 0 ? "" : ", ").append('(').append(i).append(", 'kind").append(i % 7).append("', ?)");
        }
        return sql.toString();
    }

    @Test
    void aTenThousandElementInListIsAnalysedQuicklyAndStaysCacheable() {
        StatementAnalysis literals = timed(inList(10_000, false));
        assertThat(literals.isCacheable()).isTrue();
        assertThat(literals.tablesRead()).containsExactly(TableName.of("orders"));
        assertThat(literals.parameterCount()).isEqualTo(1);

        StatementAnalysis placeholders = timed(inList(10_000, true));
        assertThat(placeholders.isCacheable()).isTrue();
        assertThat(placeholders.parameterCount()).isEqualTo(10_001);
    }

    @Test
    void fiveHundredNestedParenthesesAreRefusedQuickly() {
        String sql = "SELECT " + "(".repeat(500) + "1" + ")".repeat(500) + " FROM t";
        StatementAnalysis analysis = timed(sql);
        assertThat(analysis.cacheability()).isEqualTo(Cacheability.UNANALYZABLE);
        assertThat(analysis.writesUnknownTables()).isTrue();
    }

    @Test
    void fiveHundredNestedSubqueriesAreRefusedQuickly() {
        String sql = "SELECT * FROM t WHERE a IN " + "(SELECT a FROM t WHERE a IN ".repeat(500) + "(1)" + ")".repeat(500);
        assertThat(timed(sql).cacheability()).isEqualTo(Cacheability.UNANALYZABLE);
    }

    @Test
    void aOneMegabyteBatchInsertIsAnalysedQuickly() {
        String sql = valuesBatch(1_000_000);
        StatementAnalysis analysis = timed(sql);
        assertThat(analysis.kind()).isEqualTo(StatementKind.WRITE);
        assertThat(analysis.tablesWritten()).containsExactly(TableName.of("events"));
        // The key keeps every row: only the parser's input is cut down. Canonical spacing joins the table name and
        // its column list.
        assertThat(analysis.normalizedSql()).isEqualTo(sql.replace("INSERT INTO events (", "INSERT INTO events("));
    }

    static String orChain(int minimumLength) {
        StringBuilder sql = new StringBuilder("SELECT * FROM t WHERE ");
        for (int i = 0; sql.length() < minimumLength; i++) {
            sql.append(i == 0 ? "" : " OR ").append("a = ").append(i).append(" AND b = a + ").append(i);
        }
        return sql.toString();
    }

    @Test
    void aOneMegabyteStatementThatCannotBeShortenedIsRefusedWithinTheBound() {
        StatementAnalysis analysis = timed(orChain(1_000_000));
        assertThat(analysis.cacheability()).isEqualTo(Cacheability.UNANALYZABLE);
        assertThat(analysis.kind()).isEqualTo(StatementKind.UNKNOWN);
    }

    @Test
    void aLongStatementStopsParsingWhenItsTimeIsUp() {
        SqlAnalyzer strict = new SqlAnalyzer(Duration.ofMillis(20), 100);
        long start = System.nanoTime();
        StatementAnalysis analysis = strict.analyze(orChain(250_000), Dialect.POSTGRESQL);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(GENEROUS_BOUND);
        assertThat(analysis.cacheability()).isEqualTo(Cacheability.UNANALYZABLE);
        assertThat(analysis.cacheabilityDetail()).contains("time");
    }

    @Test
    void aParseThatRunsOutOfTimeIsUnanalyzable() {
        BoundedParser.Outcome outcome = BoundedParser.parse(inList(200_000, false), BoundedParser.Deadline.after(5_000_000L));
        assertThat(outcome.statement()).isNull();
        assertThat(outcome.timedOut()).isTrue();
    }

    @Test
    void timeSpentWaitingForACoreIsNotCountedAgainstAParse() throws InterruptedException {
        BoundedParser.Deadline deadline = BoundedParser.Deadline.after(50_000_000L);
        Thread.sleep(120); // on the wall the budget has passed; the thread has used no CPU time meanwhile

        BoundedParser.Outcome outcome = BoundedParser.parse("SELECT a, b FROM t WHERE id = ?", deadline);

        assertThat(outcome.timedOut()).isFalse();
        assertThat(outcome.statement()).isNotNull();
    }

    @Test
    void aParseIsStoppedByTheWallClockBackstopWhateverItsCpuTime() throws InterruptedException {
        BoundedParser.Deadline deadline = BoundedParser.Deadline.after(5_000_000L);
        Thread.sleep(5 * BoundedParser.Deadline.WALL_CLOCK_FACTOR + 20);

        assertThat(BoundedParser.parse("SELECT a FROM t", deadline).timedOut()).isTrue();
    }

    @Test
    void pathologicalInputsLeaveNoThreadsBehind() {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        timed(inList(10_000, false));
        timed("SELECT " + "(".repeat(500) + "1" + ")".repeat(500));
        timed(valuesBatch(1_000_000));
        new SqlAnalyzer(Duration.ofMillis(50), 10).analyze(inList(100_000, false).replace(", ", " + 1, "), Dialect.POSTGRESQL);
        Set<String> newThreads = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread) && thread.isAlive())
                .map(Thread::getName)
                .collect(Collectors.toSet());
        assertThat(newThreads).isSubsetOf(Set.of("cached-jdbc-parse-timer"));
    }

    @Test
    void neverThrowsWhateverTheText() {
        assertThat(analyzer.analyze(null, Dialect.POSTGRESQL).cacheability()).isEqualTo(Cacheability.UNANALYZABLE);
        assertThat(analyzer.analyze("SELECT 1", null).kind()).isEqualTo(StatementKind.QUERY);
        for (String sql : new String[] {"", "   ", "-- only a comment", "/* open", "'", "\"", "$$", "$a$ x", "?", ";;;",
                "{", "}", "(((", ")))", "SELECT", "\u0000", "SELECT \uD800", "E'\\", "SELECT 1 /* /* */"}) {
            for (Dialect dialect : Dialect.values()) {
                StatementAnalysis analysis = analyzer.analyze(sql, dialect);
                assertThat(analysis).isNotNull();
                assertThat(analysis.isCacheable()).as(sql).isFalse();
            }
        }
    }

    @Test
    void randomTextNeverThrowsAndIsNeverCacheableUnlessItParses() {
        Random random = new Random(20_240_601L);
        String[] pieces = {"SELECT", "FROM", "WHERE", "(", ")", ",", "'", "\"", "$$", "--", "/*", "*/", "?", "??", ";",
                "t", "a", "1", "=", "E'", "\\", "{", "}", "::", "WITH", "AS", "JOIN", "ON", "now()", " ", "\n"};
        for (int i = 0; i < 2_000; i++) {
            StringBuilder sql = new StringBuilder();
            int length = 1 + random.nextInt(25);
            for (int j = 0; j < length; j++) {
                sql.append(pieces[random.nextInt(pieces.length)]).append(random.nextBoolean() ? " " : "");
            }
            for (Dialect dialect : Dialect.values()) {
                StatementAnalysis analysis = analyzer.analyze(sql.toString(), dialect);
                if (analysis.isCacheable()) {
                    assertThat(analysis.kind()).isEqualTo(StatementKind.QUERY);
                    assertThat(analysis.writes()).isFalse();
                }
            }
        }
    }
}
