package dev.cachedjdbc.benchmarks.mixes;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;

/**
 * New row versions for one run's writers, above every version already in the tables (tables are kept from run to
 * run). A writer takes a ticket and sets {@code version = GREATEST(version, ticket)}: a row's version then never
 * goes down, whatever order concurrent writes commit in, and after a write commits it is at least that write's
 * ticket, which is what the writer records in its {@link VersionLedger}.
 */
final class VersionTickets {

    private final AtomicLong last;

    VersionTickets(long last) {
        this.last = new AtomicLong(last);
    }

    /** Tickets above the highest {@code version} of the given tables. */
    static VersionTickets above(Connection connection, String... tables) throws SQLException {
        long highest = 0;
        try (Statement statement = connection.createStatement()) {
            for (String table : tables) {
                try (ResultSet row = statement.executeQuery("SELECT coalesce(max(version), 0) FROM " + table)) {
                    row.next();
                    highest = Math.max(highest, row.getLong(1));
                }
            }
        }
        return new VersionTickets(highest);
    }

    long next() {
        return last.incrementAndGet();
    }
}
