package dev.cachedjdbc.cache;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EarlyRefreshTest {

    private static final long LOAD_NANOS = 2_000_000;

    @Test
    void theWindowIsTenLoadDurations() {
        assertThat(new EarlyRefresh(true, () -> 0.5).windowNanos(LOAD_NANOS)).isEqualTo(10 * LOAD_NANOS);
    }

    @Test
    void turnedOffOrAfterALoadThatTookNoTimeTheWindowIsEmpty() {
        assertThat(new EarlyRefresh(false, () -> 0.5).windowNanos(LOAD_NANOS)).isZero();
        assertThat(new EarlyRefresh(true, () -> 0.5).windowNanos(0)).isZero();
    }

    @Test
    void aWindowTooLongForTheClockSaturates() {
        assertThat(new EarlyRefresh(true, () -> 0.5).windowNanos(Long.MAX_VALUE / 2)).isEqualTo(Long.MAX_VALUE);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -0.5, 1.5, Double.NaN, Double.NEGATIVE_INFINITY})
    void aDrawOutsideZeroToOneRefreshesNothing(double strayDraw) {
        assertThat(new EarlyRefresh(true, () -> strayDraw).drawsRefresh(0, LOAD_NANOS)).isFalse();
    }

    @Test
    void aDrawOfOneRefreshesOnlyWhenNoTimeIsLeft() {
        EarlyRefresh refresh = new EarlyRefresh(true, () -> 1.0);

        assertThat(refresh.drawsRefresh(1, LOAD_NANOS)).isFalse();
        assertThat(refresh.drawsRefresh(0, LOAD_NANOS)).isTrue();
    }
}
