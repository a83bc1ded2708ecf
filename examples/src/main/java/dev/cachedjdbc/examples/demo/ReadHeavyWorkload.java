package dev.cachedjdbc.examples.demo;

import dev.cachedjdbc.driver.CacheControl;
import dev.cachedjdbc.driver.CacheStatistics;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A shop's traffic: threads that each hold a connection and, until the time is up, either show a product page
 * (95%, products picked Zipf-skewed, so a few are very popular) or place an order (5%). Orders go to their own
 * table, so they invalidate nothing the product pages read, as in most read-heavy applications.
 */
final class ReadHeavyWorkload {

    static final double WRITE_SHARE = 0.05;
    static final double ZIPF_EXPONENT = 1.0;

    private final DemoShop shop;
    private final int threads;
    private final ZipfSampler popularity = new ZipfSampler(DemoShop.PRODUCTS, ZIPF_EXPONENT);
    private final AtomicLong orderIds = new AtomicLong();
    private final LongAdder liveOperations = new LongAdder();

    ReadHeavyWorkload(DemoShop shop, int threads) {
        this.shop = shop;
        this.threads = threads;
    }

    /** Operations done so far in the current run, for the progress line. */
    long liveOperations() {
        return liveOperations.sum();
    }

    WorkloadResult runPlain(double seconds) throws SQLException, InterruptedException {
        return run(seconds, false);
    }

    /** Runs on the caching driver from an empty cache, so that the figures include the first loads. */
    WorkloadResult runCached(double seconds) throws SQLException, InterruptedException {
        return run(seconds, true);
    }

    private WorkloadResult run(double seconds, boolean cached) throws SQLException, InterruptedException {
        liveOperations.reset();
        List<Connection> connections = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int i = 0; i < threads; i++) {
                connections.add(cached ? shop.cached() : shop.plain());
            }
            CacheControl cache = cached ? connections.get(0).unwrap(CacheControl.class) : null;
            if (cache != null) {
                cache.invalidateAll();
            }
            CacheStatistics before = cache == null ? null : cache.statistics();
            long deadline = System.nanoTime() + (long) (seconds * 1e9);
            List<Future<Counts>> futures = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < threads; i++) {
                Connection connection = connections.get(i);
                long seed = 1_000L * i + (cached ? 1 : 2);
                futures.add(pool.submit(worker(connection, deadline, seed)));
            }
            Counts total = new Counts();
            for (Future<Counts> future : futures) {
                total.add(future.get());
            }
            long elapsed = System.nanoTime() - start;
            if (cache == null) {
                return new WorkloadResult(total.reads, total.writes, elapsed, total.readLatencies,
                        total.writeLatencies, total.reads + total.writes, 0);
            }
            CacheStatistics after = cache.statistics();
            long loads = after.loads() - before.loads();
            return new WorkloadResult(total.reads, total.writes, elapsed, total.readLatencies,
                    total.writeLatencies, loads + total.writes, after.hits() - before.hits());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }

    private Callable<Counts> worker(Connection connection, long deadline, long seed) {
        return () -> {
            SplittableRandom random = new SplittableRandom(seed);
            Counts counts = new Counts();
            try (PreparedStatement page = connection.prepareStatement(DemoShop.PRODUCT_PAGE);
                 PreparedStatement order = connection.prepareStatement(DemoShop.PLACE_ORDER)) {
                long now = System.nanoTime();
                while (now < deadline) {
                    int product = popularity.next(random);
                    long end;
                    if (random.nextDouble() < WRITE_SHARE) {
                        order.setLong(1, orderIds.incrementAndGet());
                        order.setInt(2, product);
                        order.setInt(3, 1 + random.nextInt(3));
                        order.executeUpdate();
                        end = System.nanoTime();
                        counts.writes++;
                        counts.writeLatencies.record(end - now);
                    } else {
                        page.setInt(1, product);
                        try (ResultSet rows = page.executeQuery()) {
                            consume(rows);
                        }
                        end = System.nanoTime();
                        counts.reads++;
                        counts.readLatencies.record(end - now);
                    }
                    liveOperations.increment();
                    now = end;
                }
            }
            return counts;
        };
    }

    /** Reads every value, as a page renderer would: a cache that skipped the work would look faster than it is. */
    private static void consume(ResultSet rows) throws SQLException {
        int columns = rows.getMetaData().getColumnCount();
        while (rows.next()) {
            for (int column = 1; column <= columns; column++) {
                rows.getObject(column);
            }
        }
    }

    private static final class Counts {
        long reads;
        long writes;
        final LatencyHistogram readLatencies = new LatencyHistogram();
        final LatencyHistogram writeLatencies = new LatencyHistogram();

        void add(Counts other) {
            reads += other.reads;
            writes += other.writes;
            readLatencies.add(other.readLatencies);
            writeLatencies.add(other.writeLatencies);
        }
    }
}
