package dev.cachedjdbc.driver;

import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.h2.api.Trigger;

/** Triggers by event on H2, whose INFORMATION_SCHEMA.TRIGGERS has a row per trigger and event. */
class TriggerEventsH2Test extends TriggerEventsContractTest {

    private final String url = TestDatabases.uniqueH2Url("trigger_events");

    /** Writes the deleted row's key into the audit table. */
    public static final class AuditingTrigger implements Trigger {
        @Override
        public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
            try (PreparedStatement insert = connection.prepareStatement("insert into " + AUDIT_TABLE
                    + " values (?)")) {
                insert.setObject(1, oldRow[0]);
                insert.executeUpdate();
            }
        }
    }

    @Override
    String plainUrl() {
        return url;
    }

    @Override
    Properties credentials() {
        return new Properties();
    }

    @Override
    void createDeleteTrigger(Statement statement) throws SQLException {
        statement.execute("create trigger trg_ev_deleted after delete on trg_ev_item for each row call \""
                + AuditingTrigger.class.getName() + "\"");
    }
}
