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
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The catalog is read again by age (every max(cache.ttl, 60 s)); the miss that happens to trigger that reread is
 * planned again from the catalog read and cached like any other, rather than sent to the database outside the cache.
 * On H2, with the runtime's clock in the test's hands.
 */
class CatalogRereadH2Test {

    private static final String READ = "select name from cr_item where id = ?";
    private static final Duration TTL = Duration.ofSeconds(60);

    static {
        CountingDriver.register();
    }

    private final FakeTicker ticker = new FakeTicker();
    private CacheRuntime runtime;
    private String url;

    @BeforeEach
    void createTheDatabase() throws SQLException {
        CountingDriver.reset();
        String plain = TestDatabases.uniqueH2Url("catalog_reread");
        try (Connection connection = DriverManager.getConnection(plain);
             Statement statement = connection.createStatement()) {
            statement.execute("create table cr_item (id int primary key, name varchar(20))");
            statement.execute("insert into cr_item values (1, 'apple')");
        }
        url = "jdbc:cached:counting:" + plain.substring("jdbc:".length());
        runtime = new CacheRuntime(ticker);
    }

    @AfterEach
    void close() {
        runtime.close();
        CountingDriver.reset();
    }

    @Test
    void theMissThatComesWhenTheCatalogIsReadAgainIsCached() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("cache.ttl", TTL.toSeconds() + "s");
        properties.setProperty("cache.ttlJitter", "0");
        properties.setProperty("cache.refreshAhead", "false");
        properties.setProperty("cache.coherence", "local");
        try (Connection connection = runtime.connect(url, properties);
             PreparedStatement read = connection.prepareStatement(READ)) {
            assertThat(readName(read)).isEqualTo("apple");
            assertThat(readName(read)).isEqualTo("apple");
            assertThat(CountingDriver.executions(READ)).as("cached after the first read").isEqualTo(1);

            // The entry has expired and the catalog is due to be read again: the next read misses and rereads it.
            ticker.advance(TTL.plusSeconds(1));
            assertThat(readName(read)).isEqualTo("apple");
            assertThat(readName(read)).isEqualTo("apple");
            assertThat(readName(read)).isEqualTo("apple");
            assertThat(CountingDriver.executions(READ)).as("one execution after the reread, then hits").isEqualTo(2);
            assertThat(connection.unwrap(CacheControl.class).statistics().loads()).isEqualTo(2);
        }
    }

    private static String readName(PreparedStatement read) throws SQLException {
        read.setInt(1, 1);
        try (ResultSet rows = read.executeQuery()) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }
}
