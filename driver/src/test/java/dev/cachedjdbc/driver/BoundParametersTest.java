package dev.cachedjdbc.driver;

import dev.cachedjdbc.statement.BoundParameters;
import dev.cachedjdbc.statement.CacheKey;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.statement.BoundParameters.Setter;
import java.math.BigDecimal;
import java.sql.JDBCType;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.util.Calendar;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

class BoundParametersTest {

    private static Object[] bind(Object... keyValues) {
        BoundParameters parameters = new BoundParameters();
        for (int i = 0; i < keyValues.length; i++) {
            parameters.set(i + 1, keyValues[i]);
        }
        return parameters.snapshot();
    }

    private static CacheKey key(Object[] parameters) {
        return new CacheKey("select ?", parameters, "session", 0);
    }

    @Test
    void sameValuesBoundTheSameWayMakeEqualKeys() {
        assertThat(key(bind(BoundParameters.typed(Setter.INT, 5), BoundParameters.typed(Setter.STRING, "x"))))
                .isEqualTo(key(bind(BoundParameters.typed(Setter.INT, 5), BoundParameters.typed(Setter.STRING, "x"))))
                .hasSameHashCodeAs(key(bind(BoundParameters.typed(Setter.INT, 5), BoundParameters.typed(Setter.STRING, "x"))));
    }

    @Test
    void theSameValueBoundByDifferentSettersMakesDifferentKeys() {
        assertThat(key(bind(BoundParameters.typed(Setter.INT, 5))))
                .isNotEqualTo(key(bind(BoundParameters.typed(Setter.LONG, 5L))))
                .isNotEqualTo(key(bind(BoundParameters.typed(Setter.STRING, "5"))))
                .isNotEqualTo(key(bind(BoundParameters.object(5, null, 0))));
        assertThat(BoundParameters.object(5, Types.VARCHAR, 0)).isNotEqualTo(BoundParameters.object(5, null, 0));
        assertThat(BoundParameters.object(5, JDBCType.VARCHAR, 0)).isNotEqualTo(BoundParameters.object(5, Types.BIGINT, 0));
    }

    @Test
    void differentValuesMakeDifferentKeys() {
        assertThat(key(bind(BoundParameters.typed(Setter.BIG_DECIMAL, new BigDecimal("1.0")))))
                .isNotEqualTo(key(bind(BoundParameters.typed(Setter.BIG_DECIMAL, new BigDecimal("1.00")))));
        assertThat(key(bind(BoundParameters.object(LocalDate.of(2024, 1, 1), null, 0))))
                .isNotEqualTo(key(bind(BoundParameters.object(LocalDate.of(2024, 1, 2), null, 0))));
    }

    @Test
    void aKeyKeepsTheValuesItWasMadeWithWhenTheStatementIsRebound() {
        BoundParameters parameters = new BoundParameters(2);
        parameters.set(1, BoundParameters.typed(Setter.INT, 1));
        parameters.set(2, BoundParameters.typed(Setter.INT, 2));
        CacheKey first = key(parameters.snapshot());
        CacheKey same = key(bind(BoundParameters.typed(Setter.INT, 1), BoundParameters.typed(Setter.INT, 2)));

        parameters.set(2, BoundParameters.typed(Setter.INT, 3));
        CacheKey second = key(parameters.snapshot());
        parameters.clear();
        parameters.set(1, BoundParameters.typed(Setter.INT, 4));
        parameters.set(2, BoundParameters.typed(Setter.INT, 4));

        assertThat(first).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(second).isEqualTo(key(bind(BoundParameters.typed(Setter.INT, 1), BoundParameters.typed(Setter.INT, 3))));
    }

    @Test
    void nullsKeepTheirDeclaredType() {
        assertThat(BoundParameters.nullValue(Types.INTEGER)).isEqualTo(BoundParameters.nullValue(Types.INTEGER));
        assertThat(BoundParameters.nullValue(Types.INTEGER)).isNotEqualTo(BoundParameters.nullValue(Types.VARCHAR));
    }

    @Test
    void byteArraysCompareByContentAndLaterChangesDoNotReachTheKey() {
        byte[] bytes = {1, 2, 3};
        Object bound = BoundParameters.typed(Setter.BYTES, bytes);
        assertThat(bound).isEqualTo(BoundParameters.typed(Setter.BYTES, new byte[] {1, 2, 3}));
        bytes[0] = 9;
        assertThat(bound).isEqualTo(BoundParameters.typed(Setter.BYTES, new byte[] {1, 2, 3}));
    }

    @Test
    void mutableTimestampsAreCopied() {
        Timestamp timestamp = Timestamp.valueOf("2024-05-01 10:00:00.123456789");
        Object bound = BoundParameters.typed(Setter.TIMESTAMP, timestamp);
        timestamp.setTime(0);
        assertThat(bound).isEqualTo(BoundParameters.typed(Setter.TIMESTAMP, Timestamp.valueOf("2024-05-01 10:00:00.123456789")));
    }

    @Test
    void theCalendarZoneIsPartOfTheKey() {
        Timestamp timestamp = Timestamp.valueOf("2024-05-01 10:00:00");
        Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
        Calendar tokyo = Calendar.getInstance(TimeZone.getTimeZone("Asia/Tokyo"));
        assertThat(BoundParameters.withCalendar(Setter.TIMESTAMP, timestamp, utc))
                .isNotEqualTo(BoundParameters.withCalendar(Setter.TIMESTAMP, timestamp, tokyo))
                .isNotEqualTo(BoundParameters.typed(Setter.TIMESTAMP, timestamp));
    }

