package dev.cachedjdbc.benchmarks;

import dev.cachedjdbc.driver.CacheControl;
import dev.cachedjdbc.driver.CoherenceStatus;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;

/**
 * One instance following a PostgreSQL database's change feed while something else writes, for
 * {@code benchmarks/feed-capacity.sh}: samples how old the feed's proof is every 10 ms for the time given and prints
 * one line with the distribution, the time hits were suspended and the transactions heard. A proof older than the
 * bound means the feed no longer keeps up with the writes.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.cachedjdbc.benchmarks.FeedFollower logical 1s 20 bm_feed</pre>
 */
public final class FeedFollower {

    private FeedFollower() {
    }

    public static void main(String[] args) throws Exception {
        String coherence = args[0];
        String bound = args[1];
        Duration run = Duration.ofSeconds(Long.parseLong(args[2]));
        String table = args[3];
        Properties properties = new Properties();
        properties.setProperty("user", System.getenv().getOrDefault("CACHED_JDBC_PG_USER", "postgres"));
        properties.setProperty("password", System.getenv().getOrDefault("CACHED_JDBC_PG_PASSWORD", ""));
        properties.setProperty("cache.coherence", coherence);
        properties.setProperty("cache.maxStaleness", bound);
        String url = System.getenv().getOrDefault("CACHED_JDBC_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        try (Connection connection = DriverManager.getConnection("jdbc:cached:" + url.substring("jdbc:".length()),
                properties)) {
            count(connection, table); // reads the catalog, so that changes are heard by row
            System.out.println("ready");
            long end = System.nanoTime() + run.toNanos();
            long[] ages = new long[(int) (run.toMillis() / 10) + 10];
            int samples = 0;
            while (System.nanoTime() < end && samples < ages.length) {
                ages[samples++] = connection.unwrap(CacheControl.class).coherence().proofAgeMillis();
                Thread.sleep(10);
            }
            CoherenceStatus status = connection.unwrap(CacheControl.class).coherence();
            long[] taken = Arrays.copyOf(ages, samples);
            Arrays.sort(taken);
            System.out.printf(Locale.ROOT, "proof age ms: p50 %d p99 %d max %d; suspended %d ms; transactions heard %d;"
                    + " connected %s%n", taken[samples / 2], taken[(int) (samples * 0.99)], taken[samples - 1],
                    status.suspendedMillis(), status.invalidationsReceived(), status.connected());
        }
    }

    private static void count(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select count(*) from " + table)) {
            rows.next();
        }
    }
}
