package dev.cachedjdbc.statement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.analysis.RowKeyValue;
import dev.cachedjdbc.schema.ColumnKind;
import dev.cachedjdbc.statement.BoundParameters.Setter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.JDBCType;
import java.sql.Types;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Which values count for a column compared exactly: only values of the column's own type, bound so that the database
 * compares them as that type, and literals of that type.
 */
class RowValuesTest {

    private static final List<RowKeyValue> FIRST_PARAMETER = List.of(new RowKeyValue.Parameter(1));

    private static long[] codes(ColumnKind kind, Object slot) {
        return RowValues.codes(kind, FIRST_PARAMETER, new Object[] {slot});
    }

    @Test
    void integersBoundByIntegerSettersAreKeys() {
        assertThat(BoundParameters.integerKey(BoundParameters.typed(Setter.INT, 5))).isEqualTo(5L);
        assertThat(BoundParameters.integerKey(BoundParameters.typed(Setter.LONG, 5L))).isEqualTo(5L);
        assertThat(BoundParameters.integerKey(BoundParameters.typed(Setter.SHORT, (short) -5))).isEqualTo(-5L);
        assertThat(BoundParameters.integerKey(BoundParameters.typed(Setter.BYTE, (byte) 7))).isEqualTo(7L);
    }

    @Test
    void decimalsWithoutAFractionAreKeysAndOthersAreNot() {
        assertThat(BoundParameters.integerKey(BoundParameters.typed(Setter.BIG_DECIMAL, new BigDecimal("5.00"))))
                .isEqualTo(5L);
        assertThat(BoundParameters.integerKey(BoundParameters.typed(Setter.BIG_DECIMAL, new BigDecimal("5.5"))))
                .isNull();
        assertThat(BoundParameters.integerKey(BoundParameters.typed(Setter.BIG_DECIMAL,
                new BigDecimal("1e30")))).isNull();
    }

    @Test
    void setObjectCountsWithoutATargetOrWithAnIntegerTarget() {
        assertThat(BoundParameters.integerKey(BoundParameters.object(5L, null, 0))).isEqualTo(5L);
        assertThat(BoundParameters.integerKey(BoundParameters.object(5, Types.BIGINT, 0))).isEqualTo(5L);
        assertThat(BoundParameters.integerKey(BoundParameters.object(5, JDBCType.INTEGER, 0))).isEqualTo(5L);
        assertThat(BoundParameters.integerKey(BoundParameters.object(BigInteger.TEN, null, 0))).isEqualTo(10L);
        assertThat(BoundParameters.integerKey(BoundParameters.object(5, Types.VARCHAR, 0))).isNull();
        assertThat(BoundParameters.integerKey(BoundParameters.object("5", null, 0))).isNull();
        assertThat(BoundParameters.integerKey(BoundParameters.object(5.0d, null, 0))).isNull();
    }

    @Test
    void stringsNullsAndFloatingPointAreNeverIntegerKeys() {
        assertThat(codes(ColumnKind.INTEGER, BoundParameters.typed(Setter.STRING, "5"))).isNull();
        assertThat(codes(ColumnKind.INTEGER, BoundParameters.typed(Setter.INT, null))).isNull();
        assertThat(codes(ColumnKind.INTEGER, BoundParameters.nullValue(Types.INTEGER))).isNull();
        assertThat(codes(ColumnKind.INTEGER, BoundParameters.typed(Setter.DOUBLE, 5.0d))).isNull();
        assertThat(codes(ColumnKind.INTEGER, BoundParameters.UNCACHEABLE)).isNull();
        assertThat(codes(ColumnKind.INTEGER, null)).isNull();
    }

    @Test
    void anIntegerColumnTakesIntegerLiteralsAndBoundIntegersAndItsCodeIsTheValue() {
        List<RowKeyValue> values = List.of(new RowKeyValue.Parameter(2), new RowKeyValue.IntegerLiteral(-3));
        Object[] parameters = {BoundParameters.typed(Setter.STRING, "x"), BoundParameters.typed(Setter.INT, 8)};

        assertThat(RowValues.codes(ColumnKind.INTEGER, values, parameters)).containsExactly(8L, -3L);
    }

