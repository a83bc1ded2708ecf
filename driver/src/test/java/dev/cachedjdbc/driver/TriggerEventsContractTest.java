package dev.cachedjdbc.driver;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.cachedjdbc.runtime.CacheRuntime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A trigger widens a write to every table only on the events it runs on: an insert into a table whose only trigger
 * runs AFTER DELETE leaves other tables' cached results, while a delete, which runs it, invalidates them and the
 * rows the trigger wrote are read fresh.
 */
abstract class TriggerEventsContractTest {

    static final String AUDIT_TABLE = "trg_ev_audit";
    private static final String AUDIT = "select count(*) from " + AUDIT_TABLE;
    private static final String OTHER = "select count(*) from trg_ev_other";

    private CacheRuntime runtime;
    private Connection connection;

    abstract String plainUrl();

    abstract Properties credentials();

    /** Creates trg_ev_item with a trigger that runs only AFTER DELETE and writes a row of the audit table. */
    abstract void createDeleteTrigger(Statement statement) throws SQLException;

    @BeforeEach
    void open() throws SQLException {
        try (Connection plain = DriverManager.getConnection(plainUrl(), credentials());
                Statement statement = plain.createStatement()) {
            statement.execute("drop table if exists trg_ev_item");
            statement.execute("drop table if exists " + AUDIT_TABLE);
            statement.execute("drop table if exists trg_ev_other");
            statement.execute("create table " + AUDIT_TABLE + " (item int)");
            statement.execute("create table trg_ev_other (id int primary key)");
            statement.execute("create table trg_ev_item (id int primary key)");
            createDeleteTrigger(statement);
            statement.execute("insert into trg_ev_item values (1), (2)");
            statement.execute("insert into trg_ev_other values (1)");
        }
        runtime = new CacheRuntime(Ticker.systemTicker());
        Properties properties = credentials();
        properties.setProperty("cache.coherence", "local");
        connection = runtime.connect("jdbc:cached:" + plainUrl().substring("jdbc:".length()), properties);
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
}
