package dev.cachedjdbc.vendor.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.cachedjdbc.driver.CacheControl;
import dev.cachedjdbc.runtime.CacheRuntime;
import dev.cachedjdbc.schema.RowEvents;
import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A trigger widens a write to every table only on the events it names: an insert into a table whose only trigger
 * runs AFTER DELETE leaves other tables' cached results, while a delete, which runs it, invalidates them and the
 * rows the trigger wrote are read fresh. Needs the PostgreSQL server of {@link TestDatabases}.
 */
class TriggerEventsPostgresTest {

    private static final String AUDIT = "select count(*) from trg_ev_audit";
    private static final String OTHER = "select count(*) from trg_ev_other";

    private CacheRuntime runtime;
    private Connection connection;

    @BeforeAll
    static void createTables() throws SQLException {
        TestDatabases.assumePostgres();
        try (Connection plain = TestDatabases.postgres(); Statement statement = plain.createStatement()) {
            statement.execute("drop table if exists trg_ev_item, trg_ev_audit, trg_ev_other");
            statement.execute("create table trg_ev_item (id int primary key)");
            statement.execute("create table trg_ev_audit (id serial primary key, item int)");
            statement.execute("create table trg_ev_other (id int primary key)");
            statement.execute("create or replace function trg_ev_audit_delete() returns trigger language plpgsql as"
                    + " $$ begin insert into trg_ev_audit (item) values (old.id); return old; end $$");
            statement.execute("create trigger trg_ev_deleted after delete on trg_ev_item for each row"
                    + " execute function trg_ev_audit_delete()");
        }
    }

    @BeforeEach
    void open() throws SQLException {
        try (Connection plain = TestDatabases.postgres(); Statement statement = plain.createStatement()) {
            statement.execute("truncate trg_ev_item, trg_ev_audit, trg_ev_other");
            statement.execute("insert into trg_ev_item values (1), (2)");
            statement.execute("insert into trg_ev_other values (1)");
        }
        runtime = new CacheRuntime(Ticker.systemTicker());
        Properties properties = TestDatabases.postgresCredentials();
        properties.setProperty("cache.coherence", "local");
        connection = runtime.connect(TestDatabases.cachedPostgresUrl(), properties);
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
        runtime.close();
    }

    private String single(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private long hits() throws SQLException {
        return connection.unwrap(CacheControl.class).statistics().hits();
    }

    private void run(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Test
    void anInsertIntoATableWhoseTriggerRunsOnDeleteLeavesOtherTablesCached() throws SQLException {
        single(OTHER);
        run("insert into trg_ev_item values (3)");

        long hits = hits();
        assertThat(single(OTHER)).isEqualTo("1");
        assertThat(hits()).as("the read of another table stays a hit").isEqualTo(hits + 1);
    }

    @Test
    void aDeleteRunsTheTriggerAndWhatItWroteIsReadFresh() throws SQLException {
        assertThat(single(AUDIT)).isEqualTo("0");
        single(OTHER);
        run("delete from trg_ev_item where id = 1");

        assertThat(single(AUDIT)).as("the row the trigger wrote").isEqualTo("1");
        long hits = hits();
        single(OTHER);
        assertThat(hits()).as("a trigger may write anything: other tables are read again").isEqualTo(hits);
    }

    @Test
    void triggerTypesMapToTheEventsTheyName() {
        assertThat(PostgresCatalog.triggerEvents(1 << 3)).isEqualTo(RowEvents.DELETES);
        assertThat(PostgresCatalog.triggerEvents((1 << 2) | (1 << 4))).isEqualTo(RowEvents.INSERTS | RowEvents.UPDATES);
        assertThat(PostgresCatalog.triggerEvents(1 << 5)).as("TRUNCATE").isEqualTo(RowEvents.ANY);
        assertThat(PostgresCatalog.triggerEvents(1)).as("no event named").isEqualTo(RowEvents.ANY);
    }
}
