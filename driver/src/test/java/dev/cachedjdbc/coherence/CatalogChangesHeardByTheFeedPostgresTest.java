package dev.cachedjdbc.coherence;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.cachedjdbc.driver.CacheControl;
import dev.cachedjdbc.runtime.CacheRuntime;
import dev.cachedjdbc.runtime.CatalogChangeCheck;
import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With a change feed, the feed's own thread checks the catalog: DDL run elsewhere is seen within the bound even by an
 * application whose statements are all hits, which never reach the database to check it themselves. Neither feed
 * hears DDL otherwise: NOTIFY carries only what instances announce, and logical decoding only changes of rows. Real
 * time: the feeds' loops run on the wall clock. Needs the PostgreSQL server of {@link TestDatabases}, set up for
 * logical decoding for the logical feed.
 */
class CatalogChangesHeardByTheFeedPostgresTest {

    private static final String READ = "select v from cw_feed.cw_feed_view";
    /** Time for the feed's loop to come round and for a loaded machine to schedule it. */
    private static final Duration SLACK = Duration.ofSeconds(1);

    private CacheRuntime runtime;

    @BeforeEach
    void createView() throws SQLException {
        TestDatabases.assumePostgres();
        elsewhere("drop schema if exists cw_feed cascade", "create schema cw_feed",
                "create table cw_feed.cw_feed_base (id int primary key, v int)",
                "insert into cw_feed.cw_feed_base values (1, 10)",
                "create view cw_feed.cw_feed_view as select v from cw_feed.cw_feed_base where id = 1");
        runtime = new CacheRuntime(Ticker.systemTicker());
    }

    @AfterEach
    void dropView() throws SQLException {
        runtime.close();
        elsewhere("drop schema if exists cw_feed cascade");
    }

    private static void elsewhere(String... statements) throws SQLException {
        try (Connection connection = TestDatabases.postgres(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private Connection open(String coherence) throws SQLException {
        Properties properties = TestDatabases.postgresCredentials();
        properties.setProperty("cache.coherence", coherence);
        properties.setProperty("cache.jmx", "false");
        return runtime.connect(TestDatabases.cachedPostgresUrl(), properties);
    }

    private static String read(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(READ)) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }

    @Test
    void aViewRedefinedElsewhereIsSeenWithinTheBoundByAnApplicationThatOnlyHitsWithNotify() throws Exception {
        assertRedefinedViewSeenWithinTheBound("notify");
    }

    @Test
    void aViewRedefinedElsewhereIsSeenWithinTheBoundByAnApplicationThatOnlyHitsWithLogicalDecoding() throws Exception {
        TestDatabases.assumeLogicalDecoding();
        assertRedefinedViewSeenWithinTheBound("logical");
    }

    private void assertRedefinedViewSeenWithinTheBound(String coherence) throws Exception {
        try (Connection reader = open(coherence)) {
            read(reader);
            long hits = reader.unwrap(CacheControl.class).statistics().hits();
            assertThat(read(reader)).isEqualTo("10");
            assertThat(reader.unwrap(CacheControl.class).statistics().hits()).as("a hit").isEqualTo(hits + 1);

            elsewhere("create or replace view cw_feed.cw_feed_view as"
                    + " select v + 100 as v from cw_feed.cw_feed_base where id = 1");
            long redefined = System.nanoTime();
            long deadline = redefined + Duration.ofSeconds(5).toNanos();
            while (!read(reader).equals("110")) {
                assertThat(System.nanoTime()).as("the new definition is read before long").isLessThan(deadline);
                Thread.sleep(10);
            }

            assertThat(Duration.ofNanos(System.nanoTime() - redefined))
                    .isLessThanOrEqualTo(CatalogChangeCheck.INTERVAL.plus(SLACK));
        }
    }
}
