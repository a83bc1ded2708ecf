package dev.cachedjdbc.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.analysis.TableKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** What the cache tells of each stored entry: its first read, and its removal with how often it was read. */
class QueryCacheEntryFatesTest {

    private static final List<TableKey> ORDERS = List.of(TableKey.of("orders"));

    private final TableVersions versions = new TableVersions();
    private final FakeTicker ticker = new FakeTicker();
    private final RecordedFates fates = new RecordedFates();

    private QueryCache<String, String> cache(Duration ttl, long maxBytes) {
        return new QueryCache<>(TestCaches.settings(ttl, 0.0, maxBytes, Duration.ofMinutes(5)), versions,
                (String key, String value) -> value.length(), ticker, () -> 0.0, TestCaches.NEVER_REFRESH, fates);
    }

    private final QueryCache<String, String> cache = cache(TestCaches.TTL, 1_000_000);

    @Test
    void onlyTheFirstReadOfAnEntryIsReported() throws Exception {
        cache.load("q", ORDERS, TestLoader.running(() -> "row"));

        cache.getIfFresh("q");
        cache.getIfFresh("q");
        cache.getIfFresh("q");

        assertThat(fates.firstReads).containsExactly("q");
    }

    @Test
    void anEntryMadeStaleBeforeAnyReadIsReportedUnreadAndCountedAsALoadNeverReused() throws Exception {
        cache.load("q", ORDERS, TestLoader.running(() -> "row"));
        versions.invalidate(ORDERS);

        assertThat(cache.getIfFresh("q")).isNull();

        assertThat(fates.removals).containsExactly("q after 0 reads");
        assertThat(cache.statistics().loadsNeverReused()).isEqualTo(1);
    }

    @Test
    void anEntryReadBeforeItWasInvalidatedIsReportedWithItsReadsAndIsNoLoadNeverReused() throws Exception {
        cache.load("q", ORDERS, TestLoader.running(() -> "row"));
        cache.getIfFresh("q");
        cache.getIfFresh("q");
        versions.invalidate(ORDERS);

        cache.getIfFresh("q");

        assertThat(fates.removals).containsExactly("q after 2 reads");
        assertThat(cache.statistics().loadsNeverReused()).isZero();
    }

    @Test
    void readsAreCountedUpToTheCap() throws Exception {
        cache.load("q", ORDERS, TestLoader.running(() -> "row"));
        for (int read = 0; read < 100; read++) {
            cache.getIfFresh("q");
        }

        cache.invalidateAll();

        assertThat(fates.removals).containsExactly("q after " + CacheEntry.COUNTED_READS + " reads");
    }

    @Test
    void anEntryThatExpiresUnreadIsReported() throws Exception {
        QueryCache<String, String> shortLived = cache(Duration.ofSeconds(10), 1_000_000);
        shortLived.load("q", ORDERS, TestLoader.running(() -> "row"));

        ticker.advance(Duration.ofSeconds(10));
        shortLived.load("other", ORDERS, TestLoader.running(() -> "row"));

        assertThat(fates.removals).containsExactly("q after 0 reads");
        assertThat(shortLived.statistics().loadsNeverReused()).isEqualTo(1);
    }

    @Test
    void entriesEvictedForSpaceAreReported() throws Exception {
        QueryCache<String, String> small = cache(TestCaches.TTL, 10);
        small.load("a", ORDERS, TestLoader.running(() -> "12345"));
        small.load("b", ORDERS, TestLoader.running(() -> "12345"));
        small.load("c", ORDERS, TestLoader.running(() -> "12345"));

        assertThat(fates.removals).hasSize(1).allMatch(removal -> removal.endsWith("after 0 reads"));
        assertThat(small.statistics().loadsNeverReused()).isEqualTo(1);
    }

    @Test
    void invalidateAllReportsEveryEntry() throws Exception {
        cache.load("a", ORDERS, TestLoader.running(() -> "row"));
        cache.load("b", ORDERS, TestLoader.running(() -> "row"));
        cache.getIfFresh("a");

        cache.invalidateAll();

        assertThat(fates.removals).containsExactlyInAnyOrder("a after 1 reads", "b after 0 reads");
        assertThat(cache.statistics().loadsNeverReused()).isEqualTo(1);
    }

    @Test
    void aLoadBypassingTheCachePassesThroughStoresNothingAndIsCounted() throws Exception {
        CallerResult result = cache.loadBypassingCache(TestLoader.running(() -> "row"));

        assertThat(result.passedThrough()).isTrue();
        assertThat(result.row()).isEqualTo("row");
        assertThat(cache.getIfFresh("q")).isNull();
        assertThat(cache.statistics().loads()).isEqualTo(1);
        assertThat(cache.statistics().admissionBypasses()).isEqualTo(1);
        assertThat(cache.statistics().entries()).isZero();
    }

    @Test
    void aListenerThatFailsNeitherFailsAHitNorAStore() throws Exception {
        QueryCache<String, String> failing = new QueryCache<>(TestCaches.plainSettings(), versions,
                (String key, String value) -> value.length(), ticker, () -> ThreadLocalRandom.current().nextDouble(),
                TestCaches.NEVER_REFRESH, new EntryFates<>() {
                    @Override
                    public void firstRead(String key) {
                        throw new IllegalStateException("listener broken");
                    }

                    @Override
                    public void removed(String key, int reads) {
                        throw new IllegalStateException("listener broken");
                    }
                });
        failing.load("q", ORDERS, TestLoader.running(() -> "row"));

        assertThat(failing.getIfFresh("q")).isEqualTo("row");
        versions.invalidate(ORDERS);
        assertThat(failing.getIfFresh("q")).isNull();
        failing.load("q", ORDERS, TestLoader.running(() -> "new"));
        assertThat(failing.getIfFresh("q")).isEqualTo("new");
    }

    /** The fates the cache reported, in order. */
    private static final class RecordedFates implements EntryFates<String> {

        final List<String> firstReads = new ArrayList<>();
        final List<String> removals = new ArrayList<>();

        @Override
        public synchronized void firstRead(String key) {
            firstReads.add(key);
        }

        @Override
        public synchronized void removed(String key, int reads) {
            removals.add(key + " after " + reads + " reads");
        }
    }
}
