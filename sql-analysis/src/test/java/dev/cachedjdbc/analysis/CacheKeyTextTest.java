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
                Arguments.of("SELECT a FROM t", "SELECT \"a\" FROM t"),
                Arguments.of("SELECT a FROM t", "SELECT \"A\" FROM t"),
                Arguments.of("SELECT a FROM äpfel", "SELECT a FROM Äpfel"),
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
    void postgresqlFoldsTheAsciiLettersOfEveryUnquotedWordAsItDoes() {
        assertThat(key("select name, Count(*) from Users u where u.Active group by name"))
                .isEqualTo("SELECT name, count(*) FROM users u WHERE u.active GROUP BY name");
        assertThat(key("SELECT A FROM T")).isEqualTo(key("select a from t"));
        assertThat(key("SELECT x FROM ÄPFEL")).isEqualTo(key("select x from Äpfel")).isEqualTo("SELECT x FROM Äpfel");
    }

    static Stream<Arguments> unquotedWordsWhoseCaseMayMatter() {
        return Stream.of(
                Arguments.of("SELECT x FROM next", "SELECT x FROM NEXT"),
                Arguments.of("SELECT x FROM first", "SELECT x FROM FIRST"),
                Arguments.of("SELECT x FROM rows", "SELECT x FROM ROWS"),
                Arguments.of("SELECT x AS value FROM t", "SELECT x AS VALUE FROM t"),
                Arguments.of("SELECT a FROM t", "SELECT A FROM t"),
                Arguments.of("SELECT a FROM t", "SELECT a FROM T"),
                Arguments.of("select 1 fetch first 1 rows only", "SELECT 1 FETCH FIRST 1 ROWS ONLY"),
                Arguments.of("select a from t", "SELECT a FROM t"));
    }

    @ParameterizedTest
    @MethodSource("unquotedWordsWhoseCaseMayMatter")
    void outsidePostgresqlEveryUnquotedWordKeepsItsCase(String first, String second) {
        for (Dialect dialect : new Dialect[] {Dialect.H2, Dialect.GENERIC}) {
            assertThat(key(first, dialect)).as(dialect.name()).isNotEqualTo(key(second, dialect));
            assertThat(key(first, dialect)).as(dialect.name()).isEqualTo(first);
        }
        assertThat(key(first, Dialect.POSTGRESQL)).isEqualTo(key(second, Dialect.POSTGRESQL));
    }

    @Test
    void wordsInsideAJdbcEscapeKeepTheirCase() {
        assertThat(key("select {fn UCASE(a)} from t")).isNotEqualTo(key("select {fn ucase(a)} from t"));
        assertThat(key("select {FN ucase(a)} from t")).isNotEqualTo(key("select {fn ucase(a)} from t"));
    }

    @Test
    void aNonAsciiCharacterIsPartOfANameWhereTheDatabaseReadsItSo() {
        assertThat(key("select a€ from t", Dialect.POSTGRESQL)).isNotEqualTo(key("select a € from t", Dialect.POSTGRESQL));
        assertThat(key("select a\u00A0 from t", Dialect.POSTGRESQL))
                .isNotEqualTo(key("select a \u00A0 from t", Dialect.POSTGRESQL));
        assertThat(key("select a€ from t", Dialect.H2)).isNotEqualTo(key("select a € from t", Dialect.H2));
        assertThat(SqlLexer.lex("select a€ from t", Dialect.GENERIC).isReadable()).isFalse();
        assertThat(SqlLexer.lex("select ä from t", Dialect.GENERIC).isReadable()).isTrue();
    }

    @Test
    void h2ReadsTwoSlashesAsALineComment() {
        assertThat(key("SELECT 1 // x\n+ 1", Dialect.H2)).isNotEqualTo(key("SELECT 1 // x + 1", Dialect.H2));
        assertThat(key("SELECT 1 // x\n+ 1", Dialect.H2)).isEqualTo("SELECT 1 + 1");
        assertThat(key("SELECT 4//2", Dialect.H2)).isEqualTo("SELECT 4");
    }

    @Test
    void aQuoteAfterABackslashWithAnotherQuoteLaterMakesAPostgresqlTextUnreadable() {
        // With standard_conforming_strings off the backslash escapes the quote and the string goes on.
        assertThat(key("select 'x\\' -- a'")).isNotEqualTo(key("select 'x\\' -- b'"));
        assertThat(SqlLexer.lex("select 'x\\' -- a'", Dialect.POSTGRESQL).isReadable()).isFalse();
        assertThat(SqlLexer.lex("select 'a\\\\' -- 'b'", Dialect.POSTGRESQL).isReadable()).isTrue();
        assertThat(SqlLexer.lex("select 1 from t where a like ? escape '\\'", Dialect.POSTGRESQL).isReadable()).isTrue();
        assertThat(SqlLexer.lex("select 'a\\b'", Dialect.POSTGRESQL).isReadable()).isTrue();
    }

    @Test
    void whetherAPlaceholderTouchesAWordOrNumberIsKept() {
        // PgJDBC writes $1 where the ? stands, and a$1 is one name; a client that inlines values makes 1? one number.
        for (Dialect dialect : Dialect.values()) {
            assertThat(key("select a?, ? from t", dialect)).as(dialect.name())
                    .isNotEqualTo(key("select a ?, ? from t", dialect));
            assertThat(key("select x from t limit 1?", dialect)).as(dialect.name())
                    .isNotEqualTo(key("select x from t limit 1 ?", dialect));
            assertThat(key("select x from t where a = ?", dialect)).as(dialect.name())
                    .isEqualTo(key("select x from t where a =?", dialect));
        }
    }

    @Test
    void aWordAfterAPeriodIsANameEvenWhenItIsAKeyword() {
        assertThat(key("select * from db.Select")).isEqualTo("SELECT * FROM db.select");
        assertThat(key("select * from db.Select", Dialect.GENERIC))
                .isNotEqualTo(key("select * from db.select", Dialect.GENERIC));
    }

    @Test
    void whiteSpaceBetweenTokensNeverChangesTheKey() {
        String reference = key("select b1_0.id,b1_0.title from book b1_0 where b1_0.id=? and b1_0.price>=?::numeric");
        assertThat(key("select b1_0 . id , b1_0 . title from book b1_0 where b1_0 . id = ? and b1_0 . price >= ? :: numeric"))
                .isEqualTo(reference);
        assertThat(reference)
                .isEqualTo("SELECT b1_0.id, b1_0.title FROM book b1_0 WHERE b1_0.id = ? AND b1_0.price >= ?::numeric");
        assertThat(key("select count (*), t . * from t where a in ( 1 , 2 )"))
                .isEqualTo(key("select count(*),t.* from t where a in(1,2)"))
                .isEqualTo("SELECT count(*), t.* FROM t WHERE a IN (1, 2)");
        assertThat(key("select a=-1, b<-1")).isEqualTo(key("select a = - 1, b < - 1"));
    }

    static Stream<Arguments> tokensTheDatabaseKeepsApart() {
        return Stream.of(
                Arguments.of("SELECT 1.5", "SELECT 1 .5"),
                Arguments.of("SELECT * FROM t WHERE a <= 1", "SELECT * FROM t WHERE a < = 1"),
                Arguments.of("SELECT * FROM t WHERE a <> 1", "SELECT * FROM t WHERE a < > 1"),
                Arguments.of("SELECT * FROM t WHERE a || b = c", "SELECT * FROM t WHERE a | | b = c"),
                Arguments.of("SELECT 0x1F", "SELECT 0 x1F"),
                Arguments.of("SELECT 1_000", "SELECT 1 _000"),
                Arguments.of("SELECT N'x'", "SELECT N 'x'"),
                Arguments.of("SELECT U&\"d\\0061t\" FROM t", "SELECT U & \"d\\0061t\" FROM t"),
                Arguments.of("SELECT a::int FROM t", "SELECT a: :int FROM t"),
                Arguments.of("SELECT * FROM t WHERE j ??| array['a']", "SELECT * FROM t WHERE j ?? | array['a']"),
                Arguments.of("SELECT 'a'\n'b'", "SELECT 'a' 'b'"),
                Arguments.of("SELECT {fn ucase(a)} FROM t", "SELECT { fn ucase(a)} FROM t"));
    }

    @ParameterizedTest
    @MethodSource("tokensTheDatabaseKeepsApart")
    void whiteSpaceThatSeparatesTokensTheDatabaseWouldJoinChangesTheKey(String joined, String apart) {
        assertThat(key(joined)).isNotEqualTo(key(apart));
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
        assertThat(key("SELECT 1--x\n-1")).isEqualTo("SELECT 1 - 1");
    }

    @Test
    void hintsAndExecutableCommentsAreKeptVerbatim() {
        assertThat(key("select /*+ IndexScan(t idx) */ a from t")).isEqualTo("SELECT /*+ IndexScan(t idx) */ a FROM t");
        assertThat(key("select /*!40001 SQL_NO_CACHE */ a from t", Dialect.H2))
                .isEqualTo("select /*!40001 SQL_NO_CACHE */ a from t");
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
