package dev.cachedjdbc.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The admission rule on its own, on a fake clock: results are reported as a {@link QueryCache} reports them, named
 * here by their statement's text.
 */
class AdmissionPolicyTest {

    private static final String READ = "select v from t where id = ?";
    private static final long QUERY_NANOS = 200_000;
    private static final long CAPTURE_NANOS = 5_000;

    private final FakeTicker ticker = new FakeTicker();
    private final AdmissionPolicy policy = new AdmissionPolicy(ticker, 1_000);
    private final EntryFates<String> fates = policy.fatesOf(Function.identity());
    private final StatementHistory history = policy.history(READ);

    /** One captured miss whose result leaves the cache after {@code reads} reads. */
    private void loadRemovedAfter(int reads) {
        history.loaded(QUERY_NANOS, CAPTURE_NANOS, true);
        if (reads > 0) {
            fates.firstRead(READ);
        }
        fates.removed(READ, Math.min(reads, CacheEntry.COUNTED_READS));
    }

    /** How many misses in a row pass until one is admitted (a sample); fails past a bound. */
    private int missesUntilASample() {
        for (int miss = 1; miss <= 100_000; miss++) {
            if (history.admits()) {
                return miss;
            }
        }
        throw new AssertionError("no sample in 100,000 misses");
    }

    @Test
    void aStatementWhoseResultsAreAlwaysInvalidatedBeforeReuseIsPassedThroughAfterTheMinimumEvidence() {
        for (int load = 1; load < StatementHistory.MIN_FATES; load++) {
            assertThat(history.admits()).as("miss %d, before the minimum evidence", load).isTrue();
            loadRemovedAfter(0);
        }
        assertThat(history.admits()).isTrue();
        loadRemovedAfter(0);

        assertThat(history.admits()).as("the miss after the minimum evidence").isFalse();
        assertThat(history.cause()).isEqualTo(StatementHistory.PassThroughCause.RARE_REUSE);
        assertThat(policy.passThroughReason(READ))
                .startsWith("100% of the last 32 results it loaded were invalidated, expired or evicted before anyone"
                        + " read them")
                .contains("one execution in 16, or one every 1 s, is still cached");
    }

    @Test
    void aStatementWhoseResultsAreReadStaysAdmitted() {
        for (int load = 0; load < 10_000; load++) {
            assertThat(history.admits()).isTrue();
            loadRemovedAfter(1 + load % 5);
        }

        assertThat(history.cause()).isNull();
        assertThat(policy.passThroughReason(READ)).isNull();
    }

    @Test
    void aStatementReadOnceInFiveStaysAdmittedAndOnceInTwentyIsPassedThrough() {
        for (int load = 0; load < 1_000; load++) {
            loadRemovedAfter(load % 5 == 0 ? 1 : 0);
        }
        assertThat(history.cause()).as("one result in five read").isNull();

        for (int load = 0; load < 1_000 && history.cause() == null; load++) {
            loadRemovedAfter(load % 20 == 0 ? 1 : 0);
        }
        assertThat(history.cause()).as("one result in twenty read").isEqualTo(
                StatementHistory.PassThroughCause.RARE_REUSE);
    }

    @Test
    void aPassedThroughStatementIsSampledAndReadmittedWhenItsSampleIsRead() {
        passThrough();

        assertThat(missesUntilASample()).isEqualTo(StatementHistory.FIRST_SAMPLE_INTERVAL);
        fates.firstRead(READ);

        assertThat(history.cause()).isNull();
        assertThat(history.admits()).isTrue();
        assertThat(policy.passThroughReason(READ)).isNull();
    }

    @Test
    void aReadmittedStatementGathersFreshEvidenceBeforeItIsPassedThroughAgain() {
        passThrough();
        missesUntilASample();
        fates.firstRead(READ);
        fates.removed(READ, 1);

        for (int load = 1; load < StatementHistory.MIN_FATES - 1; load++) {
            loadRemovedAfter(0);
            assertThat(history.cause()).as("unread result %d after the readmission", load).isNull();
        }
        loadRemovedAfter(0);
        loadRemovedAfter(0);
        assertThat(history.cause()).isEqualTo(StatementHistory.PassThroughCause.RARE_REUSE);
    }

    @Test
    void samplesThatAreNotReadBackOffUpToTheCap() {
        passThrough();

        List<Integer> intervals = new ArrayList<>();
        for (int sample = 0; sample < 9; sample++) {
            intervals.add(missesUntilASample());
            fates.removed(READ, 0);
        }

        assertThat(intervals).containsExactly(16, 32, 64, 128, 256, 512, 1024, 1024, 1024);
        assertThat(history.cause()).isNotNull();
    }