    @Test
    void valuesWhoseEqualityCannotBeTrustedMakeTheExecutionUncacheable() {
        BoundParameters parameters = new BoundParameters();
        parameters.set(1, BoundParameters.object(new StringBuilder("mutable"), null, 0));
        assertThat(parameters.cacheable()).isFalse();
        parameters.set(1, BoundParameters.typed(Setter.STRING, "fine"));
        assertThat(parameters.cacheable()).isTrue();
        parameters.set(2, BoundParameters.UNCACHEABLE);
        assertThat(parameters.cacheable()).isFalse();
        parameters.clear();
        assertThat(parameters.cacheable()).isTrue();
        assertThat(parameters.snapshot()).isEmpty();
    }

    @Test
    void snapshotIsNotChangedByLaterBinding() {
        BoundParameters parameters = new BoundParameters();
        parameters.set(1, BoundParameters.typed(Setter.INT, 1));
        Object[] snapshot = parameters.snapshot();
        parameters.set(1, BoundParameters.typed(Setter.INT, 2));
        assertThat(snapshot).containsExactly(BoundParameters.typed(Setter.INT, 1));
    }

    @Test
    void keysDifferBySessionAndRowLimit() {
        Object[] none = new Object[0];
        assertThat(new CacheKey("select 1", none, "a", 0)).isNotEqualTo(new CacheKey("select 1", none, "b", 0));
        assertThat(new CacheKey("select 1", none, "a", 0)).isNotEqualTo(new CacheKey("select 1", none, "a", 10));
        assertThat(new CacheKey("select 1", none, "a", 0)).isEqualTo(new CacheKey("select 1", new Object[0], "a", 0));
    }

    @Test
    void legacyDateClassesOfTheSameMillisecondMakeDifferentKeys() {
        long millis = 1_710_113_400_000L;
        assertThat(BoundParameters.object(new java.sql.Date(millis), null, 0))
                .isNotEqualTo(BoundParameters.object(new java.sql.Time(millis), null, 0))
                .isNotEqualTo(BoundParameters.object(new Timestamp(millis), null, 0))
                .isNotEqualTo(BoundParameters.object(new java.util.Date(millis), null, 0));
        assertThat(BoundParameters.object(new java.sql.Date(millis), null, 0))
                .isEqualTo(BoundParameters.object(new java.sql.Date(millis), null, 0));
    }

    @Test
    void theJvmZoneAtBindingIsPartOfTheKeyOfLegacyDateValues() {
        TimeZone before = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
            Object inUtc = BoundParameters.typed(Setter.DATE, new java.sql.Date(0));
            Object objectInUtc = BoundParameters.object(new Timestamp(0), null, 0);
            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Tokyo"));
            assertThat(BoundParameters.typed(Setter.DATE, new java.sql.Date(0))).isNotEqualTo(inUtc);
            assertThat(BoundParameters.object(new Timestamp(0), null, 0)).isNotEqualTo(objectInUtc);
            assertThat(BoundParameters.object(LocalDate.of(2024, 1, 1), null, 0))
                    .as("java.time values do not depend on the JVM zone")
                    .isEqualTo(BoundParameters.object(LocalDate.of(2024, 1, 1), null, 0));
        } finally {
            TimeZone.setDefault(before);
        }
    }

    @Test
    void calendarsAreComparedByHowTheyConvertNotByTheirZoneName() {
        Timestamp timestamp = Timestamp.valueOf("2024-05-01 10:00:00");
        Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
        Calendar shiftedButNamedUtc = Calendar.getInstance(new java.util.SimpleTimeZone(3_600_000, "UTC"));
        Calendar buddhist = new Calendar.Builder().setCalendarType("buddhist")
                .setTimeZone(TimeZone.getTimeZone("UTC")).build();
        assertThat(BoundParameters.withCalendar(Setter.TIMESTAMP, timestamp, utc))
                .isNotEqualTo(BoundParameters.withCalendar(Setter.TIMESTAMP, timestamp, shiftedButNamedUtc))
                .isNotEqualTo(BoundParameters.withCalendar(Setter.TIMESTAMP, timestamp, buddhist))
                .isEqualTo(BoundParameters.withCalendar(Setter.TIMESTAMP, timestamp,
                        Calendar.getInstance(TimeZone.getTimeZone("UTC"))));
    }

    @Test
    void subclassesOfValueClassesMakeTheExecutionUncacheable() {
        Timestamp subclass = new Timestamp(0) {
            @Override
            public String toString() {
                return "not what it seems";
            }
        };
        BigDecimal decimalSubclass = new BigDecimal("1") {
            @Override
            public String toString() {
                return "2";
            }
        };
        assertThat(BoundParameters.typed(Setter.TIMESTAMP, subclass)).isSameAs(BoundParameters.UNCACHEABLE);
        assertThat(BoundParameters.object(decimalSubclass, null, 0)).isSameAs(BoundParameters.UNCACHEABLE);
    }

    @Test
    void nullsKeepTheirTargetTypeAndTypeName() {
        assertThat(BoundParameters.object(null, JDBCType.INTEGER, 0))
                .isNotEqualTo(BoundParameters.object(null, JDBCType.VARCHAR, 0))
                .isNotEqualTo(BoundParameters.object(null, null, 0));
        assertThat(BoundParameters.nullValue(Types.OTHER, "int4"))
                .isNotEqualTo(BoundParameters.nullValue(Types.OTHER, "text"))
                .isNotEqualTo(BoundParameters.nullValue(Types.OTHER));
    }

    @Test
    void valuesOfDifferentClassesThatEqualEachOtherMakeDifferentKeys() {
        assertThat(BoundParameters.object('a', null, 0)).isNotEqualTo(BoundParameters.object("a", null, 0));
        assertThat(BoundParameters.typed(Setter.DOUBLE, -0.0)).isNotEqualTo(BoundParameters.typed(Setter.DOUBLE, 0.0));
    }
}
