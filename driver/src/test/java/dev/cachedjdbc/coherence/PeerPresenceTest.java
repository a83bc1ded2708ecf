package dev.cachedjdbc.coherence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PeerPresenceTest {

    private static final long SECOND = 1_000_000_000L;
    private final PeerPresence peers = new PeerPresence(Duration.ofSeconds(1));

    @Test
    void aFeedThatDoesNotListenCannotRuleAnyoneOut() {
        assertThat(peers.othersMayListen(100 * SECOND)).isTrue();
    }

    @Test
    void nobodyElseListensOnceTheFeedHasListenedAWholeWindowWithoutHearingAnotherSender() {
        peers.startedListening(10 * SECOND);
        assertThat(peers.othersMayListen(10 * SECOND + SECOND / 2)).as("half a window in").isTrue();
        assertThat(peers.othersMayListen(11 * SECOND)).as("a whole window in").isFalse();
    }

    @Test
    void anotherSenderHeardWithinTheLastWindowListens() {
        peers.startedListening(10 * SECOND);
        peers.heardPeer(12 * SECOND);
        assertThat(peers.othersMayListen(12 * SECOND + SECOND / 2)).isTrue();
        assertThat(peers.othersMayListen(13 * SECOND)).as("a window after it was last heard").isFalse();
    }

    @Test
    void losingTheConnectionAndListeningAgainStartsTheWindowAgain() {
        peers.startedListening(10 * SECOND);
        assertThat(peers.othersMayListen(12 * SECOND)).isFalse();
        peers.stoppedListening();
        assertThat(peers.othersMayListen(12 * SECOND)).as("not listening").isTrue();
        peers.startedListening(13 * SECOND);
        assertThat(peers.othersMayListen(13 * SECOND + SECOND / 2)).as("listening again, half a window in").isTrue();
        assertThat(peers.othersMayListen(14 * SECOND)).isFalse();
    }

    @Test
    void worksAcrossNegativeNanoTimes() {
        peers.startedListening(-5 * SECOND);
        assertThat(peers.othersMayListen(-4 * SECOND - 1)).isTrue();
        assertThat(peers.othersMayListen(-4 * SECOND)).isFalse();
        peers.heardPeer(-3 * SECOND);
        assertThat(peers.othersMayListen(-2 * SECOND - 1)).isTrue();
    }
}
