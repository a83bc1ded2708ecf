package dev.cachedjdbc.cache;

import dev.cachedjdbc.analysis.TableKey;
import dev.cachedjdbc.driver.CacheStatistics;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;

class QueryCacheSizeBoundTest {

    private static final List<TableKey> ORDERS = List.of(TableKey.of("orders"));

    private final TableVersions versions = new TableVersions();
    private final FakeTicker ticker = new FakeTicker();

    @Test
    void theSumOfEstimatedSizesNeverExceedsTheBoundAndWhatItPushesOutIsCountedAsEvicted() throws Exception {
        long maxBytes = 10_000;
        QueryCache<String, String> cache = TestCaches.cache(
                TestCaches.settings(TestCaches.TTL, 0.0, maxBytes, Duration.ofSeconds(1)), versions, ticker,
                () -> 0.0);
        String hundredBytes = "x".repeat(100);
        int loaded = 1_000;

        for (int i = 0; i < loaded; i++) {
            cache.load("q" + i, ORDERS, TestLoader.running(() -> hundredBytes));
            assertThat(cache.statistics().estimatedBytes()).isLessThanOrEqualTo(maxBytes);
        }

        CacheStatistics statistics = cache.statistics();
        assertThat(statistics.entries()).isBetween(1L, maxBytes / 100);
        assertThat(statistics.estimatedBytes()).isEqualTo(statistics.entries() * 100);
        assertThat(statistics.evictions()).isEqualTo(loaded - statistics.entries());
    }

    @Test
    void withUpkeepOnItsOwnThreadsTheEstimateStillNeverExceedsTheBoundWhenALoadReturns() throws Exception {
        long maxBytes = 10_000;
        QueryCache<String, String> cache = TestCaches.cacheAsTheDriverBuildsIt(
                TestCaches.settings(TestCaches.TTL, 0.0, maxBytes, Duration.ofSeconds(1)), versions);
        String kilobyte = "x".repeat(1_000);

        long largest = 0;
        for (int i = 0; i < 20_000; i++) {
            cache.load("q" + i, ORDERS, TestLoader.running(() -> kilobyte));
            largest = Math.max(largest, cache.statistics().estimatedBytes());
        }

        assertThat(largest).isLessThanOrEqualTo(maxBytes);
    }

    @Test
    void aValueLargerThanTheWholeBoundIsNotStoredAndEvictsNothing() throws Exception {
        QueryCache<String, String> cache = TestCaches.cache(
                TestCaches.settings(TestCaches.TTL, 0.0, 1_000, Duration.ofSeconds(1)), versions, ticker, () -> 0.0);
        cache.load("small", ORDERS, TestLoader.running(() -> "row"));

        CallerResult result = cache.load("huge", ORDERS, TestLoader.running(() -> "x".repeat(1_001)));

        assertThat(result.row()).hasSize(1_001);
        assertThat(cache.getIfFresh("huge")).isNull();
        assertThat(cache.getIfFresh("small")).isEqualTo("row");
        assertThat(cache.statistics().evictions()).isZero();
    }

    @Test
    void aValueOfExactlyTheBoundIsStored() throws Exception {
        QueryCache<String, String> cache = TestCaches.cache(
                TestCaches.settings(TestCaches.TTL, 0.0, 1_000, Duration.ofSeconds(1)), versions, ticker, () -> 0.0);

        cache.load("q", ORDERS, TestLoader.running(() -> "x".repeat(1_000)));

        assertThat(cache.getIfFresh("q")).hasSize(1_000);
    }

    @Test
    void expiryIsNotCountedAsEviction() throws Exception {
        QueryCache<String, String> cache = TestCaches.cache(
                TestCaches.settings(Duration.ofSeconds(10), 0.0, 1_000, Duration.ofSeconds(1)), versions, ticker,
                () -> 0.0);
        for (int i = 0; i < 10; i++) {
            cache.load("q" + i, ORDERS, TestLoader.running(() -> "row"));
        }

        ticker.advance(Duration.ofSeconds(10));
        cache.load("after expiry", ORDERS, TestLoader.running(() -> "row"));

        assertThat(cache.statistics().entries()).as("the expired entries are gone").isEqualTo(1);
        assertThat(cache.statistics().evictions()).isZero();
    }

    @Test
    void aWeigherThatFailsLeavesTheValueUncachedButTheCallerServed() throws Exception {
        QueryCache<String, String> cache = cacheWeighingWith(value -> {
            throw new IllegalStateException("cannot size this value");
        });

        CallerResult result = cache.load("q", ORDERS, TestLoader.running(() -> "row"));

        assertThat(result.row()).isEqualTo("row");
        assertThat(cache.getIfFresh("q")).isNull();
    }

    @Test
    void aNegativeSizeEstimateLeavesTheValueUncached() throws Exception {
        QueryCache<String, String> cache = cacheWeighingWith(value -> -1);

        cache.load("q", ORDERS, TestLoader.running(() -> "row"));

        assertThat(cache.getIfFresh("q")).isNull();
    }

    private QueryCache<String, String> cacheWeighingWith(ToLongFunction<String> weigher) {
        return new QueryCache<>(TestCaches.plainSettings(), versions, weigher, ticker, () -> 0.0,
                TestCaches.NEVER_REFRESH);
    }
}
