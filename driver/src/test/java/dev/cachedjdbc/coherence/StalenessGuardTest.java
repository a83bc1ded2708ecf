package dev.cachedjdbc.coherence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Hits are served only while the last heartbeat heard back is no older than the bound. */
class StalenessGuardTest {

    private static final long BOUND = Duration.ofSeconds(1).toNanos();

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final StalenessGuard guard = new StalenessGuard(now::get, "test database");

    @Test
    void noHitBeforeTheFirstProof() {
        assertThat(guard.mayServe(BOUND)).isFalse();
        assertThat(guard.suspendedReads()).isEqualTo(1);
        assertThat(guard.suspended()).isTrue();
        assertThat(guard.proofAgeMillis()).isEqualTo(-1);
    }

    @Test
    void hitsWhileTheProofIsWithinTheBoundAndNotAfter() {
        guard.boundAsked(Duration.ofNanos(BOUND));
        guard.proven(now.get());
        now.addAndGet(BOUND);
        assertThat(guard.mayServe(BOUND)).isTrue();

        now.incrementAndGet();
        assertThat(guard.mayServe(BOUND)).isFalse();
        assertThat(guard.suspended()).isTrue();
    }

    @Test
    void aFreshProofResumesHitsAndTheSuspendedTimeIsCounted() {
        guard.boundAsked(Duration.ofNanos(BOUND));
        guard.proven(now.get());
        now.addAndGet(2 * BOUND);
        guard.check();
        assertThat(guard.suspended()).isTrue();

        now.addAndGet(Duration.ofMillis(300).toNanos());
        guard.proven(now.get());

        assertThat(guard.suspended()).isFalse();
        assertThat(guard.mayServe(BOUND)).isTrue();
        assertThat(guard.suspendedMillis()).as("from when the suspension began").isEqualTo(300);
    }

    @Test
    void aProofOlderThanTheBoundShowsAsSuspendedThoughNothingReadOrCheckedSince() {
        guard.boundAsked(Duration.ofNanos(BOUND));
        guard.proven(now.get());
        assertThat(guard.suspended()).isFalse();

        now.addAndGet(BOUND + 1);
        assertThat(guard.suspended()).as("a stalled feed's thread cannot run its check").isTrue();
    }

    @Test
    void anOlderProofNeverReplacesANewerOne() {
        guard.proven(now.get());
        guard.proven(now.get() - 2 * BOUND);
        assertThat(guard.mayServe(BOUND)).isTrue();
    }

    @Test
    void eachBoundIsJudgedOnItsOwn() {
        guard.proven(now.get());
        now.addAndGet(Duration.ofMillis(600).toNanos());

        assertThat(guard.mayServe(Duration.ofMillis(500).toNanos())).isFalse();
        assertThat(guard.mayServe(BOUND)).isTrue();
    }
}
