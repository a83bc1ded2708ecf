package dev.cachedjdbc.conformance.coherence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.conformance.coherence.FeedBackends.Backend;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The change feeds of two of three instances stall for twice the bound: their backend processes on the server are
 * stopped ({@code kill -STOP}) and continued after ({@link FeedStaller}). Their connections stay open and nothing
 * fails; the feeds just hear nothing, so their proof ages and their hits must stop within the bound of the stall's
 * start, and come back once it ends. The third instance's feed is not stalled: it keeps serving hits, and it must
 * not serve the stalled instances' writes stale beyond the bound, though their feeds cannot announce them (the
 * writers' own connections must). Needs the server on this machine and the right to signal its processes (root);
 * skipped otherwise ({@link ServerProcessesHere}).
 */
@ExtendWith(ServerProcessesHere.class)
class FeedStalledUnderLoadTest extends FeedFaultUnderLoadContract {

    private static final List<String> STALLED = List.of("a", "b");
    private static final String SPARED = "c";

    private Set<Integer> sparedFeed;
    private List<String> locksHeldWhenStopped;

    @Override
    String name() {
        return "feeds-stalled";
    }

    @Override
    Duration run() {
        return Duration.ofSeconds(9);
    }

    @Override
    void startInstances(InstancesRun run) throws Exception {
        run.start(SPARED, InstanceRole.MIXED);
        run.awaitReady();
        sparedFeed = run.staller().feedBackends().stream().map(Backend::pid).collect(Collectors.toSet());
        for (String instance : STALLED) {
            run.start(instance, InstanceRole.MIXED);
        }
        run.awaitReady();
        List<Backend> feeds = run.staller().feedBackends();
        Optional<String> whyNot = FeedStaller.whyNotHere(feeds);
        Assumptions.assumeTrue(whyNot.isEmpty(), () -> "The feed backends cannot be stalled from here: "
                + whyNot.orElse("") + ". This test stops a backend of the PostgreSQL server with kill -STOP, so it"
                + " runs only on the server's machine as root (or as the server's user).");
        assertThat(feeds).as("one feed per instance")
                .hasSize(STALLED.size() * mode().connectionsPerFeed() + sparedFeed.size());
    }

    @Override
    List<String> reached() {
        return STALLED;
    }

    @Override
    Fault inject(InstancesRun run) throws Exception {
        Fault stall = run.staller().stall("feeds of " + STALLED + " stalled for twice the bound",
                BOUND.multipliedBy(2), sparedFeed);
        locksHeldWhenStopped = List.copyOf(run.staller().locksHeldWhenStopped());
        return stall;
    }

    @Test
    void theStallReachesTheFeedOfEveryStalledInstance() {
        assertThat(fault.feedsReached()).as(fault.describe(outcome.origin) + outcome.report())
                .isEqualTo(STALLED.size() * mode().connectionsPerFeed());
    }

    @Test
    void hitsOfTheStalledInstancesResumeOnlyAfterTheStallEnds() {
        for (String instance : STALLED) {
            FaultResponse response = outcome.response(instance, fault);
            // A stopped backend delivers nothing, so no heartbeat sent during the stall can be heard before it ends.
            assertThat(response.resumed()).as(response.describe() + outcome.report()).isPresent();
            assertThat(response.resumed().getAsLong()).as(response.describe() + outcome.report()).isNotNegative();
        }
    }

    @Test
    void theInstanceWhoseFeedIsNotStalledKeepsServingHits() {
        Assumptions.assumeTrue(locksHeldWhenStopped.isEmpty(), () -> "a stalled backend was stopped holding "
                + locksHeldWhenStopped + " (in the commit of a notification, whose lock every notifying commit of the"
                + " server waits for): the spared feed's heartbeats waited for the stall as well");
        FaultResponse response = outcome.response(SPARED, fault);
        assertThat(response.suspended()).as(response.describe() + outcome.report()).isEmpty();
    }
}
