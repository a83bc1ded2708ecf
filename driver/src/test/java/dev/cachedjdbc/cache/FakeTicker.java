package dev.cachedjdbc.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when a test moves it; starts far from zero so that no code can rely on zero. */
final class FakeTicker implements Ticker {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);

    @Override
    public long read() {
        return nanos.get();
    }

    void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    void advanceNanos(long delta) {
        nanos.addAndGet(delta);
    }

    /** Moves the clock forwards to the given tick; a clock never goes back. */
    void advanceTo(long tick) {
        long now = nanos.get();
        if (tick - now < 0) {
            throw new IllegalArgumentException("the clock is at " + now + ", past " + tick);
        }
        nanos.compareAndSet(now, tick);
    }
}
