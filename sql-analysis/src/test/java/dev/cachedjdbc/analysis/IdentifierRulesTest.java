package dev.cachedjdbc.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Names in the analysis follow the database's own identifier rules, so that every spelling of one table meets under
 * one invalidation key: PostgreSQL keeps the first 63 bytes of a longer name (whole characters only), quoted or not,
 * and folds only ASCII letters of an unquoted name; a Unicode-escaped name is the name it spells.
 */
class IdentifierRulesTest {

    private static final String LONG = "orders_with_a_name_much_longer_than_postgresql_keeps_in_its_catalog";
    private static final String STORED = LONG.substring(0, 63);

    private final SqlAnalyzer analyzer = UnhurriedAnalyzer.create();

    private TableName read(String sql, Dialect dialect) {
        Set<TableName> read = analyzer.analyze(sql, dialect).tablesRead();
        assertThat(read).as(sql).hasSize(1);
        return read.iterator().next();
    }

    private TableName written(String sql, Dialect dialect) {
        Set<TableName> written = analyzer.analyze(sql, dialect).tablesWritten();
        assertThat(written).as(sql).hasSize(1);
        return written.iterator().next();
    }

    @Test
    void postgresqlKeepsTheFirst63BytesOfALongerName() {
        assertThat(LONG).hasSizeGreaterThan(63);
        assertThat(read("SELECT * FROM " + LONG, Dialect.POSTGRESQL).name()).isEqualTo(STORED);
        assertThat(read("SELECT * FROM \"" + LONG + "\"", Dialect.POSTGRESQL).name()).isEqualTo(STORED);
        assertThat(read("SELECT * FROM " + LONG.toUpperCase(java.util.Locale.ROOT), Dialect.POSTGRESQL).name())
                .isEqualTo(STORED);
        assertThat(read("SELECT * FROM " + LONG + "." + LONG, Dialect.POSTGRESQL).schema()).isEqualTo(STORED);
    }

    @Test
    void theLongAndTheStoredSpellingOfATableShareAnInvalidationKey() {
        TableKey readLong = read("SELECT count(*) FROM " + LONG, Dialect.POSTGRESQL).key();
        TableKey writeShort = written("INSERT INTO " + STORED + " VALUES (1)", Dialect.POSTGRESQL).key();
        TableKey writeLongQuoted = written("UPDATE \"" + LONG + "\" SET a = 1", Dialect.POSTGRESQL).key();
        TableKey readShortQuoted = read("SELECT * FROM \"" + STORED + "\"", Dialect.POSTGRESQL).key();
        assertThat(writeShort).isEqualTo(readLong);
        assertThat(writeLongQuoted).isEqualTo(readLong);
        assertThat(readShortQuoted).isEqualTo(readLong);
    }

    @Test
    void aCutNeverSplitsAMultibyteCharacter() {
        String twoByteLetters = "é".repeat(40);
        assertThat(read("SELECT * FROM " + twoByteLetters, Dialect.POSTGRESQL).name()).isEqualTo("é".repeat(31));
        String threeByteAfterOneByte = "a" + "€".repeat(30);
        assertThat(read("SELECT * FROM \"" + threeByteAfterOneByte + "\"", Dialect.POSTGRESQL).name())
                .isEqualTo("a" + "€".repeat(20));
        String fourByte = "\uD83D\uDE00".repeat(20);
        assertThat(read("SELECT * FROM \"" + fourByte + "\"", Dialect.POSTGRESQL).name())
                .isEqualTo("\uD83D\uDE00".repeat(15));
    }

    @Test
    void columnsAndCteNamesAreCutLikeTables() {
        String longCte = "recent_" + "x".repeat(70);
        StatementAnalysis analysis = analyzer.analyze(
                "WITH " + longCte + " AS (SELECT * FROM orders) SELECT * FROM " + longCte.substring(0, 63),
                Dialect.POSTGRESQL);
        assertThat(analysis.tablesRead()).containsExactly(TableName.of("orders"));
    }

    @Test
    void h2AndGenericDatabasesDoNotCutNames() {
        assertThat(read("SELECT * FROM " + LONG, Dialect.H2).name()).isEqualTo(LONG.toUpperCase(java.util.Locale.ROOT));
        assertThat(read("SELECT * FROM " + LONG, Dialect.GENERIC).name()).isEqualTo(LONG);
    }

    @Test
    void postgresqlFoldsOnlyTheAsciiLettersOfAnUnquotedName() {
        assertThat(read("SELECT * FROM ÄpfelUndBirnen", Dialect.POSTGRESQL).name()).isEqualTo("Äpfelundbirnen");
        assertThat(read("SELECT * FROM straße", Dialect.H2).name()).isEqualTo("STRASSE");
    }

    @Test
    void aUnicodeEscapedNameIsTheNameItSpells() {
        assertThat(written("COPY U&\"d\\0061t\\+000065\" FROM STDIN", Dialect.POSTGRESQL).name()).isEqualTo("date");
        assertThat(written("COPY u&\"\\\\x\" FROM STDIN", Dialect.POSTGRESQL).name()).isEqualTo("\\x");
        StatementAnalysis ownEscape = analyzer.analyze("COPY U&\"d!0061t\" UESCAPE '!' FROM STDIN", Dialect.POSTGRESQL);
        assertThat(ownEscape.cacheability()).isEqualTo(Cacheability.UNANALYZABLE);
        assertThat(ownEscape.writesUnknownTables()).isTrue();
    }

    @Test
    void theDialectGivesTheKeyOfANameAsAUserWritesIt() {
        TableKey readLong = read("SELECT * FROM " + LONG, Dialect.POSTGRESQL).key();
        assertThat(Dialect.POSTGRESQL.parseTableName(LONG).key()).isEqualTo(readLong);
        assertThat(Dialect.POSTGRESQL.parseTableName(STORED).key()).isEqualTo(readLong);
        assertThat(Dialect.POSTGRESQL.parseTableName(LONG.toUpperCase(java.util.Locale.ROOT)).key())
                .isEqualTo(readLong);
        assertThat(Dialect.H2.parseTableName("straße").key())
                .isEqualTo(read("SELECT * FROM straße", Dialect.H2).key())
                .isEqualTo(read("SELECT * FROM \"straße\"", Dialect.H2).key());
        assertThat(Dialect.H2.parseTableName(LONG).key())
                .isNotEqualTo(Dialect.H2.parseTableName(STORED).key());
    }
}
