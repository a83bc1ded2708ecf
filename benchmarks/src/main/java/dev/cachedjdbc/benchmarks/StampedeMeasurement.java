package dev.cachedjdbc.benchmarks;

import dev.cachedjdbc.driver.CacheControl;
import dev.cachedjdbc.testing.CountingDriver;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * N callers miss the same query at the same moment, N = 2 … 64, each on its own connection: how many executions
 * reach the database (counted below the caching driver by {@link CountingDriver}), and how long the callers that
 * waited took compared with the one that ran the query. Not a JMH benchmark: what matters is a count and a ratio
 * within each round, not a steady-state time.
 *
 * <p>{@code java -cp benchmarks.jar dev.cachedjdbc.benchmarks.StampedeMeasurement [h2|postgresql ...]}
 */
public final class StampedeMeasurement {

    /** An aggregate over the whole table: a query slow enough (milliseconds) for every caller to arrive during it. */
    static final String QUERY = "SELECT stock, COUNT(*), SUM(price) FROM bm_items GROUP BY stock ORDER BY stock";
    static final int[] CALLERS = {2, 4, 8, 16, 32, 64};
    static final int ROUNDS = Integer.getInteger("stampede.rounds", 10);

    /** One row of the report: N callers over all rounds. */
    public record Outcome(String database, int callers, int rounds, int minExecutions, int maxExecutions,
            double meanExecutions, long coalescedWaits, double loaderMillis, double medianWaiterToLoader,
            double worstWaiterToLoader, String note) {

        String line() {
            if (note != null) {
                return String.format(Locale.ROOT, "%-10s %3d  %s", database, callers, note);
            }
            return String.format(Locale.ROOT, "%-10s %3d  %6d  %5.2f  %d..%d  %8d  %8.2f  %6.2f  %6.2f", database,
                    callers, rounds, meanExecutions, minExecutions, maxExecutions, coalescedWaits, loaderMillis,
                    medianWaiterToLoader, worstWaiterToLoader);
        }
    }

    private StampedeMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        List<String> databases = args.length == 0 ? List.of("h2", "postgresql") : List.of(args);
        List<Outcome> outcomes = new ArrayList<>();
        for (String database : databases) {
            outcomes.addAll(measure(BenchmarkDatabase.named(database)));
        }
        System.out.println(report(outcomes));
    }

    public static String report(List<Outcome> outcomes) {
        StringBuilder text = new StringBuilder(
                "database     N  rounds  executions/stampede (mean, min..max)  coalesced  loader ms"
                        + "  waiter/loader (median, worst)\n");
        for (Outcome outcome : outcomes) {
            text.append(outcome.line()).append('\n');
        }
        return text.toString();
    }

    public static List<Outcome> measure(BenchmarkDatabase database) throws Exception {
        CountingDriver.register();
        List<Outcome> outcomes = new ArrayList<>();
        try (Connection setup = database.plain()) {
            ItemsTable.create(setup);
            try {
                for (int callers : CALLERS) {
                    outcomes.add(measure(database, callers));
                }
            } finally {
                ItemsTable.drop(setup);
            }
        }
        return outcomes;
    }

    private static Outcome measure(BenchmarkDatabase database, int callers) throws Exception {
        String countingUrl = database.cachedUrl().replaceFirst("^jdbc:cached:", "jdbc:cached:counting:");
        List<Connection> connections = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(callers);
        try {
            try {
                for (int i = 0; i < callers; i++) {
                    connections.add(DriverManager.getConnection(countingUrl, database.credentials()));
                }
            } catch (SQLException e) {
                return new Outcome(database.name(), callers, 0, 0, 0, 0, 0, 0, 0, 0,
                        "not measured: could not open " + callers + " connections (" + e.getMessage() + ")");
            }
            CacheControl control = connections.get(0).unwrap(CacheControl.class);
            for (Connection connection : connections) {
                readAll(connection); // warms each connection's statement path; the stampede is what follows
            }
            int[] executions = new int[ROUNDS];
            double[] loaderMillis = new double[ROUNDS];
            double[] medianRatio = new double[ROUNDS];
            double worstRatio = 0;
            long waitsBefore = control.statistics().coalescedWaits();
            for (int round = 0; round < ROUNDS; round++) {
                control.invalidateTable(ItemsTable.TABLE);
                Set<Thread> loaders = ConcurrentHashMap.newKeySet();
                CountingDriver.reset();
                CountingDriver.afterQuery(sql -> loaders.add(Thread.currentThread()));
                CyclicBarrier start = new CyclicBarrier(callers);
                List<Future<long[]>> calls = new ArrayList<>();
                for (Connection connection : connections) {
                    calls.add(threads.submit(() -> {
                        start.await(30, TimeUnit.SECONDS);
                        long began = System.nanoTime();
                        readAll(connection);
                        long took = System.nanoTime() - began;
                        return new long[] {took, loaders.contains(Thread.currentThread()) ? 1 : 0};
                    }));
                }
                List<Long> waiters = new ArrayList<>();
                long loader = -1;
                for (Future<long[]> call : calls) {
                    long[] result = call.get(60, TimeUnit.SECONDS);
                    if (result[1] == 1 && loader < 0) {
                        loader = result[0];
                    } else {
                        waiters.add(result[0]);
                    }
                }
                executions[round] = CountingDriver.executions(QUERY);
                if (loader > 0) {
                    long[] sorted = waiters.stream().mapToLong(Long::longValue).sorted().toArray();
                    loaderMillis[round] = loader / 1e6;
                    medianRatio[round] = sorted[sorted.length / 2] / (double) loader;
                    worstRatio = Math.max(worstRatio, sorted[sorted.length - 1] / (double) loader);
                }
            }
            CountingDriver.reset();
            long coalesced = control.statistics().coalescedWaits() - waitsBefore;
            return new Outcome(database.name(), callers, ROUNDS, Arrays.stream(executions).min().orElse(0),
                    Arrays.stream(executions).max().orElse(0), Arrays.stream(executions).average().orElse(0),
                    coalesced, median(loaderMillis), median(medianRatio), worstRatio, null);
        } finally {
            threads.shutdownNow();
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }

    private static int readAll(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(QUERY);
             ResultSet result = statement.executeQuery()) {
            int rows = 0;
            while (result.next()) {
                result.getInt(1);
                result.getLong(2);
                result.getBigDecimal(3);
                rows++;
            }
            return rows;
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
