package dev.cachedjdbc.conformance.coherence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.conformance.coherence.SoakAnalysis.Miss;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Two instances in JVMs of their own: one only reads, the other only writes in autocommit, and the writer's change
 * feed alone is kept down for several bounds while the reader's stays up. The reader's proof stays fresh all along
 * (its own heartbeats come back), so it keeps serving hits: the writer's autocommit writes, announced after their
 * commit by the writer's feed, must still reach it within the bound.
 *
 * <p>Before the writer's connection took over announcing while its feed could not show it sends promptly, the
 * announcements waited in the feed's queue and the reader served the old rows for as long as the writer's feed stayed
 * down (three runs, bound 500 ms, feed kept down 2 s: 87 reads up to 762 ms, 228 up to 1,094 ms and 660 up to
 * 1,736 ms after the write's commit).
 */
class OneFeedDownTest {

    private static final Duration BOUND = Duration.ofMillis(500);
    private static final Duration RUN = Duration.ofSeconds(6);

    @Test
    void autocommitWritesOfAnInstanceWhoseFeedIsDownAreNotServedStaleBeyondTheBoundByAnother() throws Exception {
        InstancesOutcome outcome;
        try (InstancesRun run = new InstancesRun("one-feed-down", RUN, BOUND)) {
            run.start("reader", InstanceRole.READER);
            run.awaitReady();
            Set<Integer> readersFeed = Set.copyOf(run.terminator().feedBackends());
            run.start("writer", InstanceRole.AUTOCOMMIT_WRITER);
            run.awaitReady();
            run.go();
            run.sleepUntil(2_000);
            run.terminator().keepDown("writer's feed kept down for four bounds", BOUND.multipliedBy(4), readersFeed);
            outcome = run.finish();
        }
        for (String instance : outcome.instances) {
            assertThat(outcome.exits.get(instance)).as(outcome.outputs.get(instance) + outcome.report()).isZero();
            assertThat(outcome.figure(instance, "failedStatements")).as(outcome.report()).isZero();
        }
        assertThat(outcome.suspendedBetween("reader", outcome.origin, Long.MAX_VALUE))
                .as("the reader's own feed stayed up and proven\n" + outcome.report()).isFalse();
        List<Miss> stale = outcome.staleBeyondBound();
        assertThat(stale).as("reads that missed a write committed more than " + BOUND.toMillis() + " ms + "
                + InstancesOutcome.CLOCK_ALLOWANCE.toMillis() + " ms before they began:\n" + outcome.describe(stale)
                + outcome.report()).isEmpty();
    }
}
