package dev.cachedjdbc.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the analyser over the corpus: every case's expectations must hold, and the corpus itself must keep covering
 * the constructs, dialects and statement sources the cache meets in practice.
 */
class CorpusTest {

    /** The statement sources whose generated SQL the corpus must hold at least {@link #MIN_GENERATED} cases of. */
    private static final Set<String> GENERATORS = Set.of("hibernate", "jooq", "mybatis", "spring");
    private static final int MIN_GENERATED = 100;
    private static final int MIN_CASES = 300;

    /**
     * Every tag a case may carry, with the fewest cases that must carry it. A tag missing here is a typo; a count
     * falling under its minimum means coverage of that construct was lost.
     */
    private static final Map<String, Integer> MIN_CASES_PER_TAG = Map.ofEntries(
            Map.entry("hibernate", 50),
            Map.entry("jooq", 12),
            Map.entry("mybatis", 10),
            Map.entry("spring", 15),
            Map.entry("framework", 5),
            Map.entry("select", 10),
            Map.entry("join", 15),
            Map.entry("subquery", 12),
            Map.entry("set-operation", 6),
            Map.entry("cte", 8),
            Map.entry("cte-shadowing", 4),
            Map.entry("recursive-cte", 2),
            Map.entry("lateral", 3),
            Map.entry("table-function", 4),
            Map.entry("values", 2),
            Map.entry("aggregate", 5),
            Map.entry("window-function", 3),
            Map.entry("pagination", 10),
            Map.entry("inheritance", 3),
            Map.entry("insert", 15),
            Map.entry("batch", 3),
            Map.entry("returning", 4),
            Map.entry("update", 10),
            Map.entry("optimistic-locking", 3),
            Map.entry("delete", 8),
            Map.entry("update-from", 2),
            Map.entry("delete-using", 2),
            Map.entry("insert-select", 4),
            Map.entry("upsert", 5),
            Map.entry("row-restriction", 15),
            Map.entry("merge", 4),
            Map.entry("h2-merge-key", 3),
            Map.entry("writable-cte", 3),
            Map.entry("truncate", 3),
            Map.entry("select-into", 3),
            Map.entry("copy", 1),
            Map.entry("ddl", 20),
            Map.entry("quoting", 15),
            Map.entry("schema-qualified", 15),
            Map.entry("locking", 10),
            Map.entry("function", 10),
            Map.entry("volatile-function", 12),
            Map.entry("user-function", 4),
            Map.entry("sequence", 5),
            Map.entry("system-catalog", 6),
            Map.entry("transaction", 15),
            Map.entry("session", 12),
            Map.entry("call", 8),
            Map.entry("jdbc-escape", 5),
            Map.entry("placeholder-lexing", 8),
            Map.entry("multiple-statements", 4),
            Map.entry("garbage", 5),
            Map.entry("truncated", 5));

    private static final Map<Dialect, Integer> MIN_CASES_PER_DIALECT = Map.of(
            Dialect.POSTGRESQL, 150,
            Dialect.H2, 60,
            Dialect.GENERIC, 15);

    /** What a plain query may be told: cacheable, or one of the reasons a query's result may not be reused. */
    private static final Set<Cacheability> QUERY_VERDICTS = EnumSet.of(Cacheability.CACHEABLE,
            Cacheability.LOCKING_READ, Cacheability.VOLATILE_FUNCTION, Cacheability.SYSTEM_CATALOG);

    private final SqlAnalyzer analyzer = UnhurriedAnalyzer.create();

