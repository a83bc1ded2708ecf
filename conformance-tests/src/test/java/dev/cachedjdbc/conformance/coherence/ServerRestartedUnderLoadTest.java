package dev.cachedjdbc.conformance.coherence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.conformance.coherence.SoakFiles.Failure;
import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The PostgreSQL server restarts under three instances ({@link ServerRestarter}; only where
 * {@value ServerRestarter#COMMAND_VARIABLE} allows it, skipped otherwise). Every connection dies, the feeds' and the
 * pools' alike: statements that find the server down fail, and those failures are the server's, not the cache's.
 * What the cache owes: hits stop within the bound of the outage's start and come back soon after the server answers
 * again, no read is stale beyond the bound, and once the server answers, after a short grace for the pools to replace
 * the connections it killed, no statement fails. A write whose commit failed as the server went down may have
 * committed all the same; the records keep it as in doubt.
 *
 * <p>The driver takes the restarted server for a new database (its identity holds the server's start time): the
 * connections the pools open after the restart get new caches and a new change feed, while those opened before keep
 * the old ones until the pools have dropped them. The samples follow the cache behind the connection the pool handed
 * out last, so they show the old caches' suspension and then the new ones.
 */
@EnabledIfEnvironmentVariable(named = ServerRestarter.COMMAND_VARIABLE, matches = ".*\\S.*",
        disabledReason = ServerRestarter.HOW_TO_ENABLE)
class ServerRestartedUnderLoadTest extends FeedFaultUnderLoadContract {

    private static final List<String> INSTANCES = List.of("a", "b", "c");
    /**
     * After the server answers again: a statement already waiting for a connection, or holding one the pool has not
     * yet found dead, may still fail for a moment.
     */
    private static final Duration GRACE = Duration.ofSeconds(1);
    /** Long enough after the restart for every feed to have reconnected (they retry every fifth of the bound). */
    private static final Duration FEEDS_SETTLE = Duration.ofSeconds(2);

    private Set<Integer> feedsOfOthers = Set.of();
    private int feedsBefore;
    private int feedsAfter;

    @Override
    String name() {
        return "server-restarted";
    }

    @Override
    Duration run() {
        return Duration.ofSeconds(12);
    }

    @Override
    void startInstances(InstancesRun run) throws Exception {
        try (Connection admin = TestDatabases.postgres()) {
            // Feeds of this JVM's own earlier tests on the database (the driver's global runtime keeps them): not the
            // instances'. They follow the server as it was, so they stop after the restart like the instances' old ones.
            feedsOfOthers = FeedBackends.on(admin).stream().map(FeedBackends.Backend::pid).collect(Collectors.toSet());
        }
        for (String instance : INSTANCES) {
            run.start(instance, InstanceRole.MIXED);
        }
        run.awaitReady();
    }

    @Override
    List<String> reached() {
        return INSTANCES;
    }

    @Override
    Fault inject(InstancesRun run) throws Exception {
        try (Connection admin = TestDatabases.postgres()) {
            feedsBefore = (int) FeedBackends.on(admin).stream()
                    .filter(backend -> !feedsOfOthers.contains(backend.pid())).count();
        }
        Fault restart;
        try {
            restart = run.restarter().restart("server restarted", feedsBefore);
        } finally {
            ServerRestarter.awaitAnswering();
        }
        TimeUnit.MILLISECONDS.sleep(FEEDS_SETTLE.toMillis());
        try (Connection admin = TestDatabases.postgres()) {
            feedsAfter = FeedBackends.on(admin).size();
        }
        return restart;
    }

    /** Statements that failed once the server answered again and the grace had passed. */
    @Override
    List<Failure> failedBecauseOfTheFault() {
        return outcome.failuresBetween(fault.endMicros() + GRACE.toNanos() / 1000, Long.MAX_VALUE);
    }

    @Test
    void everyInstanceHoldsOneChangeFeedConnectionAfterTheRestart() {
        int perInstance = mode().connectionsPerFeed();
        assertThat(feedsBefore).as("feed connections before the restart").isEqualTo(INSTANCES.size() * perInstance);
        assertThat(feedsAfter).as("feed connections " + FEEDS_SETTLE.toMillis() + " ms after the restart\n"
                + outcome.report()).isEqualTo(INSTANCES.size() * perInstance);
    }

    @Test
    void statementsFailOnlyAroundTheOutage() {
        List<Failure> before = outcome.failuresBetween(Long.MIN_VALUE, fault.startMicros() - 1);
        assertThat(before).as("statements that failed before the server went down:\n"
                + outcome.describeFailures(before) + outcome.report()).isEmpty();
    }
}
