package dev.cachedjdbc.conformance.coherence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The server processes behind the instances' change-feed connections, as pg_stat_activity shows them. */
final class FeedBackends {

    /**
     * The application_names of the driver's feed connections (README, freshness guarantees 8 and 9): LISTEN/NOTIFY's,
     * and logical decoding's stream and heartbeat connections.
     */
    static final String[] FEED_APPLICATION_NAMES = {"cached-jdbc change feed", "cached-jdbc change stream"};

    /** A feed connection's backend: its process id on the server and the client's port, which names it there. */
    record Backend(int pid, int clientPort) {
    }

    private FeedBackends() {
    }

    /** The feed backends on the connection's database now. */
    static List<Backend> on(Connection admin) throws SQLException {
        List<Backend> backends = new ArrayList<>();
        try (PreparedStatement statement = admin.prepareStatement("select pid, coalesce(client_port, -1)"
                + " from pg_stat_activity where application_name = any (?) and datname = current_database()")) {
            statement.setArray(1, admin.createArrayOf("text", FEED_APPLICATION_NAMES));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    backends.add(new Backend(rows.getInt(1), rows.getInt(2)));
                }
            }
        }
        return backends;
    }
}
