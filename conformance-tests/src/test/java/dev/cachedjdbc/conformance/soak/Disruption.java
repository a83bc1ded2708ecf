package dev.cachedjdbc.conformance.soak;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * A fault that strikes again and again while a soak runs, such as an operator terminating backends. The soak then
 * tolerates failed statements, but only on connections the fault has hit: a failure anywhere else is a fault of
 * the driver spreading to callers it should not reach.
 */
public interface Disruption {

    /** How long to wait between strikes. */
    Duration interval();

    /** Strikes once; returns whether it hit anything. */
    boolean strike() throws Exception;

    /** Names a connection as the fault knows it (a backend pid, say), taken right after a caller borrowed it. */
    Object victimKey(Connection connection) throws SQLException;

    /** Whether the fault has hit the connection named by this key. */
    boolean hit(Object victimKey);
}
