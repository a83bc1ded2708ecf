package dev.cachedjdbc.conformance.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The freshness guarantee under sustained concurrent load: no read ever returns a version older than one whose
 * commit had returned before the read began, and no read returns a version that was rolled back. The default run is
 * short; {@code -Dcachedjdbc.soak.seconds=300} soaks each database for five minutes.
 */
class FreshnessSoakTest {

    private static final Duration SOAK = Duration.ofSeconds(Long.getLong("cachedjdbc.soak.seconds", 10));
    /** Long enough for the cache to serve an entry after a write it cannot see, many times over. */
    private static final Duration CHECKER_PROOF = Duration.ofSeconds(3);

    @Test
    void readersNeverSeeAnOlderVersionThanTheLastCommittedOnH2() throws Exception {
        assertFresh(new FreshnessSoak(SoakDatabase.h2(), "sk_soak_hot", false).run(SOAK));
    }

    @Test
    void readersNeverSeeAnOlderVersionThanTheLastCommittedOnPostgres() throws Exception {
        assertFresh(new FreshnessSoak(SoakDatabase.postgres(), "sk_soak_hot", false).run(SOAK));
    }

    @Test
    void theCheckerReportsStaleReadsWhenWritesGoAroundTheDriverOnH2() throws Exception {
        assertCheckerCatchesStaleReads(
                new FreshnessSoak(SoakDatabase.h2(), "sk_soak_bypassed", true).run(CHECKER_PROOF));
    }

    @Test
    void theCheckerReportsStaleReadsWhenWritesGoAroundTheDriverOnPostgres() throws Exception {
        assertCheckerCatchesStaleReads(
                new FreshnessSoak(SoakDatabase.postgres(), "sk_soak_bypassed", true).run(CHECKER_PROOF));
    }

    private static void assertFresh(SoakOutcome outcome) {
        System.out.println(outcome.summary());
        assertThat(outcome.staleReads()).as(outcome.summary()).isZero();
        assertThat(outcome.rolledBackValuesRead()).as(outcome.summary()).isZero();
        assertThat(outcome.finalReadIsCurrent()).as(outcome.summary()).isTrue();
        // A soak that never hit the cache, never committed or never rolled back would prove nothing.
        assertThat(outcome.hits()).as(outcome.summary()).isPositive();
        assertThat(outcome.commits()).as(outcome.summary()).isPositive();
        assertThat(outcome.rollbacks()).as(outcome.summary()).isPositive();
    }

    private static void assertCheckerCatchesStaleReads(SoakOutcome outcome) {
        System.out.println(outcome.summary());
        assertThat(outcome.staleReads()).as(outcome.summary()).isPositive();
    }
}
