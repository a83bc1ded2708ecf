package dev.cachedjdbc.conformance.jdbc;

import dev.cachedjdbc.driver.CacheControl;
import dev.cachedjdbc.testing.CountingDriver;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The memory scenarios, each run by {@link ConstrainedHeapTest} in a child JVM with a small heap, so that holding
 * more than the bound allows fails with OutOfMemoryError instead of passing unnoticed. Each prints
 * {@code name=value} lines that the test reads; an uncaught error ends the JVM with a non-zero status.
 *
 * <p>Arguments: the scenario ({@code bounded-cache}, {@code stream-large-result}, {@code plain-driver-buffers}), the
 * plain JDBC URL, and for PostgreSQL the user.
 */
public final class MemoryScenarios {

    /** Rows per distinct result in bounded-cache; with ~100-character payloads each result is a few KB. */
    static final int ROWS_PER_RESULT = 20;

    private MemoryScenarios() {
    }

    public static void main(String[] args) throws Exception {
        CountingDriver.register();
        String scenario = args[0];
        String url = args[1];
        Properties credentials = new Properties();
        if (args.length > 2) {
            credentials.setProperty("user", args[2]);
            credentials.setProperty("password", "");
        }
        switch (scenario) {
            case "bounded-cache" -> boundedCache(url, credentials, Integer.parseInt(args[3]));
            case "stream-large-result" -> streamLargeResult(url, credentials, true);
            case "plain-driver-buffers" -> streamLargeResult(url, credentials, false);
            default -> throw new IllegalArgumentException(scenario);
        }
    }

    /** Loads far more distinct results than cache.maxBytes holds, sampling the cache's estimate and the heap. */
    private static void boundedCache(String url, Properties credentials, int loads) throws SQLException {
        Properties info = new Properties();
        info.putAll(credentials);
        info.setProperty("cache.maxBytes", "256KB");
        info.setProperty("cache.maxResultBytes", "64KB");
        info.setProperty("cache.jmx", "false");
        // Every result is read once and evicted unread: admission would pass them through after a few dozen, and
        // this scenario is about the bound holding while every result is stored.
        info.setProperty("cache.admission", "false");
        // Rows made up by a series function, joined to a table of one row: a query that reads no table is never
        // cached, and the one row makes no copies.
        String sql = url.startsWith("jdbc:postgresql:")
                ? "select g as id, repeat('p', 100) || g as payload from generate_series(?::int, ?::int + "
                        + (ROWS_PER_RESULT - 1) + ") g cross join cj_mem_anchor"
                : "select x as id, repeat('p', 100) || x as payload from system_range(?, ? + " + (ROWS_PER_RESULT - 1)
                        + ") cross join cj_mem_anchor";
        long maxEstimated = 0;
        long warmHeap = 0;
        long rowsRead = 0;
        try (Connection connection = DriverManager.getConnection("jdbc:cached:counting:" + url.substring(5), info)) {
            try (Statement setup = connection.createStatement()) {
                setup.execute("drop table if exists cj_mem_anchor");
                setup.execute("create table cj_mem_anchor (id int primary key)");
                setup.execute("insert into cj_mem_anchor values (1)");
            }
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                CacheControl cache = connection.unwrap(CacheControl.class);
                for (int load = 0; load < loads; load++) {
                    statement.setInt(1, load * ROWS_PER_RESULT);
                    statement.setInt(2, load * ROWS_PER_RESULT);
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            rowsRead += rows.getString(2).length() > 0 ? 1 : 0;
                        }
                    }
                    maxEstimated = Math.max(maxEstimated, cache.statistics().estimatedBytes());
                    if (load == loads / 10) {
                        warmHeap = usedHeapAfterGc();
                    }
                }
                long endHeap = usedHeapAfterGc();
                System.out.println("loads=" + loads);
                System.out.println("rowsRead=" + rowsRead);
                System.out.println("maxEstimatedBytes=" + maxEstimated);
                System.out.println("finalEstimatedBytes=" + cache.statistics().estimatedBytes());
                System.out.println("evictions=" + cache.statistics().evictions());
                System.out.println("entries=" + cache.statistics().entries());
                System.out.println("warmHeapBytes=" + warmHeap);
                System.out.println("endHeapBytes=" + endHeap);
                System.out.println("maxHeapBytes=" + Runtime.getRuntime().maxMemory());
            }
            try (Statement cleanup = connection.createStatement()) {
                cleanup.execute("drop table cj_mem_anchor");
            }
        }
    }

    /**
     * Reads cj_mem_big (far larger than the heap) to its end, in a transaction with a fetch size so that pgjdbc
     * streams it; through the caching driver, or with the plain driver and no fetch size as the control that shows the
     * heap really is too small to hold the result.
     */
    private static void streamLargeResult(String url, Properties credentials, boolean throughTheCache)
            throws SQLException {
        String sql = "select id, payload from cj_mem_big order by id";
        String target = throughTheCache ? "jdbc:cached:counting:" + url.substring(5) : url;
        Properties info = new Properties();
        info.putAll(credentials);
        info.setProperty("cache.jmx", "false");
        long rows = 0;
        long idSum = 0;
        try (Connection connection = DriverManager.getConnection(target, throughTheCache ? info : credentials)) {
            connection.setAutoCommit(false);
            for (int read = 0; read < 2; read++) {
                try (Statement statement = connection.createStatement()) {
                    if (throughTheCache) {
                        statement.setFetchSize(1000);
                    }
                    try (ResultSet resultSet = statement.executeQuery(sql)) {
                        while (resultSet.next()) {
                            rows++;
                            idSum += resultSet.getLong(1);
                            resultSet.getString(2);
                        }
                    }
                }
            }
            connection.commit();
        }
        System.out.println("rows=" + rows);
        System.out.println("idSum=" + idSum);
        System.out.println("executions=" + CountingDriver.executions(sql));
        System.out.println("maxHeapBytes=" + Runtime.getRuntime().maxMemory());
    }

    private static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
