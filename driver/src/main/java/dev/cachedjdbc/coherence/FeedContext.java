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
}
