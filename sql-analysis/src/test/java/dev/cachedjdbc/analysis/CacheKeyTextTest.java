package dev.cachedjdbc.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CacheKeyTextTest {

    private static String key(String sql) {
        return key(sql, Dialect.POSTGRESQL);
    }

    private static String key(String sql, Dialect dialect) {
        return CacheKeyText.of(SqlLexer.lex(sql, dialect));
    }

    @Test
    void whiteSpaceCommentsAndKeywordCaseDoNotChangeTheKey() {
        String reference = key("SELECT a FROM t WHERE b = ?");
        assertThat(key("select a from t where b = ?")).isEqualTo(reference);
        assertThat(key("  SELECT\n\ta\r\n  FROM   t WHERE b = ?  ")).isEqualTo(reference);
        assertThat(key("SELECT /* the column */ a -- trailing\nFROM t WHERE b = ?")).isEqualTo(reference);
        assertThat(key("SeLeCt a FrOm t wHeRe b = ? -- done")).isEqualTo(reference);
        assertThat(reference).isEqualTo("SELECT a FROM t WHERE b = ?");
    }

    static Stream<Arguments> textsThatDiffer() {
        return Stream.of(
                Arguments.of("SELECT a FROM t WHERE b = 1", "SELECT a FROM t WHERE b = 2"),
                Arguments.of("SELECT 'a  b'", "SELECT 'a b'"),
                Arguments.of("SELECT \"a  b\" FROM t", "SELECT \"a b\" FROM t"),
                Arguments.of("SELECT a FROM t WHERE b = 'x'", "SELECT a FROM t WHERE b = 'X'"),
                Arguments.of("SELECT a FROM t WHERE b = 'x '", "SELECT a FROM t WHERE b = 'x'"),
                Arguments.of("SELECT a FROM t", "SELECT A FROM t"),
                Arguments.of("SELECT a FROM t", "SELECT a FROM T"),
                Arguments.of("SELECT a FROM t", "SELECT \"a\" FROM t"),
                Arguments.of("SELECT a FROM \"T\"", "SELECT a FROM \"t\""),
                Arguments.of("SELECT a FROM t WHERE b = ? AND c = 1", "SELECT a FROM t WHERE b = 1 AND c = ?"),
                Arguments.of("SELECT $$a  b$$", "SELECT $$a b$$"),
                Arguments.of("SELECT E'a\\nb'", "SELECT E'a\\tb'"),
                Arguments.of("SELECT a FROM t WHERE b = '--'", "SELECT a FROM t WHERE b = '-- '"),
                Arguments.of("SELECT /*+ IndexScan(t) */ a FROM t", "SELECT /*+ SeqScan(t) */ a FROM t"),
                Arguments.of("SELECT a FROM t WHERE b ?? 'k'", "SELECT a FROM t WHERE b ? 'k'"));
    }

    @ParameterizedTest
    @MethodSource("textsThatDiffer")
    void textsTheDatabaseCanTellApartGetDifferentKeys(String first, String second) {
        assertThat(key(first)).isNotEqualTo(key(second));
    }

    @Test
    void onlyReservedKeywordsAreFolded() {
        assertThat(key("select name, Count(*) from Users u where u.Active group by name"))
                .isEqualTo("SELECT name, Count(*) FROM Users u WHERE u.Active GROUP BY name");
        assertThat(key("select 1 fetch first 1 rows only")).isEqualTo("SELECT 1 FETCH first 1 ROWS only");
    }

    @Test
    void literalsAndQuotedTextAreKeptByteForByte() {
        String sql = "SELECT 'it''s  from  x', \"Mixed  Case\", `back  tick`, E'a\\'  select', $tag$ select  $x$ $tag$ FROM t";
        assertThat(key(sql)).isEqualTo(sql);
    }

    @Test
    void aDollarQuoteOnlyEndsAtItsOwnTag() {
        assertThat(key("SELECT $a$ x $b$ -- not a comment $b$ y $a$ FROM t"))
                .isEqualTo("SELECT $a$ x $b$ -- not a comment $b$ y $a$ FROM t");
    }

    @Test
    void postgresqlBlockCommentsNest() {
        assertThat(key("SELECT /* outer /* inner */ still comment */ a FROM t")).isEqualTo("SELECT a FROM t");
    }

    @Test
    void commentsSeparateTokensInsteadOfGluingThem() {
        assertThat(key("SELECT a/*x*/b FROM t")).isEqualTo("SELECT a b FROM t");
        assertThat(key("SELECT 1--x\n-1")).isEqualTo("SELECT 1 -1");
    }

    @Test
    void hintsAndExecutableCommentsAreKeptVerbatim() {
        assertThat(key("select /*+ IndexScan(t idx) */ a from t")).isEqualTo("SELECT /*+ IndexScan(t idx) */ a FROM t");
        assertThat(key("select /*!40001 SQL_NO_CACHE */ a from t", Dialect.H2))
                .isEqualTo("SELECT /*!40001 SQL_NO_CACHE */ a FROM t");
    }

    @Test
    void castsAndJdbcEscapesKeepTheirShape() {
        assertThat(key("select a::text, {fn ucase(b)}, {d '2024-01-31'}, {ts '2024-01-31 10:00:00'} from t"))
                .isEqualTo("SELECT a::text, {fn ucase(b)}, {d '2024-01-31'}, {ts '2024-01-31 10:00:00'} FROM t");
        assertThat(key("{call  proc(?, ?)}")).isEqualTo("{call proc(?, ?)}");
    }

    @Test
    void keysOfTextsThatCannotBeReadAreTheTextItself() {
        String unterminated = "SELECT 'open FROM t";
        assertThat(key(unterminated)).isEqualTo(unterminated);
        String mysqlEscape = "select  'it\\'s' from t";
        assertThat(key(mysqlEscape, Dialect.GENERIC)).isEqualTo(mysqlEscape);
        String hashComment = "select a  # comment\nfrom t";
        assertThat(key(hashComment, Dialect.GENERIC)).isEqualTo(hashComment);
    }

    @Test
    void outsidePostgresqlANestedCommentOpenerMakesTheTextUnreadable() {
        assertThat(SqlLexer.lex("SELECT /* a /* b */ 1", Dialect.H2).isReadable()).isFalse();
        assertThat(SqlLexer.lex("SELECT /* a /* b */ */ 1", Dialect.POSTGRESQL).isReadable()).isTrue();
    }

    @Test
    void generalDialectRefusesConstructsThatDifferBetweenDatabases() {
        assertThat(SqlLexer.lex("SELECT 1--1", Dialect.GENERIC).isReadable()).isFalse();
        assertThat(SqlLexer.lex("SELECT 1-- 1", Dialect.GENERIC).isReadable()).isTrue();
        assertThat(SqlLexer.lex("SELECT [a b] FROM t", Dialect.GENERIC).isReadable()).isFalse();
        assertThat(SqlLexer.lex("SELECT 'a\\b'", Dialect.POSTGRESQL).isReadable()).isTrue();
    }
}
