package dev.cachedjdbc.examples.demo;

import dev.cachedjdbc.driver.CacheControl;
import dev.cachedjdbc.driver.CacheStatistics;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many requests for one expensive result arrive together just after it stopped being cached: with the plain driver
 * every one of them runs the query; with the caching driver the first one runs it and the others wait for its result.
 */
final class HotKeyStampede {

    private final DemoShop shop;
    private final int requests;

    HotKeyStampede(DemoShop shop, int requests) {
        this.shop = shop;
        this.requests = requests;
    }

    /**
     * @param databaseExecutions queries that reached the database: counted here with the plain driver, the cache's
     *                           loads with the caching driver
     * @param coalescedWaits     requests that waited for another request's query instead of running their own
     * @param hits               requests that arrived after the result was stored and were answered from memory
     */
    record Outcome(int requests, long databaseExecutions, long coalescedWaits, long hits, long elapsedNanos) {
    }

    Outcome withPlainDriver() throws SQLException, InterruptedException {
        List<Connection> connections = open(false);
        AtomicInteger executions = new AtomicInteger();
        long elapsed = releaseTogether(connections, executions);
        return new Outcome(requests, executions.get(), 0, 0, elapsed);
    }

    /** Caches the result, invalidates it as a write elsewhere would, then releases every request at once. */
    Outcome withCachingDriver() throws SQLException, InterruptedException {
        List<Connection> connections = open(true);
        CacheControl cache = connections.get(0).unwrap(CacheControl.class);
        // Warmed on a connection of its own: a database may keep the last result of a statement in the session,
        // which would make whichever request runs on that session look cheaper than a real miss.
        try (Connection warming = shop.cached();
             PreparedStatement warm = warming.prepareStatement(DemoShop.BEST_RATED);
             ResultSet rows = warm.executeQuery()) {
            drain(rows);
        }
        cache.invalidateTable("demo_review");
        CacheStatistics before = cache.statistics();
        long elapsed = releaseTogether(connections, new AtomicInteger());
        CacheStatistics after = cache.statistics();
        return new Outcome(requests, after.loads() - before.loads(), after.coalescedWaits() - before.coalescedWaits(),
                after.hits() - before.hits(), elapsed);
    }

    private List<Connection> open(boolean cached) throws SQLException {
        List<Connection> connections = new ArrayList<>();
        try {
            for (int i = 0; i < requests; i++) {
                connections.add(cached ? shop.cached() : shop.plain());
            }
        } catch (SQLException e) {
            closeAll(connections);
            throw e;
        }
        return connections;
    }

    /** Every request prepares its statement, then all execute at the same moment; returns the time until the last answer. */
    private long releaseTogether(List<Connection> connections, AtomicInteger executions)
            throws SQLException, InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        CountDownLatch ready = new CountDownLatch(requests);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Void>> answers = new ArrayList<>();
            for (Connection connection : connections) {
                answers.add(pool.submit(() -> {
                    try (PreparedStatement statement = connection.prepareStatement(DemoShop.BEST_RATED)) {
                        ready.countDown();
                        go.await();
                        executions.incrementAndGet();
                        try (ResultSet rows = statement.executeQuery()) {
                            drain(rows);
                        }
                    }
                    return null;
                }));
            }
            ready.await();
            long start = System.nanoTime();
            go.countDown();
            for (Future<Void> answer : answers) {
                answer.get();
            }
            return System.nanoTime() - start;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
            closeAll(connections);
        }
    }

    private static void drain(ResultSet rows) throws SQLException {
        while (rows.next()) {
            rows.getObject(1);
        }
    }

    private static void closeAll(List<Connection> connections) throws SQLException {
        for (Connection connection : connections) {
            connection.close();
        }
    }
}
