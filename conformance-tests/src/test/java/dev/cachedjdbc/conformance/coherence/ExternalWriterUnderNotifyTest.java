package dev.cachedjdbc.conformance.coherence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.conformance.coherence.SoakAnalysis.Uncommitted;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The external writer, another application writing the table through plain pgjdbc, beside an instance that caches
 * it with {@code cache.coherence=notify}: notify hears only writes made through the driver, so the instance serves
 * the external writes stale until its entries expire. The run's analysis must therefore judge the instance without
 * them and report them apart, while still knowing their versions as committed; a mode that hears them (logical
 * decoding) judges them with the rest.
 */
class ExternalWriterUnderNotifyTest {

    private static final Duration BOUND = Duration.ofMillis(500);
    private static final Duration RUN = Duration.ofSeconds(5);

    @Test
    void externalWritesAreRecordedAndJudgedApartFromTheInstancesWithNotify() throws Exception {
        InstancesOutcome outcome;
        try (InstancesRun run = new InstancesRun("external-writer", CoherenceMode.NOTIFY, RUN, BOUND)) {
            run.start("reader", InstanceRole.READER);
            run.start("external", InstanceRole.EXTERNAL_WRITER);
            run.awaitReady();
            run.go();
            outcome = run.finish();
        }
        for (String instance : outcome.exits.keySet()) {
            assertThat(outcome.exits.get(instance)).as(outcome.outputs.get(instance) + outcome.report()).isZero();
            assertThat(outcome.figure(instance, "failedStatements")).as(outcome.report()).isZero();
        }
        assertThat(outcome.externals).containsExactly("external");
        assertThat(outcome.instances).containsExactly("reader");
        assertThat(outcome.writes).as(outcome.report()).isNotEmpty()
                .allMatch(write -> write.instance().equals("external"));
        assertThat(outcome.unheardExternalStaleBeyondBound()).as("the reader hears nothing of the external writes"
                + " with notify\n" + outcome.report()).isNotEmpty();
        assertThat(outcome.staleBeyondBound()).as("judged without the external writes\n" + outcome.report())
                .isEmpty();
        List<Uncommitted> uncommitted = outcome.analysis.uncommittedReads();
        assertThat(uncommitted).as("the external writer's versions are known as committed\n" + outcome.report())
                .isEmpty();
    }
}
