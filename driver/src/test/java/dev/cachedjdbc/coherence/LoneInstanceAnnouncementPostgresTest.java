package dev.cachedjdbc.coherence;

import static dev.cachedjdbc.coherence.FeedProbes.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.cachedjdbc.analysis.TableKey;
import dev.cachedjdbc.cache.WrittenTables;
import dev.cachedjdbc.runtime.CacheRuntime;
import dev.cachedjdbc.testing.CountingDriver;
import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An instance that hears no other instance on the change channel announces its transactions after their commits, as
 * it announces autocommit writes, instead of opening them before (see {@link PeerPresence}); once another instance
 * listens, transactions are opened again. Needs the PostgreSQL server of {@link TestDatabases}; runs in a database of
 * its own ({@value #DATABASE}, created when missing), since channels are per database and instances of other tests
 * listen on the test database's.
 */
class LoneInstanceAnnouncementPostgresTest {

    private static final String TABLE = "coh_lone_item";
    static final String DATABASE = "cached_jdbc_lone";
    private static final String URL = TestDatabases.PG_URL.replaceFirst("/[^/?]*(\\?|$)", "/" + DATABASE + "$1");
    /** An opening on the channel: version, sender, the opening's mark and its write id. */
    private static final Pattern OPENING = Pattern.compile("cj1 [0-9a-f-]{36} o [0-9]+ ");

    private CacheRuntime first;
    private CacheRuntime second;

    @BeforeAll
    static void createTable() throws SQLException {
        TestDatabases.assumePostgres();
        CountingDriver.register();
        try (Connection connection = TestDatabases.postgres(); Statement statement = connection.createStatement();
             ResultSet exists = statement.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
            if (!exists.next()) {
                statement.execute("create database " + DATABASE);
            }
        }
        try (Connection connection = plain(); Statement statement = connection.createStatement()) {
            statement.execute("drop table if exists " + TABLE);
            statement.execute("create table " + TABLE + " (id int primary key, name text)");
            statement.execute("insert into " + TABLE + " values (1, 'apple')");
        }
    }

    @BeforeEach
    void startInstances() {
        first = new CacheRuntime(Ticker.systemTicker());
        second = new CacheRuntime(Ticker.systemTicker());
        CountingDriver.reset();
    }

    @AfterEach
    void stopInstances() {
        CountingDriver.reset();
        first.close();
        second.close();
    }

    private static Connection plain() throws SQLException {
        return DriverManager.getConnection(URL, TestDatabases.postgresCredentials());
    }

    private static Connection open(CacheRuntime instance) throws SQLException {
        return TransactionOpeningPostgresTest.open(instance, URL);
    }

    private static int openingsSent() {
        return CountingDriver.executionsWhere(text -> text.contains("pg_notify") && OPENING.matcher(text).find());
    }

    private static void writeAndCommit(Connection writer, String name) throws SQLException {
        try (Statement statement = writer.createStatement()) {
            statement.executeUpdate("update " + TABLE + " set name = '" + name + "' where id = 1");
        }
        writer.commit();
    }

    /** Commits transactions until one is neither opened nor announced inside: the instance hears nobody else. */
    private static void untilTransactionsGoUnopened(Connection writer) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            int openings = openingsSent();
            int inside = TransactionOpeningPostgresTest.announcementsInsideTransactions();
            writeAndCommit(writer, "apple");
            if (openingsSent() == openings
                    && TransactionOpeningPostgresTest.announcementsInsideTransactions() == inside) {
                return;
            }
            assertThat(System.nanoTime()).as("a transaction neither opened nor announced inside").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    void aLoneInstanceAnnouncesItsTransactionsAfterTheirCommitsWithoutOpeningThem() throws Exception {
        try (Connection writer = open(first);
             Connection probe = plain()) {
            writer.setAutoCommit(false);
            untilTransactionsGoUnopened(writer);
            try (Statement listen = probe.createStatement()) {
                listen.execute("LISTEN " + "cached_jdbc");
            }

            int openings = openingsSent();
            int inside = TransactionOpeningPostgresTest.announcementsInsideTransactions();
            for (int i = 0; i < 5; i++) {
                writeAndCommit(writer, "apple " + i);
            }
            assertThat(openingsSent()).as("openings sent by a lone instance").isEqualTo(openings);
            assertThat(TransactionOpeningPostgresTest.announcementsInsideTransactions())
                    .as("announcements inside transactions of a lone instance").isEqualTo(inside);

            // Each is announced after its commit, by the feed: an instance that joins hears them.
            List<ChangeMessage> heard = new ArrayList<>();
            waitFor(() -> {
                heard.addAll(FeedProbes.messagesHeard(probe));
                return heard.stream().anyMatch(message -> message.kind() == ChangeMessage.Kind.WRITTEN
                        && names(message.written()));
            }, "the transactions' writes announced after their commits");
            assertThat(heard).noneMatch(message -> message.kind() == ChangeMessage.Kind.OPENING);
        }
    }

    @Test
    void onceAnotherInstanceListensTransactionsAreOpenedBeforeTheirCommitsAgain() throws Exception {
        try (Connection writer = open(first)) {
            writer.setAutoCommit(false);
            untilTransactionsGoUnopened(writer);
            try (Connection joining = open(second)) {
                // The joining instance's feed listens and sends heartbeats; the writer hears them within a poll.
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                int openings = openingsSent();
                while (openingsSent() == openings) {
                    assertThat(System.nanoTime()).as("a transaction opened once another instance listens")
                            .isLessThan(deadline);
                    writeAndCommit(writer, "pear");
                    Thread.sleep(20);
                }
                openings = openingsSent();
                writeAndCommit(writer, "plum");
                assertThat(openingsSent()).as("the next transaction is opened too").isEqualTo(openings + 1);
                assertThat(joining.isValid(1)).isTrue();
            }
        }
    }

    private static boolean names(WrittenTables written) {
        return written.everything()
                || written.wholeTables().stream().map(TableKey::name).anyMatch(name -> name.endsWith(TABLE))
                || written.rows().keySet().stream().map(TableKey::name).anyMatch(name -> name.endsWith(TABLE));
    }
}
