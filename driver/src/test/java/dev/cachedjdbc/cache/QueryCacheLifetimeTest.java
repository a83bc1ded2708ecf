package dev.cachedjdbc.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.analysis.TableKey;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class QueryCacheLifetimeTest {

    private final TableVersions versions = new TableVersions();
    private final FakeTicker ticker = new FakeTicker();

    @Test
    void anEntryIsServedUntilTheLastNanosecondOfItsDrawnLifetime() throws Exception {
        // ttl 10 s, jitter 0.4, draw 0.25: the lifetime is 10 s × (1 − 0.4 × 0.25) = 9 s.
        QueryCache<String, String> cache = TestCaches.cache(
                TestCaches.settings(Duration.ofSeconds(10), 0.4, 1_000, Duration.ofSeconds(1)),
                versions, ticker, () -> 0.25);
        cache.load("q", List.of(TableKey.of("t")), TestLoader.running(() -> "row"));

        ticker.advanceNanos(Duration.ofSeconds(9).toNanos() - 1);
        assertThat(cache.getIfFresh("q")).isEqualTo("row");

        ticker.advanceNanos(1);
        assertThat(cache.getIfFresh("q")).isNull();
    }

    @Test
    void withoutJitterAnEntryLivesExactlyTheTtl() throws Exception {
        QueryCache<String, String> cache = TestCaches.cache(
                TestCaches.settings(Duration.ofSeconds(10), 0.0, 1_000, Duration.ofSeconds(1)),
                versions, ticker, () -> 0.9);
        cache.load("q", List.of(TableKey.of("t")), TestLoader.running(() -> "row"));

        ticker.advanceNanos(Duration.ofSeconds(10).toNanos() - 1);
        assertThat(cache.getIfFresh("q")).isEqualTo("row");

        ticker.advanceNanos(1);
        assertThat(cache.getIfFresh("q")).isNull();
    }

    @Test
    void aLifetimeCountsFromTheStartOfTheLoadNotFromWhenTheValueArrived() throws Exception {
        QueryCache<String, String> cache = TestCaches.cache(
                TestCaches.settings(Duration.ofSeconds(10), 0.0, 1_000, Duration.ofSeconds(1)),
                versions, ticker, () -> 0.0);
        cache.load("q", List.of(TableKey.of("t")), TestLoader.running(() -> {
            ticker.advance(Duration.ofSeconds(4));
            return "row";
        }));

        ticker.advanceNanos(Duration.ofSeconds(6).toNanos() - 1);
        assertThat(cache.getIfFresh("q")).isEqualTo("row");

        ticker.advanceNanos(1);
        assertThat(cache.getIfFresh("q")).isNull();
    }

    @Test
    void aLoadSlowerThanTheTtlIsNotStored() throws Exception {
        QueryCache<String, String> cache = TestCaches.cache(
                TestCaches.settings(Duration.ofSeconds(10), 0.0, 1_000, Duration.ofSeconds(1)),
                versions, ticker, () -> 0.0);
        CallerResult result = cache.load("q", List.of(TableKey.of("t")), TestLoader.running(() -> {
            ticker.advance(Duration.ofSeconds(10));
            return "row";
        }));

        assertThat(result.row()).isEqualTo("row");
        assertThat(cache.statistics().entries()).isZero();
    }

    @Test
    void aZeroTtlCachesNothing() throws Exception {
        QueryCache<String, String> cache = TestCaches.cache(
                TestCaches.settings(Duration.ZERO, 0.5, 1_000, Duration.ofSeconds(1)), versions, ticker, () -> 0.5);

        CallerResult result = cache.load("q", List.of(TableKey.of("t")), TestLoader.running(() -> "row"));

        assertThat(result.row()).isEqualTo("row");
        assertThat(cache.getIfFresh("q")).isNull();
    }

    @Test
    void aJitterSourceOutsideItsRangeNeitherStretchesNorInvertsTheLifetime() throws Exception {
        double[] strayDraws = {1.0, 7.5, -3.0, Double.NaN, Double.POSITIVE_INFINITY};
        int[] next = {0};
        QueryCache<String, String> cache = TestCaches.cache(
                TestCaches.settings(Duration.ofSeconds(10), 1.0, 1_000, Duration.ofSeconds(1)),
                versions, ticker, () -> strayDraws[next[0]++]);
        for (int i = 0; i < strayDraws.length; i++) {
            cache.load("q" + i, List.of(TableKey.of("t")), TestLoader.running(() -> "row"));
        }

        assertThat(IntStream.range(0, strayDraws.length).mapToObj(i -> cache.getIfFresh("q" + i)))
                .as("every entry is stored with a positive lifetime")
                .containsOnly("row");
        ticker.advance(Duration.ofSeconds(10));
        assertThat(IntStream.range(0, strayDraws.length).mapToObj(i -> cache.getIfFresh("q" + i)))
                .as("no entry outlives the ttl")
                .containsOnlyNulls();
    }

    @Test
    void entriesLoadedTogetherExpireSpreadEvenlyOverTheJitterWindowAndNeverAfterTheTtl() throws Exception {
        int entryCount = 2_000;
        int bucketCount = 10;
        Duration ttl = Duration.ofSeconds(100);
        double jitter = 0.5;
        Random seeded = new Random(20_240_611L);
        QueryCache<String, String> cache = TestCaches.cache(
                TestCaches.settings(ttl, jitter, 1_000_000, Duration.ofSeconds(1)), versions, ticker,
                seeded::nextDouble);
        for (int i = 0; i < entryCount; i++) {
            cache.load("q" + i, List.of(TableKey.of("t")), TestLoader.running(() -> "row"));
        }
        long windowStart = (long) (ttl.toNanos() * (1 - jitter));
        long bucketWidth = (ttl.toNanos() - windowStart) / bucketCount;

        ticker.advanceNanos(windowStart);
        int alive = countFresh(cache, entryCount);
        assertThat(alive).as("alive when the jitter window opens").isEqualTo(entryCount);
        int[] expiredPerBucket = new int[bucketCount];
        for (int bucket = 0; bucket < bucketCount; bucket++) {
            ticker.advanceNanos(bucketWidth);
            int stillAlive = countFresh(cache, entryCount);
            expiredPerBucket[bucket] = alive - stillAlive;
            alive = stillAlive;
        }

        assertThat(alive).as("alive at the ttl").isZero();
        int expectedPerBucket = entryCount / bucketCount;
        assertThat(IntStream.of(expiredPerBucket).boxed().toList())
                .as("entries expiring in each tenth of [ttl/2, ttl]")
                .allSatisfy(count -> assertThat(count).isBetween(expectedPerBucket * 7 / 10,
                        expectedPerBucket * 13 / 10));
    }

    private static int countFresh(QueryCache<String, String> cache, int entryCount) {
        int fresh = 0;
        for (int i = 0; i < entryCount; i++) {
            if (cache.getIfFresh("q" + i) != null) {
                fresh++;
            }
        }
        return fresh;
    }
}
