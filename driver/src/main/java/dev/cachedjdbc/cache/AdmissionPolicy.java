package dev.cachedjdbc.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.util.Objects;
import java.util.function.Function;

/**
 * Decides, per statement, whether caching its results pays, so that a statement whose results are invalidated before
 * anyone reads them, or cost more to copy than their reads save, runs as it would without the cache (see
 * {@link StatementHistory} for the rule). One per {@link QueryCache}, whose {@link EntryFates} it hears through
 * {@link #fatesOf}; statements are named by their normalized text.
 *
 * <p>Bounded in memory: at most {@code maxStatements} histories of a few counters each, the least used dropped first.
 * A statement whose history was dropped starts again as admitted, which is where every statement starts.
 */
public final class AdmissionPolicy {

    private final Ticker ticker;
    private final Cache<String, StatementHistory> histories;
    /** Made once, so that finding a history on a miss allocates nothing. */
    private final Function<String, StatementHistory> newHistory;

    /** @param ticker the clock of sampling periods and of the durations the caller measures (see {@link #now}) */
    public AdmissionPolicy(Ticker ticker, int maxStatements) {
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.newHistory = statement -> new StatementHistory(ticker);
        this.histories = Caffeine.newBuilder()
                .maximumSize(maxStatements)
                .executor(Runnable::run)
                .build();
    }

    /** The history of this statement, begun now if it has none. */
    public StatementHistory history(String statement) {
        return histories.get(statement, newHistory);
    }

    /** Why this statement is passed through now, in words; null when it is admitted (or has no history). */
    public String passThroughReason(String statement) {
        StatementHistory history = histories.getIfPresent(statement);
        return history == null ? null : history.passThroughReason();
    }

    /** The clock's reading, in nanoseconds, for the durations handed to {@link StatementHistory#loaded}. */
    public long now() {
        return ticker.read();
    }

    /** What a {@link QueryCache} whose keys name their statement this way tells this policy of its entries. */
    public <K> EntryFates<K> fatesOf(Function<? super K, String> statementOf) {
        Objects.requireNonNull(statementOf, "statementOf");
        return new EntryFates<>() {
            @Override
            public void firstRead(K key) {
                StatementHistory history = histories.getIfPresent(statementOf.apply(key));
                if (history != null) {
                    history.firstRead();
                }
            }

            @Override
            public void removed(K key, int reads) {
                StatementHistory history = histories.getIfPresent(statementOf.apply(key));
                if (history != null) {
                    history.removed(reads);
                }
            }
        };
    }

    /** Forgets every history: each statement starts again as admitted. */
    public void forgetAll() {
        histories.invalidateAll();
    }

    /** How many statements have a history now. */
    long statementsKnown() {
        histories.cleanUp();
        return histories.estimatedSize();
    }
}
