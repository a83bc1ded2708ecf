package dev.cachedjdbc.cache;

import dev.cachedjdbc.analysis.TableKey;
import dev.cachedjdbc.driver.CacheStatistics;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The cache the driver builds does its upkeep on the calling thread: a hit never wakes another thread, and the size
 * bound holds when a store returns.
 */
class QueryCacheUpkeepTest {

    private static final List<TableKey> ORDERS = List.of(TableKey.of("orders"));

    @Test
    void theSizeBoundHoldsWhenAStoreReturnsEvenWhileTheCommonPoolIsBusy() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        occupyTheCommonPoolUntil(release);
        try {
            long maxBytes = 1_000;
            QueryCache<String, String> cache = TestCaches.cacheAsTheDriverBuildsIt(
                    TestCaches.settings(TestCaches.TTL, 0.0, maxBytes, Duration.ofSeconds(1)), new TableVersions());
            String hundredBytes = "x".repeat(100);
            int loaded = 50;

            for (int i = 0; i < loaded; i++) {
                cache.load("q" + i, ORDERS, TestLoader.running(() -> hundredBytes));
            }

            CacheStatistics statistics = cache.statistics();
            assertThat(statistics.entries()).isBetween(1L, maxBytes / 100);
            assertThat(statistics.evictions()).isEqualTo(loaded - statistics.entries());
        } finally {
            release.countDown();
        }
    }

    /** Upkeep handed to the common pool could not run before the assertions while every worker waits here. */
    private static void occupyTheCommonPoolUntil(CountDownLatch release) throws InterruptedException {
        int workers = ForkJoinPool.getCommonPoolParallelism();
        CountDownLatch occupied = new CountDownLatch(workers);
        for (int i = 0; i < workers; i++) {
            ForkJoinPool.commonPool().execute(() -> {
                occupied.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        assertThat(occupied.await(30, TimeUnit.SECONDS)).as("every common-pool worker is occupied").isTrue();
    }
}
