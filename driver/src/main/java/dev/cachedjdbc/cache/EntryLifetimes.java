package dev.cachedjdbc.cache;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Draws each entry's lifetime uniformly from [ttl × (1 − jitter), ttl], so that entries loaded together expire
 * spread out instead of all at once, while ttl stays a hard upper bound.
 */
final class EntryLifetimes {

    /** Far below what tick arithmetic and Caffeine's own expiry limit can hold, and still over a century. */
    private static final long LONGEST_NANOS = Long.MAX_VALUE >> 3;

    private final long ttlNanos;
    private final double jitter;
    private final DoubleSupplier jitterSource;

    EntryLifetimes(Duration ttl, double jitter, DoubleSupplier jitterSource) {
        this.ttlNanos = saturatedNanos(ttl);
        this.jitter = jitter;
        this.jitterSource = jitterSource;
    }

    /** A lifetime in nanoseconds, in (ttl × (1 − jitter), ttl]. */
    long drawNanos() {
        double shortening = ttlNanos * jitter * uniformDraw();
        return ttlNanos - (long) shortening;
    }

    /** The source's draw, forced into [0, 1): a source that strays must not stretch a lifetime past ttl. */
    private double uniformDraw() {
        double draw = jitterSource.getAsDouble();
        if (draw >= 0.0 && draw < 1.0) {
            return draw;
        }
        return draw >= 1.0 ? Math.nextDown(1.0) : 0.0;
    }

    private static long saturatedNanos(Duration duration) {
        return duration.compareTo(Duration.ofNanos(LONGEST_NANOS)) > 0 ? LONGEST_NANOS : duration.toNanos();
    }
}
