package dev.cachedjdbc.driver;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Java methods {@link UserCodeH2Test} makes H2 aliases of; H2 calls them through reflection, so they are public. */
public final class UserCodeH2Aliases {

    private UserCodeH2Aliases() {
    }

    /** Counts a hit in uc_hits and returns its argument. */
    public static int countingIdentity(Connection connection, int value) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("update uc_hits set n = n + 1");
        }
        return value;
    }

    /** Counts a hit in uc_hits and passes any value. */
    public static boolean countingCheck(Connection connection, int value) throws SQLException {
        countingIdentity(connection, value);
        return true;
    }

    /** Moves the session to the schema uc_elsewhere. */
    public static int switchingIdentity(Connection connection, int value) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("set schema uc_elsewhere");
        }
        return value;
    }
}
