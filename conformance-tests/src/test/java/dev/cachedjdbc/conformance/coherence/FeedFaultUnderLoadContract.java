package dev.cachedjdbc.conformance.coherence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.conformance.coherence.SoakAnalysis.Miss;
import dev.cachedjdbc.conformance.coherence.SoakAnalysis.Uncommitted;
import dev.cachedjdbc.conformance.coherence.SoakFiles.Failure;
import dev.cachedjdbc.conformance.coherence.SoakFiles.Sample;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One fault injected into the change feeds of instances under load, and what every such fault must leave behind:
 * three instances in JVMs of their own ({@link ApplicationInstance}, role mixed: reads, autocommit writes, committed
 * and rolled-back transactions) with {@code cache.coherence=notify} and a bound of 500 ms, the fault injected once
 * they are warm, and then:
 * <ul>
 * <li>every instance the fault reached serves its last hit within the bound of the fault's start (plus
 *     {@link FaultResponse#SAMPLING_ALLOWANCE} for seeing it in the samples), and its status shows hits suspended
 *     soon after ({@link FaultResponse#suspensionShownWithin});</li>
 * <li>each serves hits again soon after the fault ends;</li>
 * <li>no read on any instance is stale beyond the bound, nor returns a version no write committed;</li>
 * <li>no application statement fails because of the fault.</li>
 * </ul>
 * The run is made once per class; every assertion carries the report, which also gives the times measured.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FeedFaultUnderLoadContract {

    static final Duration BOUND = Duration.ofMillis(500);
    /** After the JVMs' first seconds of compiling on a machine of two cores. */
    static final long FAULT_AT_MILLIS = 4_000;
    /** The feed retries every fifth of the bound and proves itself with a heartbeat as soon as it is back. */
    static final Duration RESUME_WITHIN = BOUND.multipliedBy(2);
    /** Modest: each row is written a few times a second, each write costs a miss, and the fault costs more. */
    private static final double HIT_RATIO_FLOOR = 0.2;

    protected InstancesOutcome outcome;
    protected Fault fault;

    /** The run's name, for its records. */
    abstract String name();

    /** The coherence mode whose feeds the fault reaches. */
    CoherenceMode mode() {
        return CoherenceMode.NOTIFY;
    }

    /** How long the instances run: the fault, and a few seconds after it to see them recover. */
    abstract Duration run();

    /** Starts the instances and waits until they are ready; may skip the class when the fault cannot be made here. */
    abstract void startInstances(InstancesRun run) throws Exception;

    /** The instances the fault reaches: they must suspend their hits. */
    abstract List<String> reached();

    /** Injects the fault, {@link #FAULT_AT_MILLIS} after the instances began, and returns it once it is over. */
    abstract Fault inject(InstancesRun run) throws Exception;

    /** The statements that failed because of the fault: by default every statement that failed at all. */
    List<Failure> failedBecauseOfTheFault() {
        return outcome.failures;
    }

    @BeforeAll
    void soak() throws Exception {
        if (mode() == CoherenceMode.LOGICAL) {
            dev.cachedjdbc.testing.TestDatabases.assumeLogicalDecoding();
        }
        try (InstancesRun run = new InstancesRun(name(), mode(), run(), BOUND)) {
            startInstances(run);
            run.go();
            run.sleepUntil(FAULT_AT_MILLIS);
            fault = inject(run);
            outcome = run.finish();
        }
    }

    /**
     * Hits must stop only where the feeds cannot prove themselves for longer than the bound: a server that restarts
     * faster than that may have its feeds back before any proof is too old.
     */
    private void assumeTheFaultOutlastsTheBound() {
        long length = fault.endMicros() - fault.startMicros();
        Assumptions.assumeTrue(length > BOUND.toNanos() / 1000, () -> fault.describe(outcome.origin) + ": it lasted "
                + length / 1000 + " ms, less than the bound of " + BOUND.toMillis() + " ms, so hits need not stop");
    }

    @Test
    void everyInstanceRunsToItsEnd() {
        for (String instance : outcome.exits.keySet()) {
            assertThat(outcome.exits.get(instance)).as("exit status of instance " + instance + "; its output:\n"
                    + outcome.outputs.get(instance) + "\n" + outcome.report()).isZero();
        }
    }

    @Test
    void noApplicationStatementFailsBecauseOfTheFault() {
        List<Failure> failed = failedBecauseOfTheFault();
        assertThat(failed).as("application statements that failed because of " + fault.describe(outcome.origin)
                + ":\n" + outcome.describeFailures(failed) + outcome.report()).isEmpty();
    }

    @Test
    void noReadOnAnyInstanceIsStaleBeyondTheBound() {
        List<Miss> stale = outcome.staleBeyondBound();
        assertThat(stale).as("reads that missed a write committed more than " + BOUND.toMillis() + " ms + "
                + InstancesOutcome.CLOCK_ALLOWANCE.toMillis() + " ms before they began:\n" + outcome.describe(stale)
                + outcome.report()).isEmpty();
    }

    @Test
    void everyInstanceTheFaultReachesServesItsLastHitWithinTheBoundOfTheFaultsStart() {
        assumeTheFaultOutlastsTheBound();
        long within = BOUND.plus(FaultResponse.SAMPLING_ALLOWANCE).toNanos() / 1000;
        for (String instance : reached()) {
            FaultResponse response = outcome.response(instance, fault);
            String context = response.describe() + "\n" + fault.describe(outcome.origin) + outcome.report();
            assertThat(response.servingBefore()).as("serving hits before the fault: " + context).isTrue();
            assertThat(response.suspended()).as("hits suspended: " + context).isPresent();
            response.lastHit().ifPresent(lastHit -> assertThat(lastHit).as("last hit after the fault's start, in µs: "
                    + context).isLessThanOrEqualTo(within));
        }
    }

    @Test
    void theStatusOfEveryInstanceTheFaultReachesShowsHitsSuspendedSoonAfterTheBound() {
        assumeTheFaultOutlastsTheBound();
        long within = FaultResponse.suspensionShownWithin(BOUND).toNanos() / 1000;
        for (String instance : reached()) {
            FaultResponse response = outcome.response(instance, fault);
            String context = response.describe() + "\n" + fault.describe(outcome.origin) + outcome.report();
            assertThat(response.suspended()).as("hits suspended: " + context).isPresent();
            assertThat(response.suspended().getAsLong()).as("hits seen suspended after the fault's start, in µs: "
                    + context).isLessThanOrEqualTo(within);
        }
    }

    @Test
    void hitsAreSuspendedWheneverTheProofIsOlderThanTheBound() {
        Duration seenWithin = FaultResponse.suspensionShownWithin(BOUND);
        for (String instance : outcome.instances) {
            List<Sample> late = outcome.servingWithProofOlderThan(instance, seenWithin);
            assertThat(late).as("samples of instance " + instance + " showing hits served with a proof older than "
                    + seenWithin.toMillis() + " ms\n" + outcome.report()).isEmpty();
        }
    }

    @Test
    void noReadReturnsAVersionThatNoWriteCommitted() {
        List<Uncommitted> found = outcome.analysis.uncommittedReads();
        assertThat(found).as("reads of versions not committed when they ended (rolled-back values):\n"
                + found.stream().limit(20).map(Object::toString).reduce("", (a, b) -> a + b + "\n")
                + outcome.report()).isEmpty();
    }

    @Test
    void everyInstanceTheFaultReachesServesHitsAgainSoonAfterItEnds() {
        assumeTheFaultOutlastsTheBound();
        for (String instance : reached()) {
            FaultResponse response = outcome.response(instance, fault);
            String context = response.describe() + "\n" + fault.describe(outcome.origin) + outcome.report();
            assertThat(response.resumed()).as("hits resumed: " + context).isPresent();
            assertThat(response.resumed().getAsLong()).as("hits resumed after the fault's end, in µs: " + context)
                    .isLessThanOrEqualTo(RESUME_WITHIN.toNanos() / 1000);
        }
    }

    @Test
    void everyInstanceServesHits() {
        for (String instance : outcome.instances) {
            assertThat(outcome.hitRatio(instance)).as("hit ratio of instance " + instance + "\n" + outcome.report())
                    .isGreaterThan(HIT_RATIO_FLOOR);
        }
    }
}
