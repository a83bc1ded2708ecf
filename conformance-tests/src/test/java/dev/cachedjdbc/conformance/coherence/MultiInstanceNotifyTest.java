package dev.cachedjdbc.conformance.coherence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link MultiInstanceSoakContract} with {@code cache.coherence=notify}: every instance announces its writes on
 * LISTEN/NOTIFY. After the feeds were kept down they are terminated once more.
 */
class MultiInstanceNotifyTest extends MultiInstanceSoakContract {

    @Override
    CoherenceMode mode() {
        return CoherenceMode.NOTIFY;
    }

    @Override
    String name() {
        return "three-instances";
    }

    @Override
    Duration run() {
        return Duration.ofSeconds(16);
    }

    @Override
    void injectLater(InstancesRun run, FeedTerminator terminator) throws Exception {
        run.sleepUntil(12_500);
        terminator.terminate("termination 3", Set.of());
    }

    @Test
    void rolledBackTransactionsAreNotAnnounced() {
        long rolledBack = outcome.writes.stream().filter(write -> write.kind() == SoakFiles.ROLLED_BACK).count();
        assertThat(rolledBack).as("the run rolled back transactions\n" + outcome.report()).isPositive();
        for (String instance : INSTANCES) {
            // One announcement per autocommit write and per committed transaction; a rolled-back one adds none.
            assertThat(outcome.figure(instance, "announcementsSent"))
                    .as("announcements sent by instance " + instance + "\n" + outcome.report())
                    .isEqualTo(outcome.figure(instance, "expectedAnnouncements"));
        }
    }
}
