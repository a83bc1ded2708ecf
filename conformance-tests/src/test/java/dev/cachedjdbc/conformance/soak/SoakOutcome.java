package dev.cachedjdbc.conformance.soak;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;

/** What one soak run did and saw; {@link #staleReads()} is the figure that must stay 0 while writes pass through the driver. */
public record SoakOutcome(String database, String writePath, double seconds, int writers, int readers, long reads,
                          long hits, long misses, long commits, long rollbacks, long writerErrors, long staleReads,
                          long rolledBackValuesRead, String firstStaleRead, boolean finalReadIsCurrent,
                          Disrupted disrupted) {

    /** What a {@link Disruption} did: how often it struck, and the failures callers saw. */
    public record Disrupted(long strikes, Map<String, Long> failureKinds, long failuresOnConnectionsNotHit,
                            SQLException firstFailureNotHit) {
    }

    public double hitRatio() {
        long lookups = hits + misses;
        return lookups == 0 ? 0 : (double) hits / lookups;
    }

    public String summary() {
        return String.format(Locale.ROOT,
                "freshness soak [%s, writes %s]: %.1f s, %d writers, %d readers: reads=%d (%.0f/s), hit ratio=%.3f"
                        + " (hits=%d, misses=%d), commits=%d, rollbacks=%d, writer errors=%d,"
                        + " rolled-back values read=%d, stale reads=%d%s",
                database, writePath, seconds, writers, readers, reads, reads / seconds, hitRatio(), hits, misses,
                commits, rollbacks, writerErrors, rolledBackValuesRead, staleReads,
                firstStaleRead == null ? "" : " (first: " + firstStaleRead + ")")
                + (finalReadIsCurrent ? "" : "; the final read through the cache differs from the database")
                + (disrupted == null ? "" : String.format(Locale.ROOT,
                        "; disruption struck %d times, failures by kind %s, failures on connections not hit=%d",
                        disrupted.strikes(), disrupted.failureKinds(), disrupted.failuresOnConnectionsNotHit()));
    }
}
