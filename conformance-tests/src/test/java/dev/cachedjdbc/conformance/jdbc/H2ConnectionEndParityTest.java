package dev.cachedjdbc.conformance.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * {@link ConnectionEndParityContract} on embedded H2, where another session's SHUTDOWN closes every session of the
 * database: H2 knows its connection is lost without any I/O, and so must a hit.
 */
class H2ConnectionEndParityTest extends ConnectionEndParityContract {

    @Override
    Databases connectDatabases() {
        return Databases.h2("cj_end");
    }

    /** A database of its own, since shutting it down ends it for everyone. */
    @Override
    Databases databaseToLose() throws SQLException {
        Databases database = Databases.h2("cj_end_lost");
        createTable(database);
        return database;
    }

    @Override
    void loseConnection(Databases database, Connection victim) throws SQLException {
        try (Connection operator = DriverManager.getConnection(database.plainUrl(), database.credentials());
             Statement statement = operator.createStatement()) {
            statement.execute("SHUTDOWN");
        }
    }

    /** No check needs to reach the database first: the very next read that would be a hit fails as H2's does. */
    @Test
    void aReadThatWouldBeAHitFailsAsSoonAsTheDatabaseIsShutDown() throws Exception {
        assertSameStepsAfterLosingTheConnection((connection, steps) -> { });
    }
}
