package dev.cachedjdbc.benchmarks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.cachedjdbc.driver.CacheControl;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The main ratios measured in alternating blocks: a block of the baseline, then a block of the caching driver, then
 * the other way round, many times over, and the median of the per-pair ratios. On a machine whose load changes from
 * second to second (other builds start and stop) this cancels the drift that separate JMH runs minutes apart cannot,
 * so it complements the JMH figures rather than replacing them.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.cachedjdbc.benchmarks.PairedRatios</pre>
 *
 * <p>{@code -Dpaired.pairs=N} sets the number of pairs (40), {@code -Dpaired.databases=postgresql} the databases
 * (postgresql,h2).
 */
public final class PairedRatios {

    private static final int PAIRS = Integer.getInteger("paired.pairs", 40);
    private static final long BLOCK_NANOS = 20_000_000L;
    private static final long WARM_UP_NANOS = 4_000_000_000L;
    private static final int RANGE_ROWS = 100;

    /** One call of the measured cycle. */
    @FunctionalInterface
    interface Call {
        void run() throws Exception;
    }

    /** A comparison: the caching driver's call against a baseline call, and the target for their time ratio. */
    record Comparison(String measure, Call cached, Call baseline, String target) {
    }

    /** What a comparison measured: quartiles of cached time / baseline time over the pairs. */
    record Outcome(String measure, double lowerQuartile, double median, double upperQuartile, String target) {
        String row() {
            return String.format(Locale.ROOT, "| %s | %.3f | %.3f .. %.3f | %s |", measure, median, lowerQuartile,
                    upperQuartile, target);
        }
    }

    private PairedRatios() {
    }

    public static void main(String[] args) throws Exception {
        List<Outcome> outcomes = new ArrayList<>();
        for (String database : System.getProperty("paired.databases", "postgresql,h2").split(",")) {
            outcomes.addAll(measure(BenchmarkDatabase.named(database)));
        }
        System.out.println(report(outcomes));
    }

    static String report(List<Outcome> outcomes) {
        StringBuilder text = new StringBuilder("| measure (time of the caching driver / time of the baseline) | median"
                + " | quartiles | target |\n|---|---|---|---|\n");
        for (Outcome outcome : outcomes) {
            text.append(outcome.row()).append('\n');
        }
        return text.toString();
    }

    static List<Outcome> measure(BenchmarkDatabase database) throws Exception {
        List<Outcome> outcomes = new ArrayList<>();
        try (Connection plain = database.plain()) {
            ItemsTable.create(plain);
            // The hits and the captured misses on a cache without admission, which would pass the misses through;
            // the misses that admission passes through on a cache of their own.
            try (Connection cached = database.cachedWith("cache.admission", "false");
                    Connection bypassing = database.cached()) {
                CacheControl control = cached.unwrap(CacheControl.class);
                CacheControl bypassingControl = bypassing.unwrap(CacheControl.class);
                KeyCycle missKeys = new KeyCycle(1);
                KeyCycle rangeKeys = new KeyCycle(RANGE_ROWS);
                // First, since it invalidates the table again and again, and with it every entry of the database.
                BypassedStatement.learn(bypassing, ItemsTable.BY_KEY, 1, missKeys);
                BypassedStatement.learn(bypassing, ItemsTable.KEY_RANGE, RANGE_ROWS, rangeKeys);
                KeyCycle hitKeys = new KeyCycle(1);
                for (int i = 0; i < KeyCycle.KEYS; i++) {
                    ItemsTable.load(cached, ItemsTable.BY_KEY, 1, hitKeys.key(i));
                }
                Cache<Integer, Object[][]> floor = floorCache(hitKeys);
                boolean postgres = database.isPostgres();
                int[] writeKey = {0};
                List<Comparison> comparisons = List.of(
                        new Comparison(database.name() + ", 1-row hit / plain driver's primary-key lookup",
                                () -> read(cached, hitKeys.next()), () -> read(plain, hitKeys.next()),
                                postgres ? "<= 0.020 (1/50)" : "<= 0.333 (1/3)"),
                        new Comparison(database.name() + ", 1-row hit / floor (Caffeine lookup + row walk)",
                                () -> read(cached, hitKeys.next()), () -> walk(floor, hitKeys.next()), "<= 2"),
                        new Comparison(database.name() + ", 1-row miss / plain driver", () -> {
                            control.invalidateTable(ItemsTable.TABLE);
                            read(cached, missKeys.next());
                        }, () -> read(plain, missKeys.next()), postgres ? "<= 1.10" : "-"),
                        new Comparison(database.name() + ", 1-row miss passed through by cache.admission / plain"
                                + " driver", () -> {
                                    bypassingControl.invalidateTable(ItemsTable.TABLE);
                                    read(bypassing, missKeys.next());
                                }, () -> read(plain, missKeys.next()), "-"),
                        new Comparison(database.name() + ", 1-row miss passed through by cache.admission / captured"
                                + " miss", () -> {
                                    bypassingControl.invalidateTable(ItemsTable.TABLE);
                                    read(bypassing, missKeys.next());
                                }, () -> {
                                    control.invalidateTable(ItemsTable.TABLE);
                                    read(cached, missKeys.next());
                                }, "-"),
                        new Comparison(database.name() + ", " + RANGE_ROWS + "-row miss / plain driver", () -> {
                            control.invalidateTable(ItemsTable.TABLE);
                            readRange(cached, rangeKeys.next());
                        }, () -> readRange(plain, rangeKeys.next()), "-"),
                        new Comparison(database.name() + ", " + RANGE_ROWS + "-row miss passed through by"
                                + " cache.admission / plain driver", () -> {
                                    bypassingControl.invalidateTable(ItemsTable.TABLE);
                                    readRange(bypassing, rangeKeys.next());
                                }, () -> readRange(plain, rangeKeys.next()), "-"),
                        new Comparison(database.name() + ", " + RANGE_ROWS + "-row miss passed through by"
                                + " cache.admission / captured miss", () -> {
                                    bypassingControl.invalidateTable(ItemsTable.TABLE);
                                    readRange(bypassing, rangeKeys.next());
                                }, () -> {
                                    control.invalidateTable(ItemsTable.TABLE);
                                    readRange(cached, rangeKeys.next());
                                }, "-"),
                        new Comparison(database.name() + ", update by key / plain driver",
                                () -> update(cached, writeKey), () -> update(plain, writeKey),
                                postgres ? "<= 1.05" : "-"));
                for (Comparison comparison : comparisons) {
                    outcomes.add(measure(comparison));
                }
            } finally {
                ItemsTable.drop(plain);
            }
        }
        return outcomes;
    }

