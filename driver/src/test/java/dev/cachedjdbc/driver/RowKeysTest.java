package dev.cachedjdbc.driver;

import dev.cachedjdbc.statement.BoundParameters;
import dev.cachedjdbc.statement.RowKeys;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.analysis.RowKeyValue;
import dev.cachedjdbc.statement.BoundParameters.Setter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.JDBCType;
import java.sql.Types;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which bound values count as row keys: only integers the database is sure to compare as integers. */
class RowKeysTest {

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
    void stringsNullsAndFloatingPointAreNeverKeys() {
        assertThat(BoundParameters.integerKey(BoundParameters.typed(Setter.STRING, "5"))).isNull();
        assertThat(BoundParameters.integerKey(BoundParameters.typed(Setter.INT, null))).isNull();
        assertThat(BoundParameters.integerKey(BoundParameters.nullValue(Types.INTEGER))).isNull();
        assertThat(BoundParameters.integerKey(BoundParameters.typed(Setter.DOUBLE, 5.0d))).isNull();
        assertThat(BoundParameters.integerKey(BoundParameters.UNCACHEABLE)).isNull();
        assertThat(BoundParameters.integerKey(null)).isNull();
    }

    @Test
    void aRestrictionResolvesToItsLiteralsAndBoundParameters() {
        List<RowKeyValue> restriction = List.of(new RowKeyValue.Parameter(2), new RowKeyValue.IntegerLiteral(-3));
        Object[] parameters = {BoundParameters.typed(Setter.STRING, "x"), BoundParameters.typed(Setter.INT, 8)};

        assertThat(RowKeys.resolve(restriction, parameters)).containsExactly(8L, -3L);
    }

    @Test
    void aRestrictionWithAnUnusableOrMissingParameterResolvesToNothing() {
        List<RowKeyValue> restriction = List.of(new RowKeyValue.Parameter(1));

        assertThat(RowKeys.resolve(restriction, new Object[] {BoundParameters.typed(Setter.STRING, "8")})).isNull();
        assertThat(RowKeys.resolve(restriction, RowKeys.NO_PARAMETERS)).isNull();
    }
}
