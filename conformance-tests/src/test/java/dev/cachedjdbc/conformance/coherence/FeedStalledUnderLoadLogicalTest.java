package dev.cachedjdbc.conformance.coherence;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link FeedStalledUnderLoadTest} with {@code cache.coherence=logical}: the stalled instances' WAL senders and
 * heartbeat connections are stopped, so their streams deliver nothing, while the third instance's stream goes on.
 */
@ExtendWith(ServerProcessesHere.class)
class FeedStalledUnderLoadLogicalTest extends FeedStalledUnderLoadTest {

    @Override
    String name() {
        return "streams-stalled";
    }

    @Override
    CoherenceMode mode() {
        return CoherenceMode.LOGICAL;
    }
}
