package dev.cachedjdbc.conformance.coherence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The server processes behind the instances' change-feed connections, as pg_stat_activity shows them. */
final class FeedBackends {

    /** The application_name of the driver's feed connections (README, freshness guarantee 8). */
    static final String FEED_APPLICATION_NAME = "cached-jdbc change feed";

    /** A feed connection's backend: its process id on the server and the client's port, which names it there. */
    record Backend(int pid, int clientPort) {
    }

    private FeedBackends() {
    }

    /** The feed backends on the connection's database now. */
    static List<Backend> on(Connection admin) throws SQLException {
        List<Backend> backends = new ArrayList<>();
        try (PreparedStatement statement = admin.prepareStatement("select pid, coalesce(client_port, -1)"
                + " from pg_stat_activity where application_name = ? and datname = current_database()")) {
            statement.setString(1, FEED_APPLICATION_NAME);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    backends.add(new Backend(rows.getInt(1), rows.getInt(2)));
                }
            }
        }
        return backends;
    }
}
