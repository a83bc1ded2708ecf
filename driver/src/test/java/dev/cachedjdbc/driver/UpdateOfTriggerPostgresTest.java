package dev.cachedjdbc.driver;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.cachedjdbc.runtime.CacheRuntime;
import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL a trigger {@code UPDATE OF col} runs only on an update whose SET list names {@code col} (or a column
 * a generated one it lists is computed from), and only then does the update invalidate everything: other tables'
 * cached results stay hits after an update of other columns, and the rows the trigger wrote are read fresh after an
 * update that runs it. (H2's triggers have no column list.)
 */
class UpdateOfTriggerPostgresTest {

    private static final String AUDIT = "select count(*) from uot_audit";
    private static final String OTHER = "select count(*) from uot_other";

    private CacheRuntime runtime;
    private Connection connection;

    @BeforeAll
    static void requirePostgres() {
        TestDatabases.assumePostgres();
    }

    /** uot_item(id, status, note, status_length generated) with a trigger on these events that audits each row. */
    private void itemWithTrigger(String events) throws SQLException {
        try (Connection plain = DriverManager.getConnection(TestDatabases.PG_URL, TestDatabases.postgresCredentials());
                Statement statement = plain.createStatement()) {
            statement.execute("drop table if exists uot_item");
            statement.execute("drop table if exists uot_audit");
            statement.execute("drop table if exists uot_other");
            statement.execute("create table uot_audit (item int)");
            statement.execute("create table uot_other (id int primary key)");
            statement.execute("create table uot_item (id int primary key, status text, note text,"
                    + " status_length int generated always as (length(status)) stored)");
            statement.execute("create or replace function uot_audited() returns trigger language plpgsql as"
                    + " $$ begin insert into uot_audit (item) values (new.id); return new; end $$");
            statement.execute("insert into uot_item (id, status, note) values (1, 'new', 'a'), (2, 'new', 'b')");
            statement.execute("create trigger uot_audit_item after " + events + " on uot_item for each row"
                    + " execute function uot_audited()");
            statement.execute("insert into uot_other values (1)");
        }
        runtime = new CacheRuntime(Ticker.systemTicker());
        Properties properties = TestDatabases.postgresCredentials();
        properties.setProperty("cache.coherence", "local");
        connection = runtime.connect("jdbc:cached:" + TestDatabases.PG_URL.substring("jdbc:".length()), properties);
        assertThat(single(AUDIT)).isEqualTo("0");
        single(OTHER);
    }

    @AfterEach
    void close() throws SQLException {
        if (connection != null) {
            connection.close();
            runtime.close();
        }
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

    private static String auditedInTheDatabase() throws SQLException {
        try (Connection plain = DriverManager.getConnection(TestDatabases.PG_URL, TestDatabases.postgresCredentials());
                Statement statement = plain.createStatement(); ResultSet rows = statement.executeQuery(AUDIT)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private void assertOtherTableStillAHit() throws SQLException {
        long before = hits();
        assertThat(single(OTHER)).isEqualTo("1");
        assertThat(hits()).as("the read of another table stays a hit").isEqualTo(before + 1);
    }

    private void assertTriggerRanAndIsReadFresh() throws SQLException {
        assertThat(single(AUDIT)).as("the row the trigger wrote").isEqualTo("1");
        long before = hits();
        single(OTHER);
        assertThat(hits()).as("a trigger may write anything: other tables are read again").isEqualTo(before);
    }

    @Test
    void anUpdateOfOtherColumnsLeavesOtherTablesCached() throws SQLException {
        itemWithTrigger("update of status");

        run("update uot_item set note = 'c' where id = 1");

        assertOtherTableStillAHit();
        assertThat(single(AUDIT)).isEqualTo("0");
        assertThat(auditedInTheDatabase()).as("the trigger did not run").isEqualTo("0");
    }

    @Test
    void anUpdateOfTheTriggersColumnRunsItAndWhatItWroteIsReadFresh() throws SQLException {
        itemWithTrigger("update of status");

        run("update uot_item set status = 'done', note = 'c' where id = 1");

        assertTriggerRanAndIsReadFresh();
    }

    @Test
    void assigningTheColumnItsOwnValueRunsTheTrigger() throws SQLException {
        itemWithTrigger("update of status");

        run("update uot_item set status = status where id = 1");

        assertTriggerRanAndIsReadFresh();
    }

    @Test
    void anUpdateWhoseColumnsCannotBeListedCountsTheTrigger() throws SQLException {
        itemWithTrigger("update of status");

        run("with chosen as (select 1 as id) update uot_item set note = 'c' where id in (select id from chosen)");

        long before = hits();
        single(OTHER);
        assertThat(hits()).as("the update may have run the trigger: other tables are read again").isEqualTo(before);
    }

    @Test
    void aTriggerOnAGeneratedColumnRunsWhenAColumnItIsComputedFromIsAssigned() throws SQLException {
        itemWithTrigger("update of status_length");

        run("update uot_item set status = 'shipped' where id = 1");

        assertTriggerRanAndIsReadFresh();
    }

    @Test
    void aTriggerOnInsertOrUpdateOfAColumnRunsOnInsertsButNotOnUpdatesOfOtherColumns() throws SQLException {
        itemWithTrigger("insert or update of status");

        run("update uot_item set note = 'c' where id = 1");
        assertOtherTableStillAHit();

        run("insert into uot_item (id, status) values (3, 'new')");
        assertTriggerRanAndIsReadFresh();
    }
}
