package dev.cachedjdbc.driver;

import dev.cachedjdbc.testing.TestDatabases;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;

/** Triggers by event on PostgreSQL, whose catalog gives each trigger's events in pg_trigger.tgtype. */
class TriggerEventsPostgresTest extends TriggerEventsContractTest {

    @BeforeAll
    static void requirePostgres() {
        TestDatabases.assumePostgres();
    }

    @Override
    String plainUrl() {
        return TestDatabases.PG_URL;
    }

    @Override
    Properties credentials() {
        return TestDatabases.postgresCredentials();
    }

    @Override
    void createDeleteTrigger(Statement statement) throws SQLException {
        statement.execute("create or replace function trg_ev_audit_delete() returns trigger language plpgsql as"
                + " $$ begin insert into " + AUDIT_TABLE + " (item) values (old.id); return old; end $$");
        statement.execute("create trigger trg_ev_deleted after delete on trg_ev_item for each row"
                + " execute function trg_ev_audit_delete()");
    }
}