    private static Outcome measure(Comparison comparison) throws Exception {
        long warmUpEnd = System.nanoTime() + WARM_UP_NANOS;
        int calls = 1;
        while (System.nanoTime() < warmUpEnd) {
            long cachedNanos = block(comparison.cached(), calls);
            long baselineNanos = block(comparison.baseline(), calls);
            long slower = Math.max(cachedNanos, baselineNanos);
            if (slower < BLOCK_NANOS) {
                calls = (int) Math.min(1_000_000, Math.max(calls + 1, calls * 2L));
            }
        }
        double[] ratios = new double[PAIRS];
        for (int pair = 0; pair < PAIRS; pair++) {
            long cachedNanos;
            long baselineNanos;
            if (pair % 2 == 0) {
                cachedNanos = block(comparison.cached(), calls);
                baselineNanos = block(comparison.baseline(), calls);
            } else {
                baselineNanos = block(comparison.baseline(), calls);
                cachedNanos = block(comparison.cached(), calls);
            }
            ratios[pair] = cachedNanos / (double) baselineNanos;
        }
        Arrays.sort(ratios);
        return new Outcome(comparison.measure(), ratios[PAIRS / 4], ratios[PAIRS / 2], ratios[(3 * PAIRS) / 4],
                comparison.target());
    }

    private static long block(Call call, int calls) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            call.run();
        }
        return System.nanoTime() - start;
    }

    private static long sink;

    private static void read(Connection connection, int key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(ItemsTable.BY_KEY)) {
            statement.setInt(1, key);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    sink += result.getInt(1) + result.getString(2).length() + result.getBigDecimal(3).scale()
                            + result.getInt(4);
                }
            }
        }
    }

    private static void readRange(Connection connection, int firstKey) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(ItemsTable.KEY_RANGE)) {
            ItemsTable.bind(statement, RANGE_ROWS, firstKey);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    sink += result.getInt(1) + result.getString(2).length() + result.getBigDecimal(3).scale()
                            + result.getInt(4);
                }
            }
        }
    }

    private static void update(Connection connection, int[] key) throws SQLException {
        key[0] = key[0] % ItemsTable.ROWS + 1;
        try (PreparedStatement update = connection.prepareStatement(ItemsTable.UPDATE_BY_KEY)) {
            update.setInt(1, key[0]);
            sink += update.executeUpdate();
        }
    }

    private static Cache<Integer, Object[][]> floorCache(KeyCycle keys) {
        Cache<Integer, Object[][]> cache = Caffeine.newBuilder().maximumSize(10_000).build();
        for (int i = 0; i < KeyCycle.KEYS; i++) {
            int id = keys.key(i);
            cache.put(id, new Object[][] {{id, "item number " + id, BigDecimal.valueOf(id % 10_000, 2), id % 97}});
        }
        return cache;
    }

    private static void walk(Cache<Integer, Object[][]> floor, int key) {
        for (Object[] row : floor.getIfPresent(key)) {
            sink += (Integer) row[0] + ((String) row[1]).length() + ((BigDecimal) row[2]).scale() + (Integer) row[3];
        }
    }
}
