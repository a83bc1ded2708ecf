package dev.cachedjdbc.cache;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for other threads to reach a state that the test can observe, without guessing a sleep. */
final class Waiting {

    /** Long enough never to be reached on a loaded machine; only a broken test waits this long. */
    static final Duration PATIENCE = Duration.ofSeconds(30);

    private Waiting() {
    }

    static void until(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("gave up waiting until " + what);
            }
            Thread.yield();
        }
    }
}
