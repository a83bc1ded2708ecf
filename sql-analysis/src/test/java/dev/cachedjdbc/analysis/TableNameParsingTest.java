package dev.cachedjdbc.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A table name as a user writes it outside a statement is read by the dialect's own identifier rules: quoted parts
 * are one part whatever they hold and keep their case, unquoted parts fold, PostgreSQL cuts at 63 bytes, and the key
 * of the name is the key a statement naming the same table gives it.
 */
class TableNameParsingTest {

    private static final String LONG = "orders_with_a_name_much_longer_than_postgresql_keeps_in_its_catalog";

    private final SqlAnalyzer analyzer = UnhurriedAnalyzer.create();

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aQuotedPartWithAPeriodIsOneNameNotASchemaAndATable(Dialect dialect) {
        assertThat(dialect.parseTableName("\"a.b\"")).isEqualTo(TableName.of("a.b"));
        assertThat(dialect.parseTableName("\"a.b\"").key()).isNotEqualTo(dialect.parseTableName("a.b").key());
        assertThat(dialect.parseTableName("a.b").key()).isEqualTo(new TableKey("b"));
    }

    @Test
    void aQuotedTableInAnUnquotedSchemaKeepsItsCaseWhileTheSchemaFolds() {
        assertThat(Dialect.POSTGRESQL.parseTableName("S.\"Mixed Case\"")).isEqualTo(TableName.of("s", "Mixed Case"));
        assertThat(Dialect.H2.parseTableName("s.\"Mixed Case\"")).isEqualTo(TableName.of("S", "Mixed Case"));
        assertThat(Dialect.GENERIC.parseTableName("S.\"Mixed Case\"")).isEqualTo(TableName.of("s", "Mixed Case"));
        assertThat(Dialect.H2.parseTableName("s.\"Mixed Case\"").key()).isEqualTo(new TableKey("mixed case"));
    }

    @Test
    void everyPartMayBeQuotedAndUpToThreePartsAreRead() {
        assertThat(Dialect.POSTGRESQL.parseTableName(" db . public . Orders "))
                .isEqualTo(new TableName("db", "public", "orders"));
        assertThat(Dialect.POSTGRESQL.parseTableName("\"schema.with.dots\".\"T\""))
                .isEqualTo(TableName.of("schema.with.dots", "T"));
        assertThat(Dialect.H2.parseTableName("`back.tick`")).isEqualTo(TableName.of("back.tick"));
        assertThat(Dialect.H2.parseTableName("[Bracket Name]")).isEqualTo(TableName.of("Bracket Name"));
        assertThat(Dialect.POSTGRESQL.parseTableName("\"say \"\"hi\"\"\"")).isEqualTo(TableName.of("say \"hi\""));
        assertThat(Dialect.POSTGRESQL.parseTableName("\"Odd,Name\"")).isEqualTo(TableName.of("Odd,Name"));
    }

    @Test
    void unquotedNamesFoldByEachDatabasesRules() {
        assertThat(Dialect.POSTGRESQL.parseTableName("ÄpfelUndBirnen").name()).isEqualTo("Äpfelundbirnen");
        assertThat(Dialect.H2.parseTableName("straße").name()).isEqualTo("STRASSE");
        assertThat(Dialect.H2.parseTableName("\"straße\"").name()).isEqualTo("straße");
        assertThat(Dialect.GENERIC.parseTableName("Orders").name()).isEqualTo("orders");
    }

    @Test
    void aKeyIsTheSameWhetherH2FoldsUnquotedNamesOrKeepsThem() {
        // With DATABASE_TO_UPPER=FALSE, H2 stores Orders as written instead of ORDERS: both have the key of the name
        assertThat(Dialect.H2.parseTableName("Orders").name()).isEqualTo("ORDERS");
        assertThat(Dialect.H2.parseTableName("Orders").key()).isEqualTo(TableKey.of("Orders"))
                .isEqualTo(TableKey.of("ORDERS"));
    }

    @Test
    void postgresqlCutsANameAt63BytesQuotedOrNotAndTheOthersDoNot() {
        String stored = LONG.substring(0, 63);
        assertThat(Dialect.POSTGRESQL.parseTableName(LONG).name()).isEqualTo(stored);
        assertThat(Dialect.POSTGRESQL.parseTableName("\"" + LONG + "\"").name()).isEqualTo(stored);
        assertThat(Dialect.POSTGRESQL.parseTableName(LONG + "." + LONG).schema()).isEqualTo(stored);
        assertThat(Dialect.POSTGRESQL.parseTableName("\"" + "é".repeat(40) + "\"").name()).isEqualTo("é".repeat(31));
        assertThat(Dialect.H2.parseTableName(LONG).name()).isEqualTo(LONG.toUpperCase(Locale.ROOT));
        assertThat(Dialect.GENERIC.parseTableName(LONG).name()).isEqualTo(LONG);
    }

    @Test
    void aUnicodeEscapedNameIsTheNameItSpells() {
        assertThat(Dialect.POSTGRESQL.parseTableName("s.U&\"Mixed\\0020Case\"")).isEqualTo(TableName.of("s", "Mixed Case"));
        assertThat(Dialect.POSTGRESQL.parseTableName("u&\"d\\0061t\\+000065\"").name()).isEqualTo("date");
        assertThat(Dialect.POSTGRESQL.parseTableName("U&\"\\\\x\"").name()).isEqualTo("\\x");
    }

