package dev.cachedjdbc.conformance.coherence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.conformance.coherence.SoakAnalysis.Miss;
import dev.cachedjdbc.conformance.coherence.SoakAnalysis.Uncommitted;
import dev.cachedjdbc.conformance.coherence.SoakFiles.Sample;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Three instances of one application, each in a JVM of its own with its own driver, HikariCP pool and logical
 * decoding stream ({@code cache.coherence=logical}, bound 500 ms), caching the same queries on one PostgreSQL table
 * while each writes to it (autocommit, committed and rolled-back transactions), beside an external writer, another
 * application writing the same table through plain pgjdbc, whose writes no instance hears except through the
 * database's own log. A fourth JVM, the control, only reads with {@code cache.coherence=local}, so its reads must be
 * found stale, which shows that the check can fail. During the run the test terminates every stream's connections
 * twice (each termination drops the instance's temporary slot) and once keeps them down for twice the bound.
 *
 * <p>As in {@link MultiInstanceNotifyTest}, every read and write is recorded on the machine's wall clock, and a read
 * is stale beyond the bound when a committed write of its row with a higher version, by any instance or by the
 * external writer, had returned from its commit more than the bound before the read began: there must be none.
 * Records are kept in {@code target/multi-instance}. Needs {@code wal_level=logical} ({@code .ci/run} sets it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultiInstanceLogicalTest {

    private static final Duration BOUND = Duration.ofMillis(500);
    private static final List<String> INSTANCES = List.of("a", "b", "c");
    private static final String EXTERNAL = "external";
    private static final String CONTROL = "control";
    private static final Duration RUN = Duration.ofSeconds(14);
    /** Modest: each row is written a few times a second by the writers together, and each write costs a miss. */
    private static final double HIT_RATIO_FLOOR = 0.3;
    private static final int KEPT_DOWN = 2;
    /** A stream retries every fifth of the bound and proves itself with a heartbeat once its new slot streams. */
    private static final Duration RESUME_WITHIN = BOUND.multipliedBy(2);

    private InstancesOutcome outcome;

    @BeforeAll
    void soak() throws Exception {
        dev.cachedjdbc.testing.TestDatabases.assumeLogicalDecoding();
        try (InstancesRun run = new InstancesRun("three-instances-logical", CoherenceMode.LOGICAL, RUN, BOUND)) {
            for (String instance : INSTANCES) {
                run.start(instance, InstanceRole.MIXED);
            }
            run.start(EXTERNAL, InstanceRole.EXTERNAL_WRITER);
            run.start(CONTROL, InstanceRole.LOCAL_READER);
            run.awaitReady();
            run.go();
            FeedTerminator terminator = run.terminator();
            run.sleepUntil(3_000);
            terminator.terminate("termination 1", Set.of());
            run.sleepUntil(6_000);
            terminator.terminate("termination 2", Set.of());
            run.sleepUntil(9_000);
            terminator.keepDown("kept down for twice the bound", BOUND.multipliedBy(2), Set.of());
            outcome = run.finish();
        }
        System.out.println(outcome.report());
    }

    @Test
    void everyInstanceRunsToItsEndWithoutAFailedStatement() {
        assertThat(outcome.exits.keySet()).containsExactlyInAnyOrder("a", "b", "c", EXTERNAL, CONTROL);
        for (String instance : outcome.exits.keySet()) {
            assertThat(outcome.exits.get(instance)).as("exit status of instance " + instance + "; its output:\n"
                    + outcome.outputs.get(instance) + "\n" + outcome.report()).isZero();
            assertThat(outcome.figure(instance, "failedStatements"))
                    .as("application statements that failed on instance " + instance + " (see its output in "
                            + outcome.directory + ")\n" + outcome.report()).isZero();
        }
    }

    @Test
    void theExternalWriterWrites() {
        assertThat(outcome.writes).as(outcome.report()).anyMatch(write -> write.instance().equals(EXTERNAL)
                && write.committed());
    }

    @Test
    void noReadOnAnyInstanceIsStaleBeyondTheBoundOfAnyWriteIncludingTheExternalWriters() {
        List<Miss> stale = outcome.staleBeyondBound();
        assertThat(stale).as("reads that missed a write committed more than " + BOUND.toMillis() + " ms + "
                + InstancesOutcome.CLOCK_ALLOWANCE.toMillis() + " ms before they began:\n" + outcome.describe(stale)
                + outcome.report()).isEmpty();
    }

    @Test
    void theCheckFindsStaleReadsOnAControlInstanceThatHearsNoOther() {
        assertThat(outcome.controlStaleBeyondBound()).as("stale reads of the control, with cache.coherence=local\n"
                + outcome.report()).isNotEmpty();
    }

    @Test
    void noReadMissesAWriteItsOwnInstanceCommittedBeforeItBegan() {
        List<Miss> stale = outcome.analysis.staleAfterOwnCommit();
        assertThat(stale).as("reads that missed a write of their own instance committed before they began:\n"
                + outcome.describe(stale) + outcome.report()).isEmpty();
    }

    @Test
    void noReadReturnsAVersionThatNoWriteCommitted() {
        List<Uncommitted> found = outcome.analysis.uncommittedReads();
        assertThat(found).as("reads of versions not committed when they ended (rolled-back values):\n"
                + found.stream().limit(20).map(Object::toString).reduce("", (a, b) -> a + b + "\n")
                + outcome.report()).isEmpty();
    }

    @Test
    void everyInstanceServesHitsAndHearsTheStream() {
        for (String instance : INSTANCES) {
            assertThat(outcome.hitRatio(instance)).as("hit ratio of instance " + instance + "\n" + outcome.report())
                    .isGreaterThan(HIT_RATIO_FLOOR);
            assertThat(outcome.figure(instance, "invalidationsReceived"))
                    .as("transactions heard in the stream by instance " + instance + "\n" + outcome.report())
                    .isPositive();
            assertThat(outcome.figure(instance, "announcementsSent")).as("logical decoding announces nothing")
                    .isZero();
        }
    }

    @Test
    void everyTerminationReachesTheStreamOfEveryInstance() {
        for (Fault fault : outcome.faults) {
            assertThat(fault.feedsReached()).as(fault.describe(outcome.origin) + "\n" + outcome.report())
                    .isGreaterThanOrEqualTo(INSTANCES.size());
        }
    }

    @Test
    void hitsAreSuspendedWhileTheStreamsStayDownLongerThanTheBound() {
        Fault kept = outcome.faults.get(KEPT_DOWN);
        assertThat(INSTANCES).as("instances whose hits were suspended during: " + kept.describe(outcome.origin)
                + "\n" + outcome.report()).anyMatch(instance -> outcome.response(instance, kept).suspended()
                .stream().anyMatch(after -> after <= kept.endMicros() - kept.startMicros() + 1_000_000));
    }

    @Test
    void hitsAreSuspendedWheneverTheProofIsOlderThanTheBound() {
        Duration seenWithin = FaultResponse.suspensionShownWithin(BOUND);
        for (String instance : INSTANCES) {
            List<Sample> late = outcome.servingWithProofOlderThan(instance, seenWithin);
            assertThat(late).as("samples of instance " + instance + " showing hits served with a proof older than "
                    + seenWithin.toMillis() + " ms\n" + outcome.report()).isEmpty();
        }
    }

    @Test
    void hitsSuspendedByATerminationResumeSoonAfterTheStreamsComeBack() {
        for (Fault fault : outcome.faults) {
            for (String instance : INSTANCES) {
                FaultResponse response = outcome.response(instance, fault);
                long causedWithin = fault.endMicros() - fault.startMicros()
                        + BOUND.plus(FaultResponse.SAMPLING_ALLOWANCE).toNanos() / 1000;
                if (response.suspended().isEmpty() || response.suspended().getAsLong() > causedWithin) {
                    continue;
                }
                String context = response.describe() + "\n" + fault.describe(outcome.origin) + "\n"
                        + outcome.report();
                assertThat(response.resumed()).as("hits resumed: " + context).isPresent();
                assertThat(response.resumed().getAsLong()).as("hits resumed, µs after the fault's end: " + context)
                        .isLessThanOrEqualTo(RESUME_WITHIN.toNanos() / 1000);
            }
        }
    }
}
