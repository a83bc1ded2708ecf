package dev.cachedjdbc.conformance.coherence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.conformance.coherence.FeedBackends.Backend;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When {@link FeedStaller} refuses to stop processes: whatever is not the feed's backend on this machine. */
class FeedStallerTest {

    @Test
    void aBackendThatIsNoProcessOfThisMachineCannotBeStalledFromHere() throws Exception {
        int noSuchProcess = Integer.MAX_VALUE - 1;
        assertThat(FeedStaller.whyNotHere(List.of(new Backend(noSuchProcess, 40000))))
                .hasValueSatisfying(why -> assertThat(why).contains("not a process of this machine")
                        .contains("the server runs elsewhere"));
    }

    @Test
    void aProcessOfThisMachineThatIsNotTheFeedsBackendIsNotStalled() throws Exception {
        int thisJvm = (int) ProcessHandle.current().pid();
        assertThat(FeedStaller.whyNotHere(List.of(new Backend(thisJvm, 1))))
                .hasValueSatisfying(why -> assertThat(why).contains("is not the server's backend"));
    }

    @Test
    void noFeedMeansNothingToStall() throws Exception {
        assertThat(FeedStaller.whyNotHere(List.of())).isPresent();
    }
}
