package dev.cachedjdbc.coherence;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * What a change feed needs from the runtime that starts it.
 *
 * @param opener       opens a connection to the database as the application's first connection did, outside any pool
 * @param listener     where heard writes go
 * @param guard        the database's staleness guard, which the feed keeps proving
 * @param maxStaleness the tightest bound asked of the feed; heartbeats are sent several times within it
 * @param database     the database's identity, for thread names and logs
 * @param catalogCheck what the feed's loop calls on its own connection, each time round
 */
public record FeedContext(Opener opener, ChangeListener listener, StalenessGuard guard, Duration maxStaleness,
        String database, CatalogCheck catalogCheck) {

    private static final Duration LEAST_REMOTE_WRITE_TIMEOUT = Duration.ofSeconds(10);

    /** Opens a connection of the feed's own, with the application's connection properties and these added. */
    @FunctionalInterface
    public interface Opener {
        Connection open(Properties added) throws SQLException;
    }

    /**
     * Checks the database's catalog for DDL run by clients this runtime does not see, when a check is due (at most
     * every {@code CatalogChangeCheck.INTERVAL}), on the feed's connection, so that it is noticed even while the
     * application's statements are all hits. A feed calls it on every turn of its loop, outside any transaction:
     * when nothing is due it costs a clock read. It never throws, and it may take a query's time when due.
     */
    @FunctionalInterface
    public interface CatalogCheck {
        void runIfDue(Connection feedConnection);
    }

    /** How often a heartbeat goes out: five times within the bound, so that one late heartbeat does not suspend hits. */
    public Duration heartbeatInterval() {
        return maxStaleness.dividedBy(5);
    }

    /**
     * How long another instance's write stays open here without its closing (see {@link RemoteWrites}): ten bounds,
     * and at least 10 s, far longer than a commit and the closing after it take, so that only a closing that will never
     * come is given up on.
     */
    public Duration remoteWriteTimeout() {
        Duration tenBounds = maxStaleness.multipliedBy(10);
        return tenBounds.compareTo(LEAST_REMOTE_WRITE_TIMEOUT) < 0 ? LEAST_REMOTE_WRITE_TIMEOUT : tenBounds;
    }
}
