package dev.cachedjdbc.examples.demo;

import dev.cachedjdbc.driver.CacheControl;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Loads many entries at the same moment under a short TTL with jitter, then, every sampling interval, asks for each
 * entry that was still a hit at the previous sample and counts how many still are. Without jitter they would all
 * expire together and their reloads would reach the database together.
 */
final class ExpirySpread {

    static final Duration TTL = Duration.ofSeconds(2);
    static final double JITTER = 0.5;
    static final Duration SAMPLE_EVERY = Duration.ofMillis(100);

    private final DemoShop shop;
    private final int entries;

    ExpirySpread(DemoShop shop, int entries) {
        this.shop = shop;
        this.entries = entries;
    }

    /**
     * @param loadingNanos how long loading every entry took
     * @param sampleNanos  when each sample began, counted from the start of loading, so that no entry can expire
     *                     before ttl × (1 − jitter); the first is taken as soon as loading ends
     * @param remaining    entries still cached at each sample
     */
    record Outcome(int entries, Duration ttl, double jitter, Duration sampleEvery, long loadingNanos,
                   List<Long> sampleNanos, List<Integer> remaining) {

        int stillCachedAtEnd() {
            return remaining.isEmpty() ? entries : remaining.get(remaining.size() - 1);
        }
    }

    /** The seconds this takes at most: the TTL plus a few samples of slack. */
    static double expectedSeconds() {
        return TTL.toMillis() / 1000.0 + 0.3;
    }

    Outcome run() throws SQLException, InterruptedException {
        Properties settings = new Properties();
        // Settings of its own give this part a cache of its own, apart from the other parts' entries.
        settings.setProperty("cache.ttl", TTL.toMillis() + "ms");
        settings.setProperty("cache.ttlJitter", Double.toString(JITTER));
        try (Connection connection = shop.cached(settings);
             PreparedStatement query = connection.prepareStatement(DemoShop.PRICE)) {
            CacheControl cache = connection.unwrap(CacheControl.class);
            cache.invalidateAll();
            long loadingStart = System.nanoTime();
            for (int i = 0; i < entries; i++) {
                read(query, i + 1);
            }
            long loaded = System.nanoTime();
            boolean[] expired = new boolean[entries];
            int left = entries;
            List<Long> samples = new ArrayList<>();
            List<Integer> remaining = new ArrayList<>();
            long deadline = loaded + TTL.toNanos() + 2 * SAMPLE_EVERY.toNanos();
            long nextSample = loaded;
            while (left > 0 && nextSample < deadline) {
                // The time the sample really began: on a busy machine it can be later than planned.
                samples.add(System.nanoTime() - loadingStart);
                for (int i = 0; i < entries; i++) {
                    // An entry that missed once was loaded again by that miss: it is not asked for any more.
                    if (!expired[i] && !isHit(cache, query, i + 1)) {
                        expired[i] = true;
                        left--;
                    }
                }
                remaining.add(left);
                nextSample += SAMPLE_EVERY.toNanos();
                long pause = nextSample - System.nanoTime();
                if (pause > 0) {
                    Thread.sleep(pause / 1_000_000, (int) (pause % 1_000_000));
                }
            }
            return new Outcome(entries, TTL, JITTER, SAMPLE_EVERY, loaded - loadingStart, samples, remaining);
        }
    }

    /** Only this thread uses this cache, so its hit counter tells whether this one read was a hit. */
    private static boolean isHit(CacheControl cache, PreparedStatement query, int product) throws SQLException {
        long hitsBefore = cache.statistics().hits();
        read(query, product);
        return cache.statistics().hits() > hitsBefore;
    }

    private static void read(PreparedStatement query, int product) throws SQLException {
        query.setInt(1, product);
        try (ResultSet rows = query.executeQuery()) {
            rows.next();
        }
    }
}
