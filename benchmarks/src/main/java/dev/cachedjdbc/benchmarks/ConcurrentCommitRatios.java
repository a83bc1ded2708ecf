package dev.cachedjdbc.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.postgresql.PGConnection;

/**
 * Writing transactions committed concurrently through the driver on PostgreSQL: N clients, each on a connection of
 * its own, commit one-row updates by key, each in a transaction of its own, on rows of their own, so that they meet
 * only at the commit. The ways:
 * <ul>
 *   <li>{@code plain}: the plain driver;</li>
 *   <li>{@code inside}: the plain driver with a {@code pg_notify} in each transaction just before its commit, as the
 *       caching driver announced transactions before it opened them on the channel (its fallback today): the server
 *       commits notifying transactions one at a time. A connection listens on its channel meanwhile and reads what
 *       arrives, as the caching driver's feed hears its own announcements;</li>
 *   <li>{@code notify}: the caching driver with {@code cache.coherence=notify}, which opens each transaction's writes
 *       on the channel before its commit, from a connection of its own, many writers' to a statement;</li>
 *   <li>{@code local}: the caching driver announcing nothing.</li>
 * </ul>
 * The ways run in alternating blocks, in a rotating order, many rounds over, and each round's throughput is divided
 * by plain's of the same round: on a machine whose load changes from second to second this cancels the drift that
 * runs minutes apart cannot (see {@link PairedRatios}). Needs the PostgreSQL of {@link BenchmarkDatabase}.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.cachedjdbc.benchmarks.ConcurrentCommitRatios [clients …]</pre>
 * with {@code -Dcommits.rounds=10} and {@code -Dcommits.blockMillis=2000}; clients 1, 4 and 8 by default.
 */
public final class ConcurrentCommitRatios {

    private static final int ROUNDS = Integer.getInteger("commits.rounds", 10);
    private static final long BLOCK_MILLIS = Long.getLong("commits.blockMillis", 2_000);
    /** Rows each client updates, apart from every other client's. */
    private static final int ROWS_PER_CLIENT = 1_000;
    private static final List<String> WAYS = List.of("plain", "inside", "notify", "local");
    private static final String INSIDE_ANNOUNCEMENT = "SELECT pg_catalog.pg_notify('cached_jdbc_bench',"
            + " 'cj1 00000000-0000-0000-0000-000000000000 r:bm_items:' || ?) WHERE NOT pg_catalog.pg_is_in_recovery()";

    private ConcurrentCommitRatios() {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkDatabase target = BenchmarkDatabase.named("postgresql");
        int[] clientCounts = args.length == 0 ? new int[] {1, 4, 8}
                : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        try (Connection plain = target.plain()) {
            ItemsTable.create(plain);
        }
        System.out.println("| clients | " + String.join(" tps | ", WAYS) + " tps | inside / plain | notify / plain"
                + " | local / plain |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        try {
            for (int clients : clientCounts) {
                System.out.println(measure(target, clients));
            }
        } finally {
            try (Connection plain = target.plain()) {
                ItemsTable.drop(plain);
            }
        }
    }

    /** One client: a connection, its statements, its rows. */
    private static final class Client implements AutoCloseable {
        private final Connection connection;
        private final PreparedStatement update;
        private final PreparedStatement announce;
        private final int firstKey;

        Client(BenchmarkDatabase target, String way, int index) throws SQLException {
            connection = way.equals("plain") || way.equals("inside") ? target.plain() : target.cached(way);
            connection.setAutoCommit(false);
            update = connection.prepareStatement(ItemsTable.UPDATE_BY_KEY);
            announce = way.equals("inside") ? connection.prepareStatement(INSIDE_ANNOUNCEMENT) : null;
            firstKey = 1 + (index * ROWS_PER_CLIENT) % (ItemsTable.ROWS - ROWS_PER_CLIENT);
        }

        void commit() throws SQLException {
            int key = firstKey + ThreadLocalRandom.current().nextInt(ROWS_PER_CLIENT);
            update.setInt(1, key);
            update.executeUpdate();
            if (announce != null) {
                announce.setInt(1, key);
                announce.execute();
            }
            connection.commit();
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }

    /** Listens on the channel of {@code inside}'s announcements and reads them, until closed. */
    private static final class Listener implements AutoCloseable {
        private final Connection connection;
        private final Thread thread;
        private volatile boolean closed;

        Listener(BenchmarkDatabase target) throws SQLException {
            connection = target.plain();
            try (Statement statement = connection.createStatement()) {
                statement.execute("LISTEN cached_jdbc_bench");
            }
            PGConnection notifications = connection.unwrap(PGConnection.class);
            thread = new Thread(() -> {
                try {
                    while (!closed) {
                        notifications.getNotifications(20);
                    }
                } catch (SQLException e) {
                    if (!closed) {
                        throw new IllegalStateException(e);
                    }
                }
            }, "inside's listener");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws Exception {
            closed = true;
            thread.join();
            connection.close();
        }
    }

    private static String measure(BenchmarkDatabase target, int clients) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        List<List<Client>> byWay = new ArrayList<>();
        try (Listener listener = new Listener(target)) {
            for (String way : WAYS) {
                List<Client> opened = new ArrayList<>();
                for (int i = 0; i < clients; i++) {
                    opened.add(new Client(target, way, i));
                }
                byWay.add(opened);
                block(threads, opened, BLOCK_MILLIS); // warm-up
            }
            double[][] tps = new double[WAYS.size()][ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                for (int turn = 0; turn < WAYS.size(); turn++) {
                    int way = (round + turn) % WAYS.size();
                    tps[way][round] = block(threads, byWay.get(way), BLOCK_MILLIS);
                }
            }
            StringBuilder row = new StringBuilder("| " + clients + " |");
            for (int way = 0; way < WAYS.size(); way++) {
                row.append(String.format(Locale.ROOT, " %.0f |", median(tps[way])));
            }
            for (int way = 1; way < WAYS.size(); way++) {
                double[] ratios = new double[ROUNDS];
                for (int round = 0; round < ROUNDS; round++) {
                    ratios[round] = tps[way][round] / tps[0][round];
                }
                Arrays.sort(ratios);
                row.append(String.format(Locale.ROOT, " %.2f (%.2f–%.2f) |", median(ratios),
                        ratios[ROUNDS / 4], ratios[(3 * ROUNDS) / 4]));
            }
            return row.toString();
        } finally {
            threads.shutdownNow();
            for (List<Client> opened : byWay) {
                for (Client client : opened) {
                    client.close();
                }
            }
        }
    }

    /** Every client commits as fast as it can for this long; the commits per second of all of them. */
    private static double block(ExecutorService threads, List<Client> clients, long millis) throws Exception {
        long start = System.nanoTime();
        long end = start + millis * 1_000_000L;
        List<Future<Integer>> running = new ArrayList<>();
        for (Client client : clients) {
            running.add(threads.submit(() -> {
                int commits = 0;
                while (System.nanoTime() < end) {
                    client.commit();
                    commits++;
                }
                return commits;
            }));
        }
        long commits = 0;
        for (Future<Integer> counted : running) {
            commits += counted.get();
        }
        return commits * 1e9 / (System.nanoTime() - start);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
