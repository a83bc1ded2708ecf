package dev.cachedjdbc.coherence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A heartbeat heard back proves the guard fresh as of the time it was sent, and one is due once per interval. */
class HeartbeatsTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final StalenessGuard guard = new StalenessGuard(now::get, "test database");
    private final AtomicInteger proofs = new AtomicInteger();

    private Heartbeats heartbeats(Duration bound) {
        guard.boundAsked(bound);
        return new Heartbeats(new FeedContext(added -> null, null, guard, bound, "test database", connection -> {
        }), proofs::incrementAndGet);
    }

    @Test
    void hearingAHeartbeatProvesTheGuardAsOfItsSending() {
        Heartbeats heartbeats = heartbeats(Duration.ofSeconds(1));
        long first = heartbeats.due();
        now.addAndGet(Duration.ofMillis(300).toNanos());

        heartbeats.heard(first);

        assertThat(guard.proofAgeMillis()).isEqualTo(300);
        assertThat(proofs).hasValue(1);
    }

    @Test
    void noSecondHeartbeatIsDueWithinTheInterval() {
        Heartbeats heartbeats = heartbeats(Duration.ofHours(1));
        assertThat(heartbeats.due()).isEqualTo(1);
        assertThat(heartbeats.due()).as("the interval, a fifth of the bound, has not passed").isEqualTo(-1);
    }

    @Test
    void aHeartbeatHeardOutOfTurnDropsTheOlderOnesAndAnUnknownOneProvesNothing() {
        Heartbeats heartbeats = heartbeats(Duration.ofNanos(5));
        long first = heartbeats.due();
        long second = heartbeats.due();

        heartbeats.heard(second);
        heartbeats.heard(first);
        heartbeats.heard(second + 10);

        assertThat(proofs).as("only the heartbeat heard in turn proves").hasValue(1);
    }
}
