package dev.cachedjdbc.coherence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.driver.CacheControl;
import dev.cachedjdbc.driver.CoherenceStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/** What the coherence tests ask of a caching connection's change feed, and how they wait for it. */
final class FeedProbes {

    private FeedProbes() {
    }

    static CoherenceStatus coherence(Connection connection) throws SQLException {
        return connection.unwrap(CacheControl.class).coherence();
    }

    /** Whether the connection's hits are suspended now, for conditions that cannot throw. */
    static boolean suspended(Connection connection) {
        try {
            return coherence(connection).hitsSuspended();
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * The change messages a plain connection that LISTENs on the channel has received, heartbeats left out, waiting up to
     * 20 ms for the first.
     */
    static List<ChangeMessage> messagesHeard(Connection probe) {
        List<ChangeMessage> messages = new ArrayList<>();
        try {
            PGNotification[] notifications = probe.unwrap(PGConnection.class).getNotifications(20);
            for (PGNotification notification : notifications == null ? new PGNotification[0] : notifications) {
                ChangeMessage message = ChangeMessage.decode(notification.getParameter());
                if (message != null && !message.isHeartbeat()) {
                    messages.add(message);
                }
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        return messages;
    }

    /** Polls the condition every 5 ms and fails the test when it does not hold within 10 s. */
    static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
