package dev.cachedjdbc.coherence;

import static dev.cachedjdbc.coherence.FeedProbes.coherence;
import static dev.cachedjdbc.coherence.FeedProbes.suspended;
import static dev.cachedjdbc.coherence.FeedProbes.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.cachedjdbc.driver.CacheControl;
import dev.cachedjdbc.driver.CacheStatistics;
import dev.cachedjdbc.driver.CoherenceStatus;
import dev.cachedjdbc.runtime.CacheRuntime;
import dev.cachedjdbc.testing.CountingDriver;
import dev.cachedjdbc.testing.TestDatabases;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * {@code cache.coherence=logical}: a cache that follows PostgreSQL's logical decoding sees every change committed by
 * any client, here a plain pgjdbc connection that never passes through the driver, within cache.maxStaleness, by row
 * where the change names its row; rolled-back transactions reach it not at all; with the stream down it serves no
 * hit it cannot prove fresh. Needs the PostgreSQL server of {@link TestDatabases} with {@code wal_level=logical}, a
 * role allowed to replicate and {@code max_prepared_transactions > 0} ({@code .ci/run} sets them).
 */
class LogicalCoherencePostgresTest {

    private static final Duration BOUND = Duration.ofMillis(500);
    private static final String ITEM = "coh_logical_item";
    private static final String READ = "select name from " + ITEM + " where id = 1";
    private static final String COUNT = "select count(*) from " + ITEM;

    private CacheRuntime instance;

    @BeforeAll
    static void createTables() throws SQLException {
        TestDatabases.assumeLogicalDecoding();
        CountingDriver.register();
        external("drop table if exists coh_logical_line, coh_logical_order, coh_logical_audit, coh_logical_part,"
                + ITEM + " cascade",
                "create table " + ITEM + " (id int primary key, name text)",
                "create table coh_logical_audit (id serial primary key, item int)",
                "create or replace function coh_logical_audit_row() returns trigger language plpgsql as"
                        + " $$ begin insert into coh_logical_audit (item) values (new.id); return new; end $$",
                "create trigger coh_logical_audited after insert on " + ITEM
                        + " for each row execute function coh_logical_audit_row()",
                "create table coh_logical_order (id int primary key)",
                "create table coh_logical_line (id int primary key,"
                        + " order_id int references coh_logical_order on delete cascade)",
                "create or replace function coh_logical_rename(target int, name text) returns void language sql as"
                        + " $$ update " + ITEM + " set name = $2 where id = $1 $$",
                "create table coh_logical_part (id int not null, region text not null) partition by list (region)",
                "create table coh_logical_part_eu partition of coh_logical_part for values in ('eu')",
                "create table coh_logical_part_us partition of coh_logical_part for values in ('us')",
                "create or replace view coh_logical_named as select id, name from " + ITEM + " where name is not null");
    }

    @BeforeEach
    void start() throws SQLException {
        external("truncate " + ITEM + ", coh_logical_audit, coh_logical_order, coh_logical_line, coh_logical_part",
                "insert into " + ITEM + " values (1, 'apple'), (2, 'pear')",
                "insert into coh_logical_order values (1)",
                "insert into coh_logical_line values (1, 1), (2, 1)",
                "insert into coh_logical_part values (1, 'eu'), (2, 'us')");
        instance = new CacheRuntime(Ticker.systemTicker());
        CountingDriver.reset();
    }

    @AfterEach
    void stop() {
        CountingDriver.refuseConnections(false);
        instance.close();
    }

