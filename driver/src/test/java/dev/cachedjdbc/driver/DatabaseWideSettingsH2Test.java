package dev.cachedjdbc.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.analysis.Dialect;
import dev.cachedjdbc.testing.CountingDriver;
import dev.cachedjdbc.testing.TestDatabases;
import dev.cachedjdbc.vendor.DatabaseSupport;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Many H2 settings belong to the database, not the session: one connection's SET, or the settings in the URL of a
 * connection being opened, changes what every connection's queries return. Results cached before must not be served
 * after, to any connection.
 */
class DatabaseWideSettingsH2Test {

    private static final String ORDERED = "select v from dw_item order by v";

    private final List<TwinSession> sessions = new ArrayList<>();

    @AfterEach
    void close() throws SQLException {
        for (TwinSession session : sessions) {
            session.close();
        }
    }

    private static String withTable() throws SQLException {
        String url = TestDatabases.uniqueH2Url("database_settings");
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute("create table dw_item (v int)");
            statement.execute("insert into dw_item values (1), (null)");
        }
        return url;
    }

    private TwinSession session(String url) throws SQLException {
        TwinSession session = new TwinSession(url, new Properties());
        sessions.add(session);
        return session;
    }

    @Test
    void aDatabaseSettingChangedBySqlReachesEveryConnectionsReads() throws SQLException {
        String url = withTable();
        TwinSession first = session(url);
        TwinSession second = session(url);
        first.read(ORDERED);
        second.read(ORDERED);
        second.run("set default_null_ordering high");
        first.read(ORDERED);
        second.read(ORDERED);
    }

    @Test
    void aDatabaseSettingInAnotherConnectionsUrlReachesEveryConnectionsReads() throws SQLException {
        String url = withTable();
        TwinSession first = session(url);
        first.read(ORDERED);
        session(url + ";DEFAULT_NULL_ORDERING=HIGH").read(ORDERED);
        first.read(ORDERED);
    }

    /**
     * Reading H2's session costs more than most statements: only a statement that may change a database-wide setting
     * (every such change is a SET, perhaps run by a script or a call) reads it at once. jOOQ's inserts that return
     * keys are texts the analysis cannot read, and must not pay for it.
     */
    @Test
    void onlyAStatementThatMaySetADatabaseSettingReadsTheSessionAtOnce() throws SQLException {
        CountingDriver.register();
        String url = withTable();
        try (Connection connection = DriverManager.getConnection("jdbc:cached:counting:" + url.substring("jdbc:".length()));
             Statement statement = connection.createStatement()) {
            int probesBefore = CountingDriver.executions(DatabaseSupport.of(Dialect.H2).sessionQuery());
            statement.executeQuery("select v from final table (insert into dw_item (v) values (7))").close();
            assertThat(connection.unwrap(CacheControl.class).explain(
                    "select v from final table (insert into dw_item (v) values (7))")).contains("unknown");
            assertThat(CountingDriver.executions(DatabaseSupport.of(Dialect.H2).sessionQuery())).isEqualTo(probesBefore);

            statement.execute("set default_null_ordering high");
            assertThat(CountingDriver.executions(DatabaseSupport.of(Dialect.H2).sessionQuery())).isEqualTo(probesBefore + 1);
        }
    }
}