    @TestFactory
    Stream<DynamicTest> everyCaseIsAnalysedAsSqlSemanticsDemand() {
        return Corpus.cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> assertAnalysis(c)));
    }

    private void assertAnalysis(CorpusCase expected) {
        StatementAnalysis actual;
        try {
            actual = analyzer.analyze(expected.sql(), expected.dialect());
        } catch (RuntimeException e) {
            throw new AssertionError("the analyser threw, and it must never throw\n" + describe(expected), e);
        }
        if (actual == null) {
            fail("the analyser returned null\n" + describe(expected));
        }
        List<String> mismatches = new ArrayList<>();
        if (expected.kind() != null && expected.kind() != actual.kind()) {
            mismatches.add("kind");
        }
        if (expected.reads() != null && !expected.reads().equals(names(actual.tablesRead()))) {
            mismatches.add("reads");
        }
        if (expected.writes() != null && !expected.writes().equals(names(actual.tablesWritten()))) {
            mismatches.add("writes");
        }
        if (expected.cacheability() != actual.cacheability()) {
            mismatches.add("cacheable");
        }
        if (expected.writesEverything() != actual.writesUnknownTables()) {
            mismatches.add("writesEverything");
        }
        if (expected.transaction() != null && expected.transaction() != actual.transactionControl()) {
            mismatches.add("transaction");
        }
        if (expected.placeholders() != null && expected.placeholders() != actual.parameterCount()) {
            mismatches.add("placeholders");
        }
        if (expected.rows() != null && !expected.rows().equals(CorpusCase.describe(actual.rowRestrictions()))) {
            mismatches.add("rows");
        }
        if (expected.effects() != null && !expected.effects().equals(actual.sessionEffects())) {
            mismatches.add("effects");
        }
        if (expected.assigns() != null
                && !expected.assigns().equals(CorpusCase.describeAssigned(actual.assignedColumns()))) {
            mismatches.add("assigns");
        }
        if (!mismatches.isEmpty()) {
            fail("wrong " + String.join(", ", mismatches) + "\n" + describe(expected)
                    + "\nactual:   " + describe(actual));
        }
    }

    @Test
    void corpusHoldsAtLeastThreeHundredCases() {
        assertThat(Corpus.cases().size()).as("cases in the corpus").isGreaterThanOrEqualTo(MIN_CASES);
    }

    @Test
    void everyDialectHasEnoughCases() {
        Map<Dialect, Long> perDialect = Corpus.cases().stream()
                .collect(Collectors.groupingBy(CorpusCase::dialect, Collectors.counting()));
        MIN_CASES_PER_DIALECT.forEach((dialect, minimum) ->
                assertThat(perDialect.getOrDefault(dialect, 0L)).as("cases in " + dialect).isGreaterThanOrEqualTo(minimum));
    }

    @Test
    void atLeastAHundredCasesAreStatementsAsFrameworksGenerateThem() {
        long generated = count(c -> c.tags().stream().anyMatch(GENERATORS::contains));
        assertThat(generated).as("cases tagged with one of " + GENERATORS).isGreaterThanOrEqualTo(MIN_GENERATED);
    }

    @Test
    void everyConstructCategoryIsCovered() {
        Map<String, Long> shortfalls = new TreeMap<>();
        MIN_CASES_PER_TAG.forEach((tag, minimum) -> {
            long found = count(c -> c.hasTag(tag));
            if (found < minimum) {
                shortfalls.put(tag + " (needs " + minimum + ")", found);
            }
        });
        assertThat(shortfalls).as("constructs with too few cases").isEmpty();
    }

    @Test
    void everyTagIsAKnownCategory() {
        Set<String> unknown = Corpus.cases().stream()
                .flatMap(c -> c.tags().stream())
                .filter(tag -> !MIN_CASES_PER_TAG.containsKey(tag))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(unknown).as("tags without a coverage minimum (misspelt?)").isEmpty();
    }

    @Test
    void everyVerdictOccursInTheCorpus() {
        Set<StatementKind> kinds = EnumSet.noneOf(StatementKind.class);
        Set<Cacheability> verdicts = EnumSet.noneOf(Cacheability.class);
        Set<TransactionControl> effects = EnumSet.noneOf(TransactionControl.class);
        for (CorpusCase c : Corpus.cases()) {
            if (c.kind() != null) {
                kinds.add(c.kind());
            }
            verdicts.add(c.cacheability());
            if (c.transaction() != null) {
                effects.add(c.transaction());
            }
        }
        assertThat(kinds).containsExactlyInAnyOrder(StatementKind.values());
        assertThat(verdicts).containsExactlyInAnyOrder(Cacheability.values());
        assertThat(effects).containsExactlyInAnyOrder(TransactionControl.values());
        Set<SessionEffect> sessionEffects = EnumSet.noneOf(SessionEffect.class);
        Corpus.cases().stream().filter(c -> c.effects() != null).forEach(c -> sessionEffects.addAll(c.effects()));
        assertThat(sessionEffects).containsExactlyInAnyOrder(SessionEffect.values());
    }

    @Test
    void everyCaseKeepsToTheAnalysisConventions() {
        List<String> violations = new ArrayList<>();
        for (CorpusCase c : Corpus.cases()) {
            conventionViolation(c).ifPresent(problem -> violations.add(c.name() + ": " + problem));
        }
        assertThat(violations).isEmpty();
    }

    private static Optional<String> conventionViolation(CorpusCase c) {
        Cacheability verdict = c.cacheability();
        if (verdict == Cacheability.MULTIPLE_STATEMENTS) {
            return c.kind() == null && c.writesEverything() ? Optional.empty()
                    : Optional.of("a text of several statements leaves kind open and writes everything");
        }
        if (c.kind() == null) {
            return Optional.of("a single statement states its kind");
        }
        if ((c.reads() == null || c.writes() == null) && c.kind() != StatementKind.DDL) {
            return Optional.of("only DDL whose object is not a table may leave reads or writes open");
        }
        if (c.kind() != StatementKind.TRANSACTION_CONTROL && c.transaction() != TransactionControl.NONE) {
            return Optional.of("only transaction control has a transaction effect");
        }
        boolean holds = switch (c.kind()) {
            case QUERY -> c.writes().isEmpty() && QUERY_VERDICTS.contains(verdict)
                    && (!c.writesEverything() || verdict == Cacheability.VOLATILE_FUNCTION);
            case WRITE -> verdict == Cacheability.WRITES && (!c.writes().isEmpty() || c.writesEverything());
            case DDL, SESSION_CHANGE -> verdict == Cacheability.NOT_A_QUERY;
            case TRANSACTION_CONTROL -> verdict == Cacheability.NOT_A_QUERY && c.transaction() != TransactionControl.NONE;
            case CALL -> verdict == Cacheability.NOT_A_QUERY && c.writesEverything();
            case UNKNOWN -> verdict == Cacheability.UNANALYZABLE && c.writesEverything();
        };
        return holds ? Optional.empty() : Optional.of("a " + c.kind() + " cannot be " + verdict
                + (c.writesEverything() ? " writing everything" : "") + " with writes " + c.writes());
    }

    private static long count(Predicate<CorpusCase> filter) {
        return Corpus.cases().stream().filter(filter).count();
    }

    private static Set<String> names(Set<TableName> tables) {
        return tables.stream().map(TableName::toString).collect(Collectors.toSet());
    }

    private static String describe(CorpusCase c) {
        return "case:     " + c.name() + "\nSQL (" + c.dialect() + "):\n    " + c.sql().replace("\n", "\n    ")
                + "\nexpected: " + c.describeExpectation();
    }

    private static String describe(StatementAnalysis a) {
        return "kind=" + a.kind()
                + " reads=" + Corpus.sorted(names(a.tablesRead()))
                + " writes=" + Corpus.sorted(names(a.tablesWritten()))
                + " cacheable=" + a.cacheability()
                + (a.cacheabilityDetail().isEmpty() ? "" : " (" + a.cacheabilityDetail() + ")")
                + " writesEverything=" + a.writesUnknownTables()
                + " transaction=" + a.transactionControl()
                + " placeholders=" + a.parameterCount()
                + " rows=" + CorpusCase.describe(a.rowRestrictions())
                + " effects=" + new TreeSet<>(a.sessionEffects())
                + " assigns=" + CorpusCase.describeAssigned(a.assignedColumns())
                + "\nnormalized: " + a.normalizedSql();
    }
}
