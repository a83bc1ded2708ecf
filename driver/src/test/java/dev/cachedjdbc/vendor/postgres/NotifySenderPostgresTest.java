package dev.cachedjdbc.vendor.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.coherence.FeedContext;
import dev.cachedjdbc.coherence.WriteOpening;
import dev.cachedjdbc.testing.CountingDriver;
import dev.cachedjdbc.testing.TestDatabases;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The group commit of openings on the feed's sending connection: writers that arrive while a statement is on its way
 * share the next one; a statement that fails or does not answer in time leaves its writers unsure and those queued
 * behind it unsent, so that each announces itself inside its transaction. The calls sent here are plain expressions
 * (a sleep, a division by zero) that stand for notify calls. Needs the PostgreSQL server of {@link TestDatabases}.
 */
class NotifySenderPostgresTest {

    private static final int FOLLOWERS = 6;

    private final FeedContext.Opener opener = added -> {
        Properties properties = TestDatabases.postgresCredentials();
        properties.putAll(added);
        return DriverManager.getConnection("jdbc:counting:" + TestDatabases.PG_URL.substring("jdbc:".length()),
                properties);
    };
    private NotifySender sender;
    private ExecutorService writers;

    @BeforeAll
    static void needsPostgres() {
        TestDatabases.assumePostgres();
        CountingDriver.register();
    }

    @BeforeEach
    void openSender() {
        CountingDriver.reset();
        sender = new NotifySender();
        writers = Executors.newCachedThreadPool();
    }

    @AfterEach
    void closeSender() throws InterruptedException {
        sender.close();
        writers.shutdownNow();
        writers.awaitTermination(10, TimeUnit.SECONDS);
    }

    private static int statementsSent(String marker) {
        Predicate<String> sent = text -> text.startsWith("SELECT ") && text.contains(marker);
        return CountingDriver.executionsWhere(sent);
    }

    private void connected() {
        assertThat(sender.send(List.of("1"))).as("nothing to send on yet").isEqualTo(WriteOpening.NOT_SENT);
        assertThat(sender.wanted()).isTrue();
        sender.openIfWanted(opener);
        assertThat(sender.wanted()).isFalse();
    }

    /** Starts a leader whose statement runs this expression, and waits until the statement is on its way. */
    private Future<WriteOpening> leaderOnItsWay(String expression) throws InterruptedException {
        Future<WriteOpening> leader = writers.submit(() -> sender.send(List.of(expression)));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (CountingDriver.executionsWhere(text -> text.contains(expression)) == 0) {
            assertThat(System.nanoTime()).as("the leader's statement is sent").isLessThan(deadline);
            Thread.sleep(1);
        }
        return leader;
    }

    /** Sends from every follower at once, each its own marked call, once released. */
    private List<Future<WriteOpening>> followers(CountDownLatch release) {
        List<Future<WriteOpening>> sent = new ArrayList<>();
        for (int i = 0; i < FOLLOWERS; i++) {
            String call = "'follower " + i + "'";
            sent.add(writers.submit(() -> {
                release.await();
                return sender.send(List.of(call));
            }));
        }
        return sent;
    }

    @Test
    void aWriterThatFindsNoConnectionSendsNothingAndTheFeedOpensOneForTheNext() {
        connected();

        assertThat(sender.send(List.of("'first'"))).isEqualTo(WriteOpening.OPENED);
        assertThat(statementsSent("'first'")).isEqualTo(1);
    }

    @Test
    void writersThatArriveWhileAStatementIsOnItsWayShareTheNextOne() throws Exception {
        connected();
        CountDownLatch release = new CountDownLatch(1);
        List<Future<WriteOpening>> followers = followers(release);

        Future<WriteOpening> leader = leaderOnItsWay("pg_catalog.pg_sleep(0.5)");
        release.countDown();

        assertThat(leader.get(10, TimeUnit.SECONDS)).isEqualTo(WriteOpening.OPENED);
        for (Future<WriteOpening> follower : followers) {
            assertThat(follower.get(10, TimeUnit.SECONDS)).isEqualTo(WriteOpening.OPENED);
        }
        assertThat(statementsSent("'follower ")).as("statements that carried the followers' calls").isEqualTo(1);
    }

    @Test
    void aStatementThatFailsLeavesItsWritersUnsureAndThoseQueuedBehindItUnsent() throws Exception {
        connected();
        CountDownLatch release = new CountDownLatch(1);
        List<Future<WriteOpening>> followers = followers(release);

        Future<WriteOpening> leader = leaderOnItsWay("1 / (select 0 from pg_catalog.pg_sleep(0.5))");
        release.countDown();

        assertThat(leader.get(10, TimeUnit.SECONDS)).isEqualTo(WriteOpening.UNSURE);
        for (Future<WriteOpening> follower : followers) {
            assertThat(follower.get(10, TimeUnit.SECONDS)).isEqualTo(WriteOpening.NOT_SENT);
        }
        assertThat(statementsSent("'follower ")).isZero();
        assertThat(sender.send(List.of("'after'"))).as("the failed connection was dropped")
                .isEqualTo(WriteOpening.NOT_SENT);
        assertThat(sender.wanted()).isTrue();
    }

    @Test
    void aStatementThatDoesNotAnswerIsGivenUpAfterTheWait() throws Exception {
        connected();
        long start = System.nanoTime();

        Future<WriteOpening> leader = leaderOnItsWay("pg_catalog.pg_sleep(5)");

        assertThat(leader.get(10, TimeUnit.SECONDS)).isEqualTo(WriteOpening.UNSURE);
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isLessThan(Duration.ofMillis(NotifySender.WAIT_MILLIS).multipliedBy(3));
        assertThat(sender.send(List.of("'after'"))).isEqualTo(WriteOpening.NOT_SENT);
    }
}
