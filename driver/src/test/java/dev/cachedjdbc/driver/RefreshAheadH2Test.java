package dev.cachedjdbc.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.runtime.CacheRuntime;
import dev.cachedjdbc.testing.CountingDriver;
import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A hot query read through the driver on H2 every 10 ms of the runtime's clock, across several lifetimes of its
 * entry. Executions are counted where they reach the database ({@link CountingDriver}), and each one takes
 * {@link #QUERY_TIME} on the runtime's clock, so that the entry may be refreshed in its last second.
 */
class RefreshAheadH2Test {

    private static final String HOT = "select name from ra_item where id = ?";
    private static final Duration TTL = Duration.ofSeconds(10);
    private static final Duration QUERY_TIME = Duration.ofMillis(100);
    private static final Duration READ_EVERY = Duration.ofMillis(10);
    private static final int LIFETIMES = 5;
    /**
     * Five lifetimes and 3 s: without refresh the entry expires at 10, 20, 30, 40 and 50 s; with it, each refresh
     * comes in the last second of a lifetime, the fifth before 50 s and a sixth not before 54 s.
     */
    private static final Duration SPAN = TTL.multipliedBy(LIFETIMES).plusSeconds(3);

    static {
        CountingDriver.register();
    }

    private final FakeTicker ticker = new FakeTicker();
    /** Ticks at which the hot query reached the database, counted from the first. */
    private final List<Long> executedAt = new ArrayList<>();
    private CacheRuntime runtime;
    private String url;

    @BeforeEach
    void createTheDatabase() throws SQLException {
        CountingDriver.reset();
        String plain = TestDatabases.uniqueH2Url("refresh_ahead");
        try (Connection connection = DriverManager.getConnection(plain); Statement statement = connection.createStatement()) {
            statement.execute("create table ra_item (id int primary key, name varchar(20))");
            statement.execute("insert into ra_item values (1, 'hot'), (2, 'cold')");
        }
        url = "jdbc:cached:counting:" + plain.substring("jdbc:".length());
        long origin = ticker.read();
        CountingDriver.afterQuery(sql -> {
            if (sql.equals(HOT)) {
                executedAt.add(ticker.read() - origin);
                ticker.advance(QUERY_TIME);
            }
        });
        runtime = new CacheRuntime(ticker);
    }

    @AfterEach
    void close() {
        runtime.close();
        CountingDriver.reset();
    }

    @Test
    void aHotQueryIsServedAcrossEveryExpiryWithOneExecutionPerLifetime() throws SQLException {
        try (Connection connection = connect(true)) {
            int reads = readEvery10MillisFor(connection, SPAN);
            CacheStatistics statistics = connection.unwrap(CacheControl.class).statistics();

            assertThat(statistics.misses()).as("every read after the first that was not a hit refreshed the entry")
                    .isEqualTo(1 + statistics.refreshes());
            assertThat(statistics.hits()).isEqualTo(reads - statistics.misses());
            assertThat(statistics.refreshes()).as("one refresh per lifetime").isEqualTo(LIFETIMES);
            assertThat(CountingDriver.executions(HOT)).isEqualTo(1 + LIFETIMES);
            for (int i = 1; i < executedAt.size(); i++) {
                assertThat(executedAt.get(i) - executedAt.get(i - 1))
                        .as("time between executions %d and %d", i - 1, i)
                        .isGreaterThan(TTL.minus(QUERY_TIME.multipliedBy(10)).toNanos())
                        .isLessThan(TTL.toNanos());
            }
        }
    }

    @Test
    void withRefreshAheadOffTheHotQueryMissesAtEveryExpiry() throws SQLException {
        try (Connection connection = connect(false)) {
            int reads = readEvery10MillisFor(connection, SPAN);
            CacheStatistics statistics = connection.unwrap(CacheControl.class).statistics();

            assertThat(statistics.refreshes()).isZero();
            assertThat(statistics.misses()).as("the first read and one at each expiry").isEqualTo(1 + LIFETIMES);
            assertThat(statistics.hits()).isEqualTo(reads - statistics.misses());
            assertThat(CountingDriver.executions(HOT)).isEqualTo(1 + LIFETIMES);
            for (int i = 1; i < executedAt.size(); i++) {
                assertThat(executedAt.get(i) - executedAt.get(i - 1)).as("executed only once the entry expired")
                        .isGreaterThanOrEqualTo(TTL.toNanos());
            }
        }
    }

    private Connection connect(boolean refreshAhead) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("cache.ttl", TTL.toSeconds() + "s");
        properties.setProperty("cache.ttlJitter", "0");
        properties.setProperty("cache.refreshAhead", Boolean.toString(refreshAhead));
        properties.setProperty("cache.coherence", "local");
        properties.setProperty("cache.jmx", "false");
        return runtime.connect(url, properties);
    }

    /** Reads the hot row every 10 ms of the clock (each read as an application does it); returns how many. */
    private int readEvery10MillisFor(Connection connection, Duration span) throws SQLException {
        int reads = 0;
        long end = ticker.read() + span.toNanos();
        while (ticker.read() - end < 0) {
            try (PreparedStatement statement = connection.prepareStatement(HOT)) {
                statement.setInt(1, 1);
                try (ResultSet rows = statement.executeQuery()) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getString(1)).isEqualTo("hot");
                }
            }
            reads++;
            ticker.advance(READ_EVERY);
        }
        return reads;
    }
}
