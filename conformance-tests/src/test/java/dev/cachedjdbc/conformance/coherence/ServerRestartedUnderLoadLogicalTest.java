package dev.cachedjdbc.conformance.coherence;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * {@link ServerRestartedUnderLoadTest} with {@code cache.coherence=logical}: the restart ends every stream and drops
 * every temporary slot; each instance's feed for the restarted server starts on a new slot, and the feed of the server
 * as it was stops.
 */
@EnabledIfEnvironmentVariable(named = ServerRestarter.COMMAND_VARIABLE, matches = ".*\\S.*",
        disabledReason = ServerRestarter.HOW_TO_ENABLE)
class ServerRestartedUnderLoadLogicalTest extends ServerRestartedUnderLoadTest {

    @Override
    String name() {
        return "server-restarted-logical";
    }

    @Override
    CoherenceMode mode() {
        return CoherenceMode.LOGICAL;
    }
}
