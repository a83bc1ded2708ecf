package dev.cachedjdbc.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of {@link StatementAnalysis#normalizedSql()}, the cache key text, over every corpus statement and
 * variants generated from it with fixed seeds: spelling that cannot change a result (white space, comments, the
 * case of unquoted words in PostgreSQL) must not change the key, and anything that can (a literal, a name, quoting,
 * where a placeholder stands, the case of an unquoted word where the database may keep it) must. Also
 * {@link StatementAnalysis#parameterCount()} against the lexical traps that hide or fake a {@code ?}.
 */
class NormalizationPropertiesTest {

    private static final int VARIANTS_PER_STATEMENT = 3;

    private final SqlAnalyzer analyzer = new SqlAnalyzer();

    @TestFactory
    Stream<DynamicTest> normalizingTheNormalizedTextChangesNothing() {
        return Corpus.cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            String once = key(c.sql(), c.dialect());
            String twice = key(once, c.dialect());
            assertThat(twice)
                    .as("normalizing the normalized text of%n%s%nmust give it back", c.sql())
                    .isEqualTo(once);
        }));
    }

    @TestFactory
    Stream<DynamicTest> expandingWhiteSpaceKeepsTheKey() {
        return variantTests(Variation.EXPANDED_WHITE_SPACE);
    }

    @TestFactory
    Stream<DynamicTest> insertingWhiteSpaceBetweenTokensKeepsTheKey() {
        return variantTests(Variation.INSERTED_WHITE_SPACE);
    }

    @TestFactory
    Stream<DynamicTest> addingCommentsKeepsTheKey() {
        return variantTests(Variation.ADDED_COMMENTS);
    }

    @TestFactory
    Stream<DynamicTest> changingTheCaseOfUnquotedWordsKeepsTheKeyWherePostgresqlFoldsThem() {
        return variantTests(Variation.WORD_CASE_WHERE_FOLDED);
    }

    @TestFactory
    Stream<DynamicTest> changingTheCaseOfAnUnquotedWordChangesTheKeyWhereCaseMayMatter() {
        return variantTests(Variation.WORD_CASE_WHERE_KEPT);
    }

    /**
     * The key's promise, over every corpus statement and all its variants together: two texts share a key only when
     * the database reads them alike. What the database reads is modelled on the tokens: their types and text, the
     * ASCII letters of unquoted words in lower case where PostgreSQL folds them, and the few separations the
     * database gives meaning to (inside a JDBC escape, a line break between two strings, a placeholder touching a
     * word or number).
     */
    @TestFactory
    Stream<DynamicTest> textsShareAKeyOnlyWhenTheDatabaseReadsThemAlike() {
        Map<CorpusCase, List<String>> texts = new LinkedHashMap<>();
        for (CorpusCase c : Corpus.cases()) {
            texts.computeIfAbsent(c, k -> new ArrayList<>()).add(c.sql());
        }
        for (Variation variation : Variation.values()) {
            variantsPerCase(variation).forEach((c, variants) -> texts.get(c).addAll(variants));
        }
        return texts.entrySet().stream().map(entry -> DynamicTest.dynamicTest(entry.getKey().name(), () -> {
            Dialect dialect = entry.getKey().dialect();
            Map<String, String> readingByKey = new LinkedHashMap<>();
            Map<String, String> textByKey = new LinkedHashMap<>();
            for (String text : entry.getValue()) {
                Optional<String> reading = databaseReading(text, dialect);
                if (reading.isEmpty()) {
                    continue;
                }
                String key = key(text, dialect);
                String earlier = readingByKey.putIfAbsent(key, reading.get());
                if (earlier != null) {
                    assertThat(reading.get())
                            .as("%s and%n%s%nshare the key%n%s%nso the database must read them alike (%s)",
                                    textByKey.get(key), text, key, dialect)
                            .isEqualTo(earlier);
                }
                textByKey.putIfAbsent(key, text);
            }
        }));
    }

    private static Optional<String> databaseReading(String sql, Dialect dialect) {
        return SqlTokens.of(sql, dialect).map(tokens -> {
            StringBuilder reading = new StringBuilder();
            List<SqlTokens.Token> list = tokens.tokens();
            for (int i = 0; i < list.size(); i++) {
                SqlTokens.Token token = list.get(i);
                if (i > 0) {
                    String gap = tokens.gaps().get(i);
                    SqlTokens.Token previous = list.get(i - 1);
                    if (!tokens.gapIsFree(i)) {
                        reading.append(gap.isEmpty() ? "|joined" : "|apart");
                    } else if (previous.type() == SqlTokens.Type.STRING && token.type() == SqlTokens.Type.STRING) {
                        reading.append(gap.contains("\n") || gap.contains("\r") ? "|line" : "|space");
                    } else if (touchesPlaceholder(previous, token)) {
                        reading.append(gap.isEmpty() ? "|touching" : "|apart");
                    }
                }
                String text = token.text();
                if (dialect == Dialect.POSTGRESQL && token.type() == SqlTokens.Type.WORD && !token.insideEscape()) {
                    text = SqlVariants.lowerCaseAscii(text);
                }
                reading.append('\n').append(token.type()).append(' ').append(text);
            }
            return reading.toString();
        });
    }

    private static boolean touchesPlaceholder(SqlTokens.Token previous, SqlTokens.Token token) {
        boolean previousIsValue = previous.type() == SqlTokens.Type.WORD || previous.type() == SqlTokens.Type.NUMBER;
        boolean tokenIsValue = token.type() == SqlTokens.Type.WORD || token.type() == SqlTokens.Type.NUMBER;
        return (previous.type() == SqlTokens.Type.PLACEHOLDER && tokenIsValue)
                || (previousIsValue && token.type() == SqlTokens.Type.PLACEHOLDER);
    }

    @TestFactory
    Stream<DynamicTest> changingALiteralChangesTheKey() {
        return variantTests(Variation.CHANGED_LITERAL);
    }

    @TestFactory
    Stream<DynamicTest> changingAnIdentifierChangesTheKey() {
        return variantTests(Variation.CHANGED_IDENTIFIER);
    }

    @TestFactory
    Stream<DynamicTest> changingTheQuotingOfANameChangesTheKey() {
        return variantTests(Variation.CHANGED_QUOTING);
    }

    @TestFactory
    Stream<DynamicTest> movingAPlaceholderChangesTheKey() {
        return variantTests(Variation.MOVED_PLACEHOLDER);
    }

    @Test
    void everyVariationIsExercisedByManyCorpusStatements() {
        for (Variation variation : Variation.values()) {
            assertThat(variantsPerCase(variation))
                    .as("corpus statements that %s applies to", variation.description)
                    .hasSizeGreaterThanOrEqualTo(variation.minimumStatements);
        }
    }

    @Test
    void keywordCaseWhiteSpaceAndCommentsDoNotChangeTheKey() {
        String key = key("select id, total from orders where id = ? order by total", Dialect.POSTGRESQL);
        assertThat(key("SELECT id, total FROM orders WHERE id = ? ORDER BY total", Dialect.POSTGRESQL)).isEqualTo(key);
        assertThat(key("  select id,\n\ttotal   from orders\r\nwhere id = ?\norder by total  ",
                Dialect.POSTGRESQL)).isEqualTo(key);
        assertThat(key("select /* hint for humans */ id, total -- why\nfrom orders where id = ? order by total -- end",
                Dialect.POSTGRESQL)).isEqualTo(key);
    }

    @Test
    void literalsNamesQuotingAndPlaceholdersStayExactlyAsWritten() {
        String key = key("SELECT \"Id\", 'MiXeD  case', 1.50 FROM \"Orders\" o WHERE o.x = ? -- gone", Dialect.POSTGRESQL);
        assertThat(key).contains("\"Id\"", "'MiXeD  case'", "1.50", "\"Orders\"", "?").doesNotContain("gone");
    }

    @Test
    void commentMarkersInsideLiteralsAreNotComments() {
        String key = key("select '-- kept', '/* kept too */', \"a--b\" from t", Dialect.POSTGRESQL);
        assertThat(key).contains("'-- kept'", "'/* kept too */'", "\"a--b\"");
    }

    @Test
    void whiteSpaceInsideLiteralsIsPartOfTheKey() {
        assertThat(key("select * from t where name = 'a  b'", Dialect.POSTGRESQL))
                .isNotEqualTo(key("select * from t where name = 'a b'", Dialect.POSTGRESQL));
    }

    @Test
    void aPlaceholderAndTheLiteralItStandsForHaveDifferentKeys() {
        String placeholderFirst = key("select * from t where a = ? and b = 1", Dialect.POSTGRESQL);
        assertThat(key("select * from t where a = 1 and b = ?", Dialect.POSTGRESQL)).isNotEqualTo(placeholderFirst);
        assertThat(key("select * from t where a = 1 and b = 1", Dialect.POSTGRESQL)).isNotEqualTo(placeholderFirst);
    }

    @Test
    void quotedAndUnquotedSpellingsOfOneTableHaveDifferentKeys() {
        String unquoted = key("select * from orders", Dialect.POSTGRESQL);
        assertThat(key("select * from \"orders\"", Dialect.POSTGRESQL)).isNotEqualTo(unquoted);
        assertThat(key("select * from \"Orders\"", Dialect.POSTGRESQL)).isNotEqualTo(unquoted);
        assertThat(key("select * from orders2", Dialect.POSTGRESQL)).isNotEqualTo(unquoted);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("placeholderCounts")
    void countsOnlyRealPlaceholders(String description, Dialect dialect, String sql, int expected) {
        assertThat(analyzer.analyze(sql, dialect).parameterCount())
                .as("placeholders in %s: %s", dialect, sql)
                .isEqualTo(expected);
    }

    static Stream<Arguments> placeholderCounts() {
        return Stream.of(
                count("none at all", Dialect.POSTGRESQL, "select 1", 0),
                count("written without spaces", Dialect.POSTGRESQL, "insert into t values (?,?,?)", 3),
                count("next to comparison operators", Dialect.POSTGRESQL, "select * from t where a<>? and b>=? and c=?", 3),
                count("in limit and offset", Dialect.POSTGRESQL, "select * from t limit ? offset ?", 2),
                count("in a string literal", Dialect.POSTGRESQL, "select '?' from t where a = ?", 1),
                count("in a string with a doubled quote", Dialect.POSTGRESQL, "select 'it''s ?', ?", 1),
                count("in a quoted identifier", Dialect.POSTGRESQL, "select \"a?\" from t where b = ?", 1),
                count("in a quoted identifier with a doubled quote", Dialect.POSTGRESQL,
                        "select \"a\"\"?\" from t where b = ?", 1),
                count("in a line comment", Dialect.POSTGRESQL, "select ? -- and ?\n, ?", 2),
                count("in a block comment", Dialect.POSTGRESQL, "select ? /* ? */, ?", 2),
                count("in a nested block comment", Dialect.POSTGRESQL, "select /* a /* ? */ ? */ ?", 1),
                count("comment markers inside strings", Dialect.POSTGRESQL, "select '--', ?, '/*', ?, '*/'", 2),
                count("in a dollar quoted string", Dialect.POSTGRESQL, "select $$?$$, ?", 1),
                count("in a tagged dollar quote holding $$", Dialect.POSTGRESQL, "select $fn$ $$ ? $$ $fn$, ?", 1),
                count("right after a dollar quoted string", Dialect.POSTGRESQL, "select $$a$$||?", 1),
                count("in e-strings with escaped quotes", Dialect.POSTGRESQL, "select E'\\'?', ?, E'\\'', ?", 2),
                count("after a backslash ending a standard string", Dialect.POSTGRESQL, "select 'C:\\', ?", 1),
                count("after a backslash ending an h2 string", Dialect.H2, "select 'C:\\', ?", 1),
                count("escaped as a double question mark", Dialect.POSTGRESQL, "select data ?? 'k', ? from t", 1),
                count("escaped in the ?| operator", Dialect.POSTGRESQL, "select data ??| array['a'], ? from t", 1),
                count("before double colon casts", Dialect.POSTGRESQL, "select ?::int, ?::text[], '1'::int", 2),
                count("beside date and timestamp escapes", Dialect.POSTGRESQL,
                        "select {d '2024-01-01'}, {ts '2024-01-01 00:00:00'}, ?", 1),
                count("inside a scalar function escape", Dialect.POSTGRESQL, "select {fn ucase(?)} from t", 1),
                count("inside a call escape", Dialect.POSTGRESQL, "{call transfer(?, ?)}", 2),
                count("as the return value of a call escape", Dialect.POSTGRESQL, "{? = call balance(?)}", 2),
                count("in h2 strings and quoted names", Dialect.H2, "SELECT '?', \"?\" FROM T WHERE A = ?", 1),
                count("in a generic string", Dialect.GENERIC, "select ? from t where x = '?'", 1));
    }

    private static Arguments count(String description, Dialect dialect, String sql, int expected) {
        return Arguments.of(description, dialect, sql, expected);
    }

    /** Variants of one corpus statement; none when the rewrite finds nothing to change. */
    @FunctionalInterface
    private interface Rewrite {
        List<String> apply(SqlTokens sql, CorpusCase c, Random random);
    }

    /** A rewrite that makes at most one variant per call. */
    @FunctionalInterface
    private interface SingleRewrite {
        Optional<String> apply(SqlTokens sql, CorpusCase c, Random random);
    }

    /** The ways a statement is varied, whether each must keep the key, and how many statements it must reach. */
    private enum Variation {
        EXPANDED_WHITE_SPACE("expanded white space", true, 300,
                repeated((sql, c, r) -> SqlVariants.withWhiteSpaceExpanded(sql, r))),
        INSERTED_WHITE_SPACE("inserted white space", true, 250,
                repeated((sql, c, r) -> SqlVariants.withWhiteSpaceInserted(sql, r))),
        ADDED_COMMENTS("added comments", true, 300,
                repeated((sql, c, r) -> SqlVariants.withCommentsAdded(sql, r))),
        WORD_CASE_WHERE_FOLDED("changed case of unquoted words in PostgreSQL", true, 300,
                repeated((sql, c, r) -> c.dialect() == Dialect.POSTGRESQL
                        ? SqlVariants.withUnquotedWordCaseChanged(sql, r) : Optional.empty())),
        WORD_CASE_WHERE_KEPT("changed case of unquoted words outside PostgreSQL", false, 100,
                repeated((sql, c, r) -> c.dialect() != Dialect.POSTGRESQL
                        ? SqlVariants.withUnquotedWordCaseChanged(sql, r) : Optional.empty())),
        CHANGED_LITERAL("a changed literal", false, 80,
                (sql, c, r) -> SqlVariants.withEachLiteralChanged(sql, r)),
        CHANGED_IDENTIFIER("a changed identifier", false, 300,
                repeated((sql, c, r) -> SqlVariants.withIdentifierChanged(sql, tableNameParts(c), r))),
        CHANGED_QUOTING("changed quoting", false, 250,
                repeated((sql, c, r) -> SqlVariants.withQuotingChanged(sql, tableNameParts(c), r))),
        MOVED_PLACEHOLDER("a moved placeholder", false, 150,
                repeated((sql, c, r) -> SqlVariants.withPlaceholderMoved(sql, r)));

        final String description;
        final boolean keepsKey;
        final int minimumStatements;
        final Rewrite rewrite;

        Variation(String description, boolean keepsKey, int minimumStatements, Rewrite rewrite) {
            this.description = description;
            this.keepsKey = keepsKey;
            this.minimumStatements = minimumStatements;
            this.rewrite = rewrite;
        }
    }

    private static Rewrite repeated(SingleRewrite single) {
        return (sql, c, random) -> {
            List<String> variants = new ArrayList<>();
            for (int i = 0; i < VARIANTS_PER_STATEMENT; i++) {
                single.apply(sql, c, random).ifPresent(variants::add);
            }
            return variants;
        };
    }

    /** One test per corpus statement the variation finds something to change in. */
    private Stream<DynamicTest> variantTests(Variation variation) {
        return variantsPerCase(variation).entrySet().stream().map(entry -> DynamicTest.dynamicTest(entry.getKey().name(),
                () -> assertVariants(entry.getKey(), variation, entry.getValue())));
    }

    /**
     * The variants of every statement the variation applies to, made with a seed fixed per statement and variation
     * so that a failure repeats exactly.
     */
    private static Map<CorpusCase, List<String>> variantsPerCase(Variation variation) {
        Map<CorpusCase, List<String>> variantsPerCase = new LinkedHashMap<>();
        List<CorpusCase> cases = Corpus.cases();
        for (int index = 0; index < cases.size(); index++) {
            CorpusCase c = cases.get(index);
            Optional<SqlTokens> tokens = SqlTokens.of(c.sql(), c.dialect());
            if (tokens.isEmpty()) {
                continue;
            }
            Random random = new Random(1_000_003L * variation.ordinal() + index);
            List<String> variants = variation.rewrite.apply(tokens.get(), c, random).stream()
                    .filter(variant -> !variant.equals(c.sql()))
                    .toList();
            if (!variants.isEmpty()) {
                variantsPerCase.put(c, variants);
            }
        }
        return variantsPerCase;
    }

    private void assertVariants(CorpusCase c, Variation variation, List<String> variants) {
        String original = key(c.sql(), c.dialect());
        for (String variant : variants) {
            String changed = key(variant, c.dialect());
            String story = String.format(Locale.ROOT, "%s must %s the key (%s)%noriginal: %s%nvariant:  %s%n"
                    + "key of original: %s%nkey of variant:  %s", variation.description,
                    variation.keepsKey ? "keep" : "change", c.dialect(), c.sql(), variant, original, changed);
            if (variation.keepsKey) {
                assertThat(changed).as(story).isEqualTo(original);
            } else {
                assertThat(changed).as(story).isNotEqualTo(original);
            }
        }
    }

    private String key(String sql, Dialect dialect) {
        return analyzer.analyze(sql, dialect).normalizedSql();
    }

    /** The parts of every table name the case expects, lower-cased: words that are identifiers for certain. */
    private static Set<String> tableNameParts(CorpusCase c) {
        Stream<String> reads = c.reads() == null ? Stream.empty() : c.reads().stream();
        Stream<String> writes = c.writes() == null ? Stream.empty() : c.writes().stream();
        return Stream.concat(reads, writes)
                .flatMap(name -> Stream.of(name.split("\\.")))
                .map(part -> part.toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
    }
}
