package dev.cachedjdbc.conformance.coherence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link MultiInstanceSoakContract} with {@code cache.coherence=logical}: every instance follows the database's
 * logical decoding stream, and beside them an external writer, another application writing the same table through
 * plain pgjdbc, whose writes no instance hears except through the database's own log; they are judged with the
 * instances' own. Terminating a stream's connections drops the instance's temporary slot. Needs
 * {@code wal_level=logical} ({@code .ci/run} sets it).
 */
class MultiInstanceLogicalTest extends MultiInstanceSoakContract {

    private static final String EXTERNAL = "external";

    @Override
    CoherenceMode mode() {
        return CoherenceMode.LOGICAL;
    }

    @Override
    String name() {
        return "three-instances-logical";
    }

    @Override
    Duration run() {
        return Duration.ofSeconds(14);
    }

    @Override
    void startOthers(InstancesRun run) throws Exception {
        run.start(EXTERNAL, InstanceRole.EXTERNAL_WRITER);
    }

    @Override
    List<String> others() {
        return List.of(EXTERNAL);
    }

    @Test
    void theExternalWriterWrites() {
        assertThat(outcome.writes).as(outcome.report()).anyMatch(write -> write.instance().equals(EXTERNAL)
                && write.committed());
    }

    @Test
    void everyInstanceHearsTheStreamAndAnnouncesNothing() {
        for (String instance : INSTANCES) {
            assertThat(outcome.figure(instance, "invalidationsReceived"))
                    .as("transactions heard in the stream by instance " + instance + "\n" + outcome.report())
                    .isPositive();
            assertThat(outcome.figure(instance, "announcementsSent")).as("logical decoding announces nothing")
                    .isZero();
        }
    }
}
