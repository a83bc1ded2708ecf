package dev.cachedjdbc.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PlaceholderCountTest {

    static Stream<Arguments> texts() {
        return Stream.of(
                Arguments.of("SELECT 1", 0),
                Arguments.of("SELECT a FROM t WHERE b = ? AND c IN (?, ?)", 3),
                Arguments.of("SELECT a FROM t WHERE b = '?' AND c = ?", 1),
                Arguments.of("SELECT 'it''s ?' FROM t WHERE c = ?", 1),
                Arguments.of("SELECT \"?\" FROM t WHERE c = ?", 1),
                Arguments.of("SELECT `?` FROM t WHERE c = ?", 1),
                Arguments.of("SELECT $$ ? $$, $x$ ? $x$ FROM t WHERE c = ?", 1),
                Arguments.of("SELECT E'\\' ?' FROM t WHERE c = ?", 1),
                Arguments.of("SELECT a /* ? */ FROM t -- ?\n WHERE c = ?", 1),
                Arguments.of("SELECT a FROM t WHERE j ?? 'k' AND c = ?", 1),
                Arguments.of("SELECT a FROM t WHERE j ??| array['k'] AND c = ?", 1),
                Arguments.of("SELECT a FROM t WHERE j ??& array['k'] AND c = ?", 1),
                Arguments.of("SELECT a FROM t WHERE j ?| ?", 2),
                Arguments.of("SELECT ?::int, ?::text", 2),
                Arguments.of("{? = call f(?)}", 2));
    }

    @ParameterizedTest(name = "{0} has {1}")
    @MethodSource("texts")
    void countsOnlyStandaloneQuestionMarksOutsideQuotedText(String sql, int expected) {
        assertThat(SqlLexer.lex(sql, Dialect.POSTGRESQL).parameterCount()).isEqualTo(expected);
        assertThat(new SqlAnalyzer().analyze(sql, Dialect.POSTGRESQL).parameterCount()).isEqualTo(expected);
    }
}