    @Test
    void aRarelyExecutedPassedThroughStatementIsSampledOnceItsPeriodIsOver() {
        passThrough();
        assertThat(history.admits()).isFalse();

        ticker.advanceNanos(StatementHistory.FIRST_SAMPLE_PERIOD_NANOS - 1);
        assertThat(history.admits()).isFalse();
        ticker.advanceNanos(1);
        assertThat(history.admits()).as("the period is over").isTrue();

        ticker.advance(Duration.ofSeconds(1));
        assertThat(history.admits()).as("the period doubled to 2 s").isFalse();
        ticker.advance(Duration.ofSeconds(1));
        assertThat(history.admits()).isTrue();
    }

    @Test
    void aStatementWhoseCaptureCostsMoreThanItsReadsSaveIsPassedThrough() {
        StatementHistory cheapQuery = policy.history("select cheap");
        for (int load = 0; load < StatementHistory.MIN_FATES; load++) {
            cheapQuery.loaded(10_000, 40_000, true);
            fates.firstRead("select cheap");
            fates.removed("select cheap", 2);
        }

        assertThat(cheapQuery.cause()).isEqualTo(StatementHistory.PassThroughCause.CAPTURE_COSTS_MORE);
        assertThat(policy.passThroughReason("select cheap"))
                .startsWith("copying a result takes 40.0 µs, more than its reads save (2.00 reads a result, of a"
                        + " query that takes 10.0 µs)");
    }

    @Test
    void aStatementWhoseReadsSaveMoreThanItsCaptureCostsStaysAdmitted() {
        StatementHistory costlyQuery = policy.history("select costly");
        for (int load = 0; load < 1_000; load++) {
            costlyQuery.loaded(100_000, 40_000, true);
            fates.firstRead("select costly");
            fates.removed("select costly", 1);
        }

        assertThat(costlyQuery.cause()).isNull();
    }

    @Test
    void loadsWhoseResultCouldNotBeStoredCountAsResultsNobodyRead() {
        for (int load = 0; load < StatementHistory.MIN_FATES; load++) {
            history.loaded(QUERY_NANOS, CAPTURE_NANOS, false);
        }

        assertThat(history.cause()).isEqualTo(StatementHistory.PassThroughCause.RARE_REUSE);
    }

    @Test
    void decayLetsAnOldHistoryFade() {
        for (int load = 0; load < 100_000; load++) {
            loadRemovedAfter(CacheEntry.COUNTED_READS);
        }

        int unread = 0;
        while (history.cause() == null && unread < 100_000) {
            loadRemovedAfter(0);
            unread++;
        }

        assertThat(history.cause()).isEqualTo(StatementHistory.PassThroughCause.RARE_REUSE);
        assertThat(unread).as("results nobody read before 100,000 read ones are outweighed")
                .isLessThanOrEqualTo(2 * StatementHistory.FATE_WINDOW);
    }

    @Test
    void historiesAreBoundedByCountWhateverTheNumberOfTexts() {
        AdmissionPolicy small = new AdmissionPolicy(ticker, 100);
        for (int text = 0; text < 20_000; text++) {
            small.history("select v from t where id = " + text).loaded(QUERY_NANOS, CAPTURE_NANOS, true);
        }

        assertThat(small.statementsKnown()).isLessThanOrEqualTo(100);
    }

    @Test
    void fatesOfAStatementWithoutHistoryAreIgnored() {
        fates.firstRead("select never seen");
        fates.removed("select never seen", 0);

        assertThat(policy.passThroughReason("select never seen")).isNull();
        assertThat(policy.statementsKnown()).isEqualTo(1);
    }

    @Test
    void concurrentMissesFatesAndReadsLeaveAConsistentVerdict() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int worker = 0; worker < 4; worker++) {
                workers.add(pool.submit(() -> {
                    for (int load = 0; load < 20_000; load++) {
                        if (history.admits()) {
                            history.loaded(QUERY_NANOS, CAPTURE_NANOS, true);
                        }
                        fates.removed(READ, 0);
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(history.cause()).isEqualTo(StatementHistory.PassThroughCause.RARE_REUSE);
        fates.firstRead(READ);
        assertThat(history.cause()).isNull();
        assertThat(history.admits()).isTrue();
    }

    private void passThrough() {
        while (history.cause() == null) {
            loadRemovedAfter(0);
        }
    }
}
