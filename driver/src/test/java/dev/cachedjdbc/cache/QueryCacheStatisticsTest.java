package dev.cachedjdbc.cache;

import dev.cachedjdbc.analysis.TableKey;
import dev.cachedjdbc.driver.CacheStatistics;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class QueryCacheStatisticsTest {

    private static final List<TableKey> ORDERS = List.of(TableKey.of("orders"));

    private final TableVersions versions = new TableVersions();
    private final QueryCache<String, String> cache = TestCaches.cache(TestCaches.plainSettings(), versions);

    @Test
    void hitsMissesAndLoadsAreCounted() throws Exception {
        cache.getIfFresh("q");
        cache.load("q", ORDERS, TestLoader.running(() -> "row"));
        cache.getIfFresh("q");
        cache.getIfFresh("q");
        cache.getIfFresh("other");

        CacheStatistics statistics = cache.statistics();
        assertThat(statistics.hits()).isEqualTo(2);
        assertThat(statistics.misses()).isEqualTo(2);
        assertThat(statistics.loads()).isEqualTo(1);
        assertThat(statistics.loadFailures()).isZero();
        assertThat(statistics.coalescedWaits()).isZero();
    }

    @Test
    void aStaleEntryCountsAsAMissAndAnInvalidationAndIsDropped() throws Exception {
        cache.load("q", ORDERS, TestLoader.running(() -> "row"));
        versions.invalidate(ORDERS);

        cache.getIfFresh("q");
        cache.getIfFresh("q");

        CacheStatistics statistics = cache.statistics();
        assertThat(statistics.misses()).isEqualTo(2);
        assertThat(statistics.hits()).isZero();
        assertThat(statistics.invalidations()).isEqualTo(1);
        assertThat(statistics.entries()).isZero();
    }

    @Test
    void failedLoadsAreCounted() {
        assertThatThrownBy(() -> cache.load("q", ORDERS, TestLoader.running(() -> {
            throw new QueryFailure("syntax error", false);
        }))).isInstanceOf(QueryFailure.class);

        assertThat(cache.statistics().loads()).isEqualTo(1);
        assertThat(cache.statistics().loadFailures()).isEqualTo(1);
    }

    @Test
    void entriesAndTheirEstimatedBytesAreReported() throws Exception {
        cache.load("a", ORDERS, TestLoader.running(() -> "1234"));
        cache.load("b", ORDERS, TestLoader.running(() -> "123456"));

        assertThat(cache.statistics().entries()).isEqualTo(2);
        assertThat(cache.statistics().estimatedBytes()).isEqualTo(10);
    }

    @Test
    void invalidateAllDropsEveryEntryAndCountsThemButLeavesTheVersionsAlone() throws Exception {
        for (String key : List.of("a", "b", "c")) {
            cache.load(key, ORDERS, TestLoader.running(() -> "row"));
        }
        VersionStamp stamp = versions.stampForFill(ORDERS);

        cache.invalidateAll();

        assertThat(cache.statistics().entries()).isZero();
        assertThat(cache.statistics().estimatedBytes()).isZero();
        assertThat(cache.statistics().invalidations()).isEqualTo(3);
        assertThat(cache.getIfFresh("a")).isNull();
        assertThat(versions.isCurrent(stamp)).isTrue();
        assertThat(versions.invalidationCount()).isZero();
    }

    @Test
    void theCacheExposesTheVersionsItChecks() {
        assertThat(cache.versions()).isSameAs(versions);
    }
}
