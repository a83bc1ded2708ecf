package dev.cachedjdbc.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.analysis.TableKey;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * missesAfterEviction counts the misses a larger cache would have answered: of a key the size bound evicted, while
 * its entry's lifetime was not over and no write had made it stale. Misses after an invalidation or an expiry are
 * not counted.
 */
class MissesAfterEvictionTest {

    private static final List<TableKey> ORDERS = List.of(TableKey.of("orders"));
    private static final Duration TTL = Duration.ofSeconds(60);
    /** Room for one of the 600-character values the tests load, not two. */
    private static final long MAX_BYTES = 1_000;

    private final TableVersions versions = new TableVersions();
    private final FakeTicker ticker = new FakeTicker();
    private final QueryCache<String, String> cache = TestCaches.cache(
            TestCaches.settings(TTL, 0.0, MAX_BYTES, Duration.ofSeconds(1)), versions, ticker, () -> 0.0);

    /** Loads two keys of which the bound keeps one, and looks both up: returns the key it evicted, missed once. */
    private String loadTwoAndMissTheEvicted() throws Exception {
        cache.load("a", ORDERS, TestLoader.running(() -> "a".repeat(600)));
        cache.load("b", ORDERS, TestLoader.running(() -> "b".repeat(600)));
        assertThat(cache.statistics().evictions()).isEqualTo(1);
        // The size policy may keep either; the entry still held tells which went.
        boolean keptA = cache.getIfFresh("a") != null;
        boolean keptB = cache.getIfFresh("b") != null;
        assertThat(keptA).as("exactly one is kept").isNotEqualTo(keptB);
        return keptA ? "b" : "a";
    }

    @Test
    void aMissOfAKeyTheSizeBoundEvictedIsCountedOnce() throws Exception {
        String evicted = loadTwoAndMissTheEvicted();
        assertThat(cache.statistics().missesAfterEviction()).as("the lookup that found %s gone", evicted)
                .isEqualTo(1);

        assertThat(cache.getIfFresh(evicted)).isNull();

        assertThat(cache.statistics().missesAfterEviction()).as("one eviction counts one miss").isEqualTo(1);
        assertThat(cache.statistics().misses()).isEqualTo(2);
    }

    @Test
    void aMissAfterAnInvalidationIsNotCounted() throws Exception {
        cache.load("q", ORDERS, TestLoader.running(() -> "row"));
        versions.invalidate(ORDERS);

        assertThat(cache.getIfFresh("q")).isNull();
        assertThat(cache.getIfFresh("q")).isNull();

        assertThat(cache.statistics().misses()).isEqualTo(2);
        assertThat(cache.statistics().missesAfterEviction()).isZero();
    }

    @Test
    void aMissAfterAnExpiryIsNotCounted() throws Exception {
        cache.load("q", ORDERS, TestLoader.running(() -> "row"));
        ticker.advance(TTL);

        assertThat(cache.getIfFresh("q")).isNull();

        assertThat(cache.statistics().missesAfterEviction()).isZero();
    }

    @Test
    void aMissOfAnEvictedKeyWhoseEntryWouldHaveExpiredMeanwhileIsNotCounted() throws Exception {
        cache.load("a", ORDERS, TestLoader.running(() -> "a".repeat(600)));
        cache.load("b", ORDERS, TestLoader.running(() -> "b".repeat(600)));
        ticker.advance(TTL);

        assertThat(cache.getIfFresh("a")).isNull();
        assertThat(cache.getIfFresh("b")).isNull();

        assertThat(cache.statistics().evictions()).isEqualTo(1);
        assertThat(cache.statistics().missesAfterEviction()).isZero();
    }

    @Test
    void aMissOfAnEvictedKeyWhoseTableWasWrittenMeanwhileIsNotCounted() throws Exception {
        cache.load("a", ORDERS, TestLoader.running(() -> "a".repeat(600)));
        cache.load("b", ORDERS, TestLoader.running(() -> "b".repeat(600)));
        versions.invalidate(ORDERS);

        assertThat(cache.getIfFresh("a")).isNull();
        assertThat(cache.getIfFresh("b")).isNull();

        assertThat(cache.statistics().evictions()).isEqualTo(1);
        assertThat(cache.statistics().missesAfterEviction()).isZero();
    }

    @Test
    void theStatisticsReportTheBoundBesideTheBytesInUse() throws Exception {
        cache.load("q", ORDERS, TestLoader.running(() -> "row"));

        assertThat(cache.statistics().maxBytes()).isEqualTo(MAX_BYTES);
        assertThat(cache.statistics().estimatedBytes()).isEqualTo(3);
    }
}
