package dev.cachedjdbc.conformance.coherence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.conformance.coherence.SoakAnalysis.Miss;
import dev.cachedjdbc.conformance.coherence.SoakAnalysis.Uncommitted;
import dev.cachedjdbc.conformance.coherence.SoakFiles.Sample;
import dev.cachedjdbc.testing.TestDatabases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Three instances of one application, each in a JVM of its own with its own driver, HikariCP pool and change feed
 * ({@link ApplicationInstance}), caching the same queries on one PostgreSQL table while each writes to it (autocommit,
 * committed and rolled-back transactions), with the {@link #mode()} under test and a bound of 500 ms. During the run
 * the test terminates the feed connections of all instances twice, then keeps them down for twice the bound. A
 * further JVM, the control, only reads, with {@code cache.coherence=local}: it hears no other instance, so its reads
 * must be found stale, which shows that the check can fail.
 *
 * <p>Every read and write is recorded on the machine's wall clock, which all JVMs share. A read is stale beyond the
 * bound when a committed write of its row with a higher version had returned from its commit more than the bound
 * (plus {@link InstancesOutcome#CLOCK_ALLOWANCE} for reading the clock in different processes) before the read
 * began: there must be none. The run is made once; each test pins one behaviour of its outcome, and every assertion
 * carries the report (propagation, hit ratios, and each instance's times to suspend and resume hits around each
 * fault), which is also printed and kept with the records in {@code target/multi-instance}.
 *
 * <p>Hits must be suspended whenever an instance's proof is older than the bound. A single termination keeps a feed
 * away for a reconnection, much less than the bound: hits need not stop, but where they did they must come back soon.
 * Feeds kept down for twice the bound must suspend hits, except where a reconnection slipped a heartbeat in between
 * two rounds of terminations and proved the feed afresh; so the time from the fault's start to the suspension is
 * reported here, not asserted (the stall and the restart of {@link FeedFaultUnderLoadContract}, through which
 * nothing can slip, assert it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MultiInstanceSoakContract {

    static final Duration BOUND = Duration.ofMillis(500);
    static final List<String> INSTANCES = List.of("a", "b", "c");
    static final String CONTROL = "control";
    /** Modest: each row is written a few times a second by the writers together, and each write costs a miss. */
    private static final double HIT_RATIO_FLOOR = 0.3;
    private static final int KEPT_DOWN = 2;
    /** A feed retries every fifth of the bound and proves itself with a heartbeat as soon as it is back. */
    private static final Duration RESUME_WITHIN = BOUND.multipliedBy(2);

    protected InstancesOutcome outcome;

    abstract CoherenceMode mode();

    /** The run's name, for its records. */
    abstract String name();

    /** How long the instances run: the faults, and a few seconds after them. */
    abstract Duration run();

    /** Starts the JVMs besides the three instances and the control; none by default. */
    void startOthers(InstancesRun run) throws Exception {
    }

    /** The JVMs {@link #startOthers} starts. */
    List<String> others() {
        return List.of();
    }

    /** Faults after the feeds were kept down, if any; none by default. */
    void injectLater(InstancesRun run, FeedTerminator terminator) throws Exception {
    }

    @BeforeAll
    void soak() throws Exception {
        if (mode() == CoherenceMode.LOGICAL) {
            TestDatabases.assumeLogicalDecoding();
        }
        try (InstancesRun run = new InstancesRun(name(), mode(), run(), BOUND)) {
            for (String instance : INSTANCES) {
                run.start(instance, InstanceRole.MIXED);
            }
            startOthers(run);
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
            injectLater(run, terminator);
            outcome = run.finish();
        }
        System.out.println(outcome.report());
    }

    @Test
    void everyInstanceRunsToItsEndWithoutAFailedStatement() {
        List<String> started = new ArrayList<>(INSTANCES);
        started.addAll(others());
        started.add(CONTROL);
        assertThat(outcome.exits.keySet()).containsExactlyInAnyOrderElementsOf(started);
        for (String instance : outcome.exits.keySet()) {
            assertThat(outcome.exits.get(instance)).as("exit status of instance " + instance + "; its output:\n"
                    + outcome.outputs.get(instance) + "\n" + outcome.report()).isZero();
            assertThat(outcome.figure(instance, "failedStatements"))
                    .as("application statements that failed on instance " + instance + " (see its output in "
                            + outcome.directory + ")\n" + outcome.report()).isZero();
        }
    }

    @Test
    void noReadOnAnyInstanceIsStaleBeyondTheBoundOfAnyWriteTheModeHears() {
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
    void everyInstanceServesHits() {
        for (String instance : INSTANCES) {
            assertThat(outcome.hitRatio(instance)).as("hit ratio of instance " + instance + "\n" + outcome.report())
                    .isGreaterThan(HIT_RATIO_FLOOR);
        }
    }

    @Test
    void everyTerminationReachesTheFeedOfEveryInstance() {
        for (Fault fault : outcome.faults) {
            assertThat(fault.feedsReached()).as(fault.describe(outcome.origin) + "\n" + outcome.report())
                    .isGreaterThanOrEqualTo(INSTANCES.size());
        }
    }

    @Test
    void hitsAreSuspendedWhileTheFeedsStayDownLongerThanTheBound() {
        Fault kept = outcome.faults.get(KEPT_DOWN);
        // A reconnection may slip a heartbeat in between two rounds of terminations and prove a feed afresh; it
        // cannot do so for every instance every time.
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
    void hitsSuspendedByATerminationResumeSoonAfterTheFeedsComeBack() {
        for (Fault fault : outcome.faults) {
            for (String instance : INSTANCES) {
                FaultResponse response = outcome.response(instance, fault);
                long causedWithin = fault.endMicros() - fault.startMicros()
                        + BOUND.plus(FaultResponse.SAMPLING_ALLOWANCE).toNanos() / 1000;
                if (response.suspended().isEmpty() || response.suspended().getAsLong() > causedWithin) {
                    // A single termination need not suspend hits, and a suspension this late is not its doing.
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