    /** Runs statements on a plain connection, in autocommit: a client the driver never sees. */
    private static void external(String... statements) throws SQLException {
        try (Connection connection = TestDatabases.postgres(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private Connection open() throws SQLException {
        Properties properties = TestDatabases.postgresCredentials();
        properties.setProperty("cache.coherence", "logical");
        properties.setProperty("cache.maxStaleness", BOUND.toMillis() + "ms");
        return instance.connect("jdbc:cached:counting:" + TestDatabases.PG_URL.substring("jdbc:".length()), properties);
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).as(sql + " returns a row").isTrue();
            return rows.getString(1);
        }
    }

    /** Reads twice, the second time from the cache, and returns what it read. */
    private static String warm(Connection connection, String sql) throws SQLException {
        String value = single(connection, sql);
        long hits = statistics(connection).hits();
        assertThat(single(connection, sql)).isEqualTo(value);
        assertThat(statistics(connection).hits()).as("the second read of " + sql + " is a hit").isEqualTo(hits + 1);
        return value;
    }

    private static CacheStatistics statistics(Connection connection) throws SQLException {
        return connection.unwrap(CacheControl.class).statistics();
    }

    /** Reads again and again until the read returns the value expected; how long that took since the commit. */
    private static Duration untilRead(Connection connection, String sql, String expected, long since)
            throws SQLException {
        long deadline = since + Duration.ofSeconds(10).toNanos();
        while (!expected.equals(single(connection, sql))) {
            assertThat(System.nanoTime()).as(sql + " returns " + expected + " before long").isLessThan(deadline);
        }
        return Duration.ofNanos(System.nanoTime() - since);
    }

    /** The change is committed elsewhere now; the cached read must return the new value within the bound. */
    private void seenWithinBound(Connection reader, String sql, String expected, String... change) throws Exception {
        warm(reader, sql);
        external(change);
        long committed = System.nanoTime();
        assertThat(untilRead(reader, sql, expected, committed)).as("time until " + sql + " is fresh")
                .isLessThanOrEqualTo(BOUND);
    }

    @Test
    void theModeIsReportedConnectedWithAFreshProof() throws Exception {
        try (Connection reader = open()) {
            CoherenceStatus status = coherence(reader);
            assertThat(status.mode()).isEqualTo("logical");
            assertThat(status.connected()).isTrue();
            assertThat(status.proofAgeMillis()).isBetween(0L, BOUND.toMillis());
        }
    }

    @Test
    void anUpdateByAnotherClientIsSeenWithinTheBound() throws Exception {
        try (Connection reader = open()) {
            seenWithinBound(reader, READ, "apricot", "update " + ITEM + " set name = 'apricot' where id = 1");
            assertThat(coherence(reader).invalidationsReceived()).isPositive();
        }
    }

    /**
     * The log names changed rows by their key: reads by the key of other rows stay cached, and reads by any other
     * column see the change, as a change of any row for them.
     */
    @Test
    void aRowChangedByAnotherClientReachesReadsByAnotherColumnAndLeavesReadsOfOtherKeys() throws Exception {
        String byName = "select count(*) from " + ITEM + " where name = 'apple'";
        String otherKey = "select name from " + ITEM + " where id = 2";
        try (Connection reader = open()) {
            warm(reader, otherKey);
            seenWithinBound(reader, byName, "0", "update " + ITEM + " set name = 'apricot' where id = 1");
            long hits = statistics(reader).hits();
            assertThat(single(reader, otherKey)).isEqualTo("pear");
            assertThat(statistics(reader).hits()).as("key 2 stays cached").isEqualTo(hits + 1);
        }
    }

    @Test
    void aDeleteAndAnInsertByAnotherClientAreSeenWithinTheBound() throws Exception {
        try (Connection reader = open()) {
            seenWithinBound(reader, COUNT, "1", "delete from " + ITEM + " where id = 2");
            seenWithinBound(reader, COUNT, "2", "insert into " + ITEM + " values (3, 'plum')");
        }
    }

    @Test
    void aTruncateByAnotherClientIsSeenWithinTheBound() throws Exception {
        try (Connection reader = open()) {
            seenWithinBound(reader, COUNT, "0", "truncate " + ITEM);
        }
    }

    @Test
    void rowsCopiedInByAnotherClientAreSeenWithinTheBound() throws Exception {
        try (Connection reader = open()) {
            warm(reader, COUNT);
            try (Connection plain = TestDatabases.postgres()) {
                plain.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("copy " + ITEM + " from stdin", new StringReader("5\tfig\n6\tkiwi\n"));
            }
            long committed = System.nanoTime();
            assertThat(untilRead(reader, COUNT, "4", committed)).isLessThanOrEqualTo(BOUND);
        }
    }

    @Test
    void rowsATriggerWroteAreSeenWithinTheBound() throws Exception {
        try (Connection reader = open()) {
            String audited = warm(reader, "select count(*) from coh_logical_audit");
            seenWithinBound(reader, "select count(*) from coh_logical_audit", String.valueOf(Long.parseLong(audited) + 1),
                    "insert into " + ITEM + " values (4, 'date')");
        }
    }

    @Test
    void rowsACascadeDeletedAreSeenWithinTheBound() throws Exception {
        try (Connection reader = open()) {
            seenWithinBound(reader, "select count(*) from coh_logical_line", "0",
                    "delete from coh_logical_order where id = 1");
        }
    }

    @Test
    void aWriteInsideAFunctionIsSeenWithinTheBound() throws Exception {
        try (Connection reader = open()) {
            seenWithinBound(reader, READ, "quince", "select coh_logical_rename(1, 'quince')");
        }
    }

    @Test
    void aViewOverAChangedTableIsSeenWithinTheBound() throws Exception {
        try (Connection reader = open()) {
            seenWithinBound(reader, "select name from coh_logical_named where id = 1", "lime",
                    "update " + ITEM + " set name = 'lime' where id = 1");
        }
    }

    @Test
    void aPartitionedTableIsSeenWithinTheBoundWhenOneOfItsPartitionsChanges() throws Exception {
        try (Connection reader = open()) {
            seenWithinBound(reader, "select count(*) from coh_logical_part", "3",
                    "insert into coh_logical_part values (3, 'eu')");
        }
    }

    @Test
    void aPreparedTransactionIsSeenWhenItIsCommittedAndNotBefore() throws Exception {
        try (Connection reader = open(); Connection plain = TestDatabases.postgres();
                Statement statement = plain.createStatement()) {
            warm(reader, READ);
            try {
                statement.execute("begin");
                statement.execute("update " + ITEM + " set name = 'banana' where id = 1");
                statement.execute("prepare transaction 'coh_logical_prepared'");
                Thread.sleep(BOUND.toMillis() * 2);
                assertThat(single(reader, READ)).as("a prepared transaction is not committed").isEqualTo("apple");

                statement.execute("commit prepared 'coh_logical_prepared'");
            } finally {
                try (ResultSet left = statement.executeQuery("select gid from pg_prepared_xacts"
                        + " where gid = 'coh_logical_prepared'")) {
                    if (left.next()) {
                        statement.execute("rollback prepared 'coh_logical_prepared'");
                    }
                }
            }
            long committed = System.nanoTime();
            assertThat(untilRead(reader, READ, "banana", committed)).isLessThanOrEqualTo(BOUND);
        }
    }

    @Test
    void aRolledBackTransactionInvalidatesNothing() throws Exception {
        try (Connection reader = open(); Connection plain = TestDatabases.postgres()) {
            warm(reader, READ);
            long heardBefore = coherence(reader).invalidationsReceived();
            plain.setAutoCommit(false);
            try (Statement statement = plain.createStatement()) {
                statement.executeUpdate("update " + ITEM + " set name = 'almond' where id = 1");
            }
            plain.rollback();
            long rolledBack = System.nanoTime();
            waitFor(() -> proofSentAfter(reader, rolledBack), "a proof sent after the rollback");

            assertThat(coherence(reader).invalidationsReceived()).isEqualTo(heardBefore);
            long hits = statistics(reader).hits();
            assertThat(single(reader, READ)).isEqualTo("apple");
            assertThat(statistics(reader).hits()).as("the cached result stays").isEqualTo(hits + 1);
        }
    }

    @Test
    void aChangeToOneRowLeavesTheCachedReadOfAnotherRow() throws Exception {
        try (Connection reader = open()) {
            single(reader, "select count(*) from " + ITEM); // reads the catalog, which names the row key column
            warm(reader, READ);
            external("update " + ITEM + " set name = 'peach' where id = 2");
            long committed = System.nanoTime();
            waitFor(() -> proofSentAfter(reader, committed), "a proof sent after the update");

            long hits = statistics(reader).hits();
            assertThat(single(reader, READ)).isEqualTo("apple");
            assertThat(statistics(reader).hits()).as("row 1's cached result stays").isEqualTo(hits + 1);
            assertThat(single(reader, "select name from " + ITEM + " where id = 2")).isEqualTo("peach");
        }
    }

    @Test
    void withTheStreamTerminatedHitsStopWithinTheBoundAndWhatChangedMeanwhileIsSeenAfter() throws Exception {
        try (Connection reader = open()) {
            warm(reader, READ);
            CountingDriver.refuseConnections(true);
            long downSince = System.nanoTime();
            terminateStream();
            external("update " + ITEM + " set name = 'cherry' where id = 1");

            waitFor(() -> {
                readQuietly(reader);
                return suspended(reader);
            }, "hits suspended");
            assertThat(Duration.ofNanos(System.nanoTime() - downSince))
                    .as("hits stop within the bound of the last proof").isLessThanOrEqualTo(BOUND.plusMillis(150));
            assertThat(single(reader, READ)).as("a suspended read goes to the database").isEqualTo("cherry");

            CountingDriver.refuseConnections(false);
            waitFor(() -> {
                readQuietly(reader);
                return !suspended(reader);
            }, "hits served again");
            assertThat(warm(reader, READ)).isEqualTo("cherry");
            assertThat(activeSlots()).as("the terminated stream's temporary slot is gone; one new slot").isEqualTo(1);
        }
    }

    @Test
    void closingTheCacheLeavesNoSlotOnTheServer() throws Exception {
        try (Connection reader = open()) {
            assertThat(activeSlots()).isEqualTo(1);
        }
        instance.close();
        waitFor(() -> activeSlots() == 0, "the slot dropped");
    }

    @Test
    void aRoleThatMayNotReplicateIsRefusedWithWhatToChange() throws Exception {
        external("drop role if exists coh_logical_reader", "create role coh_logical_reader login");
        try {
            Properties properties = new Properties();
            properties.setProperty("user", "coh_logical_reader");
            properties.setProperty("cache.coherence", "logical");
            assertThatThrownBy(() -> instance.connect("jdbc:cached:" + TestDatabases.PG_URL.substring("jdbc:".length()),
                    properties).close())
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("ALTER ROLE coh_logical_reader REPLICATION")
                    .hasMessageContaining("cache.coherence=notify");
        } finally {
            external("drop role coh_logical_reader");
        }
    }

    private static int activeSlots() {
        try (Connection connection = TestDatabases.postgres(); Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery("select count(*) from pg_replication_slots"
                        + " where slot_name like 'cached\\_jdbc\\_%' and database = current_database()")) {
            count.next();
            return count.getInt(1);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static void terminateStream() throws SQLException {
        external("select pg_terminate_backend(pid) from pg_stat_activity"
                + " where application_name = 'cached-jdbc change stream' and datname = current_database()");
    }

    private static boolean proofSentAfter(Connection connection, long since) {
        try {
            long age = coherence(connection).proofAgeMillis();
            return age >= 0 && System.nanoTime() - Duration.ofMillis(age).toNanos() > since;
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static void readQuietly(Connection connection) {
        try {
            single(connection, READ);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
