package dev.cachedjdbc.cache;

import java.util.function.DoubleSupplier;

/**
 * When a hit on an entry near the end of its lifetime reloads it early, so that a key read often never misses on
 * expiry: probabilistic early expiration (XFetch; Vattani, Chierichetti and Lowenstein, "Optimal Probabilistic Cache
 * Stampede Prevention", VLDB 2015). With r the entry's remaining lifetime and d the time its load took, a hit
 * refreshes when d × β × −ln(U) ≥ r, U uniform in (0, 1]. The chance per hit, e^(−r / (d × β)), grows towards 1 as
 * the end nears and is larger for slower loads, so a key read about once per load duration or more is usually
 * reloaded before it expires, and a key read rarely is left to expire as before.
 *
 * <p>Beyond {@link #WINDOW_IN_LOAD_DURATIONS} load durations (× β) before the end the chance is below e^−10 (5 in
 * 100,000) and is not drawn at all: most hits of an entry draw nothing.
 */
final class EarlyRefresh {

    /** XFetch's β: above 1 refreshes earlier, below 1 later. */
    static final double BETA = 1.0;
    /** How many load durations (× β) before its end an entry starts to draw for a refresh on its hits. */
    static final double WINDOW_IN_LOAD_DURATIONS = 10.0;

    private final boolean enabled;
    private final DoubleSupplier unitDraws;

    /**
     * @param enabled   false: no entry is ever refreshed early, every window is empty
     * @param unitDraws uniform draws in (0, 1]; a draw outside that range refreshes nothing
     */
    EarlyRefresh(boolean enabled, DoubleSupplier unitDraws) {
        this.enabled = enabled;
        this.unitDraws = unitDraws;
    }

    /** How close to its end, in nanoseconds, an entry whose load took {@code loadNanos} starts to draw; 0 for never. */
    long windowNanos(long loadNanos) {
        if (!enabled || loadNanos <= 0) {
            return 0;
        }
        double window = loadNanos * BETA * WINDOW_IN_LOAD_DURATIONS;
        return window >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) window;
    }

    /** One draw: whether a hit with {@code nanosLeft} of its entry's lifetime to go reloads it now. */
    boolean drawsRefresh(long nanosLeft, long loadNanos) {
        double draw = unitDraws.getAsDouble();
        if (!(draw > 0.0 && draw <= 1.0)) {
            return false;
        }
        return loadNanos * BETA * -Math.log(draw) >= nanosLeft;
    }
}