    @Test
    void aStringIsNoValueOfAnIntegerColumnNorAnIntegerOfATextColumn() {
        assertThat(RowValues.codes(ColumnKind.INTEGER, List.of(new RowKeyValue.TextLiteral("1")),
                RowValues.NO_PARAMETERS)).isNull();
        assertThat(RowValues.codes(ColumnKind.TEXT, List.of(new RowKeyValue.IntegerLiteral(1)),
                RowValues.NO_PARAMETERS)).isNull();
        assertThat(codes(ColumnKind.TEXT, BoundParameters.typed(Setter.INT, 1))).isNull();
        assertThat(codes(ColumnKind.TEXT, BoundParameters.object(1L, null, 0))).isNull();
    }

    @Test
    void aTextColumnTakesStringsBoundAsStringsAndStringLiteralsAlike() {
        long[] literal = RowValues.codes(ColumnKind.TEXT, List.of(new RowKeyValue.TextLiteral("Main_Page")),
                RowValues.NO_PARAMETERS);

        assertThat(codes(ColumnKind.TEXT, BoundParameters.typed(Setter.STRING, "Main_Page"))).isEqualTo(literal);
        assertThat(codes(ColumnKind.TEXT, BoundParameters.typed(Setter.NSTRING, "Main_Page"))).isEqualTo(literal);
        assertThat(codes(ColumnKind.TEXT, BoundParameters.object("Main_Page", null, 0))).isEqualTo(literal);
        assertThat(codes(ColumnKind.TEXT, BoundParameters.typed(Setter.STRING, "main_page"))).isNotEqualTo(literal);
        assertThat(codes(ColumnKind.TEXT, BoundParameters.object("Main_Page", Types.OTHER, 0))).isNull();
        assertThat(codes(ColumnKind.TEXT, BoundParameters.typed(Setter.STRING, null))).isNull();
    }

    @Test
    void textCodesIgnoreTrailingSpacesWhichPaddedColumnsIgnore() {
        assertThat(RowValues.textCode("ab  ")).isEqualTo(RowValues.textCode("ab"));
        assertThat(RowValues.textCode(" ab")).isNotEqualTo(RowValues.textCode("ab"));
        assertThat(RowValues.textCode("")).isEqualTo(RowValues.textCode("   "));
    }

    @Test
    void stringsWithAnUnpairedSurrogateAreNoValue() {
        assertThat(RowValues.textCode("a\uD83D")).isNull();
        assertThat(RowValues.textCode("\uDE00a")).isNull();
        assertThat(RowValues.textCode("a\uD83D\uDE00")).isNotNull();
    }

    @Test
    void uuidAndDateColumnsTakeOnlyTheirOwnTypesBoundBySetObject() {
        UUID uuid = UUID.fromString("0b4f8a3e-8f8e-4c4a-9a55-1b2f1c4d5e6f");
        LocalDate day = LocalDate.of(2024, 1, 31);

        assertThat(codes(ColumnKind.UUID, BoundParameters.object(uuid, null, 0)))
                .isEqualTo(codes(ColumnKind.UUID, BoundParameters.object(UUID.fromString(uuid.toString()), null, 0)));
        assertThat(codes(ColumnKind.UUID, BoundParameters.typed(Setter.STRING, uuid.toString()))).isNull();
        assertThat(codes(ColumnKind.UUID, BoundParameters.object(uuid, Types.OTHER, 0))).isNull();
        assertThat(codes(ColumnKind.DATE, BoundParameters.object(day, null, 0))).containsExactly(day.toEpochDay());
        assertThat(codes(ColumnKind.DATE, BoundParameters.typed(Setter.DATE, java.sql.Date.valueOf(day)))).isNull();
        assertThat(codes(ColumnKind.DATE, BoundParameters.typed(Setter.STRING, "2024-01-31"))).isNull();
        assertThat(RowValues.codes(ColumnKind.UUID, List.of(new RowKeyValue.TextLiteral(uuid.toString())),
                RowValues.NO_PARAMETERS)).isNull();
    }

    @Test
    void aMissingParameterResolvesToNothing() {
        assertThat(RowValues.codes(ColumnKind.INTEGER, FIRST_PARAMETER, RowValues.NO_PARAMETERS)).isNull();
    }
}
