package dev.cachedjdbc.analysis;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * The entry point of SQL analysis: tells, for a SQL text in a dialect, what it does, which tables it reads and
 * writes, whether its result may be cached, and the text to key a cache with.
 *
 * <p>Results are kept per dialect in a bounded cache keyed by the exact text, so a repeated statement costs one hash
 * lookup: no lexing, no parsing, no allocation. Each distinct text is analysed once; callers asking for a text that
 * is being analysed wait for that analysis instead of repeating it. Thread-safe.
 *
 * <p>Parsing runs on the caller's thread and is cut off after the parse timeout (see {@link BoundedParser}); a
 * statement that ran out of time is {@link Cacheability#UNANALYZABLE}, and that verdict is kept only for
 * {@link #TIMED_OUT_RETRY_AFTER}, so a statement that was merely unlucky (a cold JVM, a long GC pause) gets another
 * chance while a pathological one does not cost a parse on every execution.
 */
public final class SqlAnalyzer {

    /**
     * How long one text may be parsed: 200 ms. Typical ORM statements parse in well under a millisecond once
     * JSqlParser is warm; the bound exists for pathological texts.
     */
    public static final Duration DEFAULT_PARSE_TIMEOUT = Duration.ofMillis(200);

    /**
     * How many analyses are kept per dialect: 10,000. Every started 4 KiB of SQL text counts as one more entry, so a
     * cache full of huge statements stays small in memory.
     */
    public static final int DEFAULT_MAX_CACHED_STATEMENTS = 10_000;

    /** How long the verdict for a statement whose parse ran out of time is kept before it is tried again. */
    public static final Duration TIMED_OUT_RETRY_AFTER = Duration.ofSeconds(30);

    private static final int CHARACTERS_PER_ENTRY = 4096;

    private static final StatementAnalysis NO_TEXT = StatementAnalysis.unanalyzable("", 0, "no SQL text");

    static {
        StatementClassifier.warmUp();
    }

    /** A cached verdict, and whether it only stands until a retry because parsing ran out of time. */
    private record Entry(StatementAnalysis analysis, boolean provisional) {
    }

    /** The analyses of one dialect, and the function that fills it (kept so that a lookup allocates nothing). */
    private record DialectCache(Cache<String, Entry> cache, Function<String, Entry> loader) {
    }

    private final StatementClassifier classifier;
    private final DialectCache[] caches;

    /** An analyser with {@link #DEFAULT_PARSE_TIMEOUT} and {@link #DEFAULT_MAX_CACHED_STATEMENTS}. */
    public SqlAnalyzer() {
        this(DEFAULT_PARSE_TIMEOUT, DEFAULT_MAX_CACHED_STATEMENTS);
    }

    /**
     * @param parseTimeout        how long one text may be parsed; positive
     * @param maxCachedStatements how many analyses to keep per dialect (texts over 4 KiB count as several); zero
     *                            keeps none
     */
    public SqlAnalyzer(Duration parseTimeout, int maxCachedStatements) {
        this(parseTimeout, maxCachedStatements, Ticker.systemTicker());
    }

    /**
     * With the clock by which the cache expires provisional verdicts: the caller's own, so that one clock rules all
     * of its caches (tests move it by hand). The parse timeout is a bound on work, measured by the system clock.
     */
    public SqlAnalyzer(Duration parseTimeout, int maxCachedStatements, Ticker ticker) {
        Objects.requireNonNull(parseTimeout, "parseTimeout");
        if (parseTimeout.isNegative() || parseTimeout.isZero()) {
            throw new IllegalArgumentException("parseTimeout must be positive: " + parseTimeout);
        }
        if (maxCachedStatements < 0) {
            throw new IllegalArgumentException("maxCachedStatements must not be negative: " + maxCachedStatements);
        }
        this.classifier = new StatementClassifier(parseTimeout.toNanos());
        Dialect[] dialects = Dialect.values();
        this.caches = new DialectCache[dialects.length];
        for (Dialect dialect : dialects) {
            caches[dialect.ordinal()] =
                    new DialectCache(newCache(maxCachedStatements, ticker), sql -> analyseNow(sql, dialect));
        }
    }

    /**
     * Analyses a SQL text. Never throws: a null text, and anything that cannot be read, is
     * {@link StatementAnalysis#unanalyzable}. The same text in the same dialect returns the same instance for as long
     * as it stays cached.
     *
     * @param dialect the dialect to read the text in; null reads it as {@link Dialect#GENERIC}
     */
    public StatementAnalysis analyze(String sql, Dialect dialect) {
        if (sql == null) {
            return NO_TEXT;
        }
        DialectCache analyses = caches[(dialect == null ? Dialect.GENERIC : dialect).ordinal()];
        try {
            return analyses.cache().get(sql, analyses.loader()).analysis();
        } catch (RuntimeException | Error e) {
            return failed(sql, e);
        }
    }

    private Entry analyseNow(String sql, Dialect dialect) {
        try {
            StatementClassifier.Result result = classifier.classify(sql, dialect);
            return new Entry(result.analysis(), result.timedOut());
        } catch (RuntimeException | StackOverflowError e) {
            return new Entry(failed(sql, e), false);
        }
    }

    private static StatementAnalysis failed(String sql, Throwable e) {
        return StatementAnalysis.unanalyzable(sql, 0, "analysis failed: " + e);
    }

    private static Cache<String, Entry> newCache(int maxCachedStatements, Ticker ticker) {
        return Caffeine.newBuilder()
                .ticker(ticker)
                .maximumWeight(maxCachedStatements)
                .weigher((String sql, Entry entry) -> 1 + sql.length() / CHARACTERS_PER_ENTRY)
                .expireAfter(new Expiry<String, Entry>() {
                    @Override
                    public long expireAfterCreate(String sql, Entry entry, long currentTime) {
                        return entry.provisional() ? TIMED_OUT_RETRY_AFTER.toNanos() : Long.MAX_VALUE;
                    }

                    @Override
                    public long expireAfterUpdate(String sql, Entry entry, long currentTime, long currentDuration) {
                        return expireAfterCreate(sql, entry, currentTime);
                    }

                    @Override
                    public long expireAfterRead(String sql, Entry entry, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .executor(Runnable::run)
                .build();
    }
}
