package dev.cachedjdbc.cache;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class QueryCacheSettingsTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void acceptsTheEdgesOfEveryRange() {
        assertThatCode(() -> new QueryCacheSettings(Duration.ZERO, 0.0, 0, Duration.ZERO, false))
                .doesNotThrowAnyException();
        assertThatCode(() -> new QueryCacheSettings(MINUTE, 1.0, Long.MAX_VALUE, MINUTE, true))
                .doesNotThrowAnyException();
    }

    @Test
    void rejectsANegativeTtl() {
        assertThatThrownBy(() -> new QueryCacheSettings(Duration.ofSeconds(-1), 0.1, 10, MINUTE, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ttl");
    }

    @Test
    void rejectsJitterOutsideZeroToOne() {
        for (double jitter : new double[] {-0.01, 1.01, Double.NaN}) {
            assertThatThrownBy(() -> new QueryCacheSettings(MINUTE, jitter, 10, MINUTE, true))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ttlJitter");
        }
    }

    @Test
    void rejectsANegativeSizeBound() {
        assertThatThrownBy(() -> new QueryCacheSettings(MINUTE, 0.1, -1, MINUTE, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBytes");
    }

    @Test
    void rejectsANegativeSingleFlightTimeout() {
        assertThatThrownBy(() -> new QueryCacheSettings(MINUTE, 0.1, 10, Duration.ofMillis(-1), true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("singleFlightTimeout");
    }

    @Test
    void rejectsMissingDurations() {
        assertThatThrownBy(() -> new QueryCacheSettings(null, 0.1, 10, MINUTE, true))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new QueryCacheSettings(MINUTE, 0.1, 10, null, true))
                .isInstanceOf(NullPointerException.class);
    }
}
