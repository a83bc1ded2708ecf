package dev.cachedjdbc.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * What caching one statement has earned lately, and whether its misses are captured and stored or passed through.
 *
 * <p>Evidence comes from the statement's own results: each stored result, when it leaves the cache, tells how often
 * it was read (up to {@link CacheEntry#COUNTED_READS}); each captured load tells how long its query took and how long
 * copying its rows took. Once {@link #MIN_FATES} results have left the cache, the statement is passed through when
 * fewer than one in {@link #RARE_REUSE} was ever read, or when what its results save (reads per result × query time)
 * is less than what capturing one costs. The counters are halved as they fill their windows, so that old history
 * fades and the verdict follows the last hundred or so results.
 *
 * <p>A statement passed through is still captured now and then: one miss in 16, then in 32, … up to one in 1024,
 * or one after a period doubling from 1 s to 64 s, whichever comes first. The first read of any of its results
 * (a sample, or one stored before the verdict) shows that its results are reused again: it is admitted at once, with
 * its evidence started afresh. Admission only decides whether to capture and store: a result stored by a sample is
 * served under the same version stamps as any other, so nothing here can make a read stale.
 *
 * <p>A few counters per statement; the methods take this object's lock for a few arithmetic steps and never across a
 * query. While the statement is admitted, {@link #admits} reads one volatile field.
 */
public final class StatementHistory {

    /** No verdict before this many stored results have left the cache: fewer say too little. */
    static final int MIN_FATES = 32;
    /** The fate counters are halved when this many results have left the cache since the last halving. */
    static final int FATE_WINDOW = 128;
    /** The load counters are halved when this many loads were measured since the last halving. */
    static final int LOAD_WINDOW = 128;
    /** Passed through when fewer than one result in this many is read before it leaves the cache. */
    static final int RARE_REUSE = 10;
    /** While passed through, the first sample is taken after this many misses; the interval doubles at each. */
    static final int FIRST_SAMPLE_INTERVAL = 16;
    /** Or after this long, whichever comes first; the period doubles at each sample too. */
    static final long FIRST_SAMPLE_PERIOD_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Intervals and periods double this many times at most: one miss in 1024, or one every 64 s. */
    static final int MAX_BACKOFF = 6;

    /** Why a statement is passed through. */
    enum PassThroughCause {
        /** Its results leave the cache before anyone reads them. */
        RARE_REUSE,
        /** Copying a result costs more than its reads save. */
        CAPTURE_COSTS_MORE
    }

    private final Ticker ticker;

    /** Stored results that left the cache, and loads whose result could not be stored; guarded by this. */
    private int fates;
    /** Of those, the ones read at least once. */
    private int fatesRead;
    /** Their reads, each result's counted up to {@link CacheEntry#COUNTED_READS}. */
    private int reads;
    /** Captured loads measured. */
    private int loads;
    /** Their time in the database's driver, until its rows were there to read. */
    private long queryNanos;
    /** Their time copying the rows. */
    private long captureNanos;

    /** Null while admitted; read without the lock on every miss. */
    private volatile PassThroughCause cause;
    private int backoff;
    private int missesSinceSample;
    private long lastSampleTick;

    StatementHistory(Ticker ticker) {
        this.ticker = ticker;
    }

    /**
     * Whether this miss is captured and stored: always while the statement is admitted; while it is passed through,
     * only when a sample is due.
     */
    public boolean admits() {
        if (cause == null) {
            return true;
        }
        long now = ticker.read();
        synchronized (this) {
            if (cause == null) {
                return true;
            }
            missesSinceSample++;
            if (missesSinceSample < sampleInterval() && now - lastSampleTick < samplePeriodNanos()) {
                return false;
            }
            missesSinceSample = 0;
            lastSampleTick = now;
            backoff = Math.min(backoff + 1, MAX_BACKOFF);
            return true;
        }
    }

    /**
     * One captured load: how long its query took until the rows were there, how long copying them took, and whether a
     * result to store came of it (one too large to keep, or holding a value that cannot be copied, did not: nobody
     * will read it).
     */
    public synchronized void loaded(long queryNanos, long captureNanos, boolean storable) {
        loads++;
        this.queryNanos += Math.max(0L, queryNanos);
        this.captureNanos += Math.max(0L, captureNanos);
        if (loads >= LOAD_WINDOW) {
            loads >>= 1;
            this.queryNanos >>= 1;
            this.captureNanos >>= 1;
        }
        if (!storable) {
            fate(0);
        }
    }

    /** One of its results was read for the first time: its results are reused, so it is admitted if it was not. */
    void firstRead() {
        if (cause == null) {
            return;
        }
        synchronized (this) {
            cause = null;
            backoff = 0;
            fates = 0;
            fatesRead = 0;
            reads = 0;
        }
    }

    /** One of its results left the cache after this many reads (counted up to {@link CacheEntry#COUNTED_READS}). */
    synchronized void removed(int reads) {
        fate(reads);
    }

    /** Null while the statement is admitted; else why it is passed through and how it is sampled, in words. */
    public synchronized String passThroughReason() {
        PassThroughCause now = cause;
        if (now == null) {
            return null;
        }
        String why;
        if (now == PassThroughCause.RARE_REUSE) {
            why = String.format(Locale.ROOT, "%d%% of the last %d results it loaded were invalidated, expired or"
                    + " evicted before anyone read them (or could not be kept)",
                    Math.round(100.0 * (fates - fatesRead) / Math.max(1, fates)), fates);
        } else {
            why = String.format(Locale.ROOT, "copying a result takes %s, more than its reads save (%.2f reads a"
                    + " result, of a query that takes %s)", micros(captureNanos, loads), reads / (double) fates,
                    micros(queryNanos, loads));
        }
        return why + String.format(Locale.ROOT, "; one execution in %d, or one every %d s, is still cached to notice"
                + " a change", sampleInterval(), TimeUnit.NANOSECONDS.toSeconds(samplePeriodNanos()));
    }

    /** Why the statement is passed through; null while it is admitted. */
    PassThroughCause cause() {
        return cause;
    }

    private void fate(int resultReads) {
        fates++;
        if (resultReads > 0) {
            fatesRead++;
            reads += resultReads;
        }
        if (fates >= FATE_WINDOW) {
            fates >>= 1;
            fatesRead >>= 1;
            reads >>= 1;
        }
        reconsider();
    }

    private void reconsider() {
        if (cause != null || fates < MIN_FATES) {
            return;
        }
        if ((long) fatesRead * RARE_REUSE < fates) {
            passThrough(PassThroughCause.RARE_REUSE);
        } else if ((double) reads * queryNanos < (double) fates * captureNanos) {
            // reads/fates × queryNanos/loads (saved by the reads of a result) < captureNanos/loads (its copy)
            passThrough(PassThroughCause.CAPTURE_COSTS_MORE);
        }
    }

    private void passThrough(PassThroughCause why) {
        cause = why;
        missesSinceSample = 0;
        lastSampleTick = ticker.read();
    }

    private int sampleInterval() {
        return FIRST_SAMPLE_INTERVAL << backoff;
    }

    private long samplePeriodNanos() {
        return FIRST_SAMPLE_PERIOD_NANOS << backoff;
    }

    private static String micros(long nanos, int count) {
        return String.format(Locale.ROOT, "%.1f µs", nanos / 1000.0 / Math.max(1, count));
    }
}