    static Stream<Arguments> spellings() {
        return Stream.of(
                Arguments.of(Dialect.POSTGRESQL, "public.orders"),
                Arguments.of(Dialect.POSTGRESQL, "ORDERS"),
                Arguments.of(Dialect.POSTGRESQL, "s.\"Mixed Case\""),
                Arguments.of(Dialect.POSTGRESQL, "s.\"a.b\""),
                Arguments.of(Dialect.POSTGRESQL, LONG.toUpperCase(Locale.ROOT)),
                Arguments.of(Dialect.POSTGRESQL, "\"" + LONG + "\""),
                Arguments.of(Dialect.POSTGRESQL, "ÄpfelUndBirnen"),
                Arguments.of(Dialect.H2, "straße"),
                Arguments.of(Dialect.H2, "PUBLIC.\"straße\""),
                Arguments.of(Dialect.H2, "s.\"Mixed Case\""),
                Arguments.of(Dialect.H2, "`Back Tick`"),
                Arguments.of(Dialect.GENERIC, "Sales.Orders"));
    }

    @ParameterizedTest
    @MethodSource("spellings")
    void aNameHasTheKeyAStatementNamingItGives(Dialect dialect, String name) {
        StatementAnalysis analysis = analyzer.analyze("SELECT * FROM " + name, dialect);
        assertThat(analysis.tablesRead()).as(name).hasSize(1);
        TableName read = analysis.tablesRead().iterator().next();
        assertThat(dialect.parseTableName(name)).isEqualTo(read);
        assertThat(dialect.parseTableName(name).key()).isEqualTo(read.key());
    }

    @Test
    void aListSkipsEmptyEntriesAndSplitsOnlyOnCommasOutsideQuotes() {
        assertThat(Dialect.POSTGRESQL.parseTableNames("orders,, \"Odd,Name\" ,audit.events,"))
                .containsExactly(TableName.of("orders"), TableName.of("Odd,Name"), TableName.of("audit", "events"));
        assertThat(Dialect.POSTGRESQL.parseTableNames("")).isEmpty();
        assertThat(Dialect.POSTGRESQL.parseTableNames(" , ")).isEmpty();
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("", "no table name is given"),
                Arguments.of("   ", "no table name is given"),
                Arguments.of("\"orders", "a quote is not closed"),
                Arguments.of("s.\"Mixed Case", "a quote is not closed"),
                Arguments.of("\"\"", "a quoted table name is empty"),
                Arguments.of("public.", "a part of a qualified table name is empty"),
                Arguments.of(".orders", "a part of a qualified table name is empty"),
                Arguments.of("a..b", "a part of a qualified table name is empty"),
                Arguments.of("x\"orders\"", "a quote in the middle of a table name"),
                Arguments.of("\"orders\"x", "text after a quoted table name"),
                Arguments.of("orders sessions", "contains a space"),
                Arguments.of("orders, sessions", "one table name is expected, not a list"),
                Arguments.of("orders,", "one table name is expected, not a list"),
                Arguments.of("a.b.c.d", "at most three parts"),
                Arguments.of("U&\"d\\00zz\"", "a Unicode escape in a quoted table name is malformed"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void textThatIsNotOneTableNameIsRefusedWithTheProblemNamed(String text, String problem) {
        for (Dialect dialect : Dialect.values()) {
            assertThatThrownBy(() -> dialect.parseTableName(text)).as(dialect + ": " + text)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(problem);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"orders", "orders sessions", "a..b", "\"orders\"x"})
    void aListWithAMalformedEntryIsRefused(String text) {
        assertThatThrownBy(() -> Dialect.H2.parseTableNames("audit, " + text))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keysOfNamesThatDifferOnlyInCaseAreEqual() {
        assertThat(new TableKey("Orders")).isEqualTo(new TableKey("ORDERS")).isEqualTo(TableKey.of("orders"))
                .hasSameHashCodeAs(new TableKey("orders"));
        assertThat(new TableKey("straße")).isEqualTo(new TableKey("STRASSE"));
        assertThat(new TableKey("Orders").name()).isEqualTo("orders");
        assertThat(new TableKey("Orders")).hasToString("orders");
        assertThat(List.of(new TableKey("a.b"))).doesNotContain(new TableKey("b"));
    }

    @Test
    void aNameMakesItsKeyOnceAndEqualsAnyNameWithTheSameParts() {
        // The write path asks an analysis's names for their keys on every execution: that must allocate nothing.
        TableName name = Dialect.H2.parseTableName("s.Orders");
        assertThat(name.key()).isSameAs(name.key()).isEqualTo(new TableKey("orders"));
        assertThat(name).isEqualTo(TableName.of("S", "ORDERS")).hasSameHashCodeAs(TableName.of("S", "ORDERS"))
                .isNotEqualTo(TableName.of("ORDERS")).isNotEqualTo(new TableName("C", "S", "ORDERS"));
        assertThat(new TableName("c", "s", "t")).hasToString("c.s.t");
    }
}
