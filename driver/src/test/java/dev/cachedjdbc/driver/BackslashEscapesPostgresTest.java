package dev.cachedjdbc.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With standard_conforming_strings off, PostgreSQL reads a backslash in a plain string as an escape, and the text
 * after it is lexed differently from how the analysis lexes it: two texts the analysis takes to differ only in a
 * comment are different queries, and a write can hide behind what the analysis takes for a comment. On such a
 * session, whatever set the setting and whenever, a text with a backslash is not cached and counts as a write of
 * everything.
 */
class BackslashEscapesPostgresTest {

    private static final String ROLE = "hs_esc";
    private static final String ONE = "select 'a\\' as x -- one' as y";
    private static final String TWO = "select 'a\\' as x -- two' as y";
    private static final String READ = "select v from bs_w where id = 1";

    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeAll
    static void createRole() throws SQLException {
        TestDatabases.assumePostgres();
        PostgresRoles.ensure(ROLE, true);
    }

    @BeforeEach
    void createTables() throws SQLException {
        try (Statement statement = cached().createStatement()) {
            statement.execute("drop table if exists bs_w");
            statement.execute("drop table if exists bs_other");
            statement.execute("create table bs_w (id int primary key, v int)");
            statement.execute("create table bs_other (id int primary key, v int)");
            statement.execute("insert into bs_w values (1, 1)");
            statement.execute("grant select, update on bs_w, bs_other to " + ROLE);
        }
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
        try (Connection admin = TestDatabases.postgres(); Statement statement = admin.createStatement()) {
            statement.execute("alter role " + ROLE + " reset all");
        }
    }

    private Connection cached(String... properties) throws SQLException {
        Properties info = TestDatabases.postgresCredentials();
        for (int i = 0; i < properties.length; i += 2) {
            info.setProperty(properties[i], properties[i + 1]);
        }
        Connection connection = DriverManager.getConnection(TestDatabases.cachedPostgresUrl(), info);
        opened.add(connection);
        return connection;
    }

    private TwinSession twin() throws SQLException {
        TwinSession session = new TwinSession(TestDatabases.PG_URL, TestDatabases.postgresCredentials());
        opened.add(session);
        return session;
    }

    @Test
    void textsThatDifferAfterAnEscapedQuoteAreNotConfused() throws SQLException {
        for (String off : List.of("set standard_conforming_strings = off",
                "select set_config('standard_conforming_strings', 'off', false)")) {
            TwinSession session = twin();
            session.read(ONE);
            session.run(off);
            assertThat(session.read(ONE)).as(off).isEqualTo("rows [a' as x -- one]");
            assertThat(session.read(TWO)).as(off).isEqualTo("rows [a' as x -- two]");
            session.readPrepared(TWO);
            session.run("reset standard_conforming_strings");
            session.read(ONE);
        }
    }

    @Test
    void aStatementPreparedBeforeTheSettingChangedIsNotAnsweredFromTheCache() throws SQLException {
        TwinSession session = twin();
        session.step("prepared, then the setting changes", (connection, savepoints) -> {
            try (PreparedStatement one = connection.prepareStatement(ONE)) {
                String before = single(one.executeQuery());
                try (Statement statement = connection.createStatement()) {
                    statement.execute("set standard_conforming_strings = off");
                }
                assertThat(single(one.executeQuery())).isNotEqualTo(before).isEqualTo("a' as x -- one");
            }
        });
    }

    /** Reads the row through the cache, runs the write on a session with backslash escapes, reads again. */
    private void assertHiddenWriteInvalidates(int value, Write write) throws SQLException {
        Connection reader = cached();
        Connection writer = cached();
        assertThat(value(reader)).isNotEqualTo(value);
        try (Statement statement = writer.createStatement()) {
            statement.execute("set standard_conforming_strings = off");
        }
        try {
            write.on(writer);
        } catch (SQLException e) {
            // pgjdbc may run both statements and then complain of one result too many: what matters is what ran
        }
        assertThat(value(reader)).isEqualTo(value);
    }

    @FunctionalInterface
    private interface Write {
        void on(Connection writer) throws SQLException;
    }

    @Test
    void aWriteHiddenAfterAnEscapedQuoteOfAQueryInvalidates() throws SQLException {
        assertHiddenWriteInvalidates(2, writer -> {
            try (Statement statement = writer.createStatement()) {
                statement.execute("select 'a\\' -- ', 1; update bs_w set v = 2 where id = 1");
            }
        });
    }

    @Test
    void aWriteHiddenAfterAnEscapedQuoteOfAnotherWriteInvalidates() throws SQLException {
        assertHiddenWriteInvalidates(3, writer -> {
            try (Statement statement = writer.createStatement()) {
                statement.executeUpdate("update bs_other set v = 1 where 'a\\' -- ' <> ''; update bs_w set v = 3 where id = 1");
            }
        });
    }

    @Test
    void aWriteHiddenInABatchInvalidates() throws SQLException {
        assertHiddenWriteInvalidates(4, writer -> {
            try (Statement statement = writer.createStatement()) {
                statement.addBatch("update bs_other set v = 1 where 'a\\' -- ' <> ''; update bs_w set v = 4 where id = 1");
                statement.executeBatch();
            }
        });
    }

    /** In the simple query mode pgjdbc sends the prepared text as it is, and the server runs what it reads in it. */
    @Test
    void aWriteHiddenInAPreparedStatementPreparedBeforeTheChangeInvalidates() throws SQLException {
        Connection reader = cached();
        Connection writer = cached("preferQueryMode", "simple");
        assertThat(value(reader)).isEqualTo(1);
        try (PreparedStatement statement = writer.prepareStatement(
                "update bs_other set v = ? where 'a\\' -- ' <> ''; update bs_w set v = 5 where id = 1")) {
            try (Statement set = writer.createStatement()) {
                set.execute("set standard_conforming_strings = off");
            }
            statement.setInt(1, 1);
            try {
                statement.execute();
            } catch (SQLException e) {
                // as above
            }
        }
        assertThat(value(reader)).isEqualTo(5);
    }

    @Test
    void theSettingFromTheRoleCountsFromTheFirstStatement() throws SQLException {
        try (Connection admin = TestDatabases.postgres(); Statement statement = admin.createStatement()) {
            statement.execute("alter role " + ROLE + " set standard_conforming_strings = off");
        }
        Connection reader = cached();
        assertThat(value(reader)).isEqualTo(1);
        Connection writer = cached("user", ROLE);
        try (Statement statement = writer.createStatement()) {
            statement.execute("select 'a\\' -- ', 1; update bs_w set v = 6 where id = 1");
        } catch (SQLException e) {
            // as above
        }
        assertThat(value(reader)).isEqualTo(6);
        String explained = writer.unwrap(CacheControl.class).explain(ONE);
        assertThat(explained).contains("not cached").contains("standard_conforming_strings");
        assertThat(explained).contains("invalidates every cached result");
    }

    private static int value(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(READ)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static String single(ResultSet rows) throws SQLException {
        try (rows) {
            rows.next();
            return rows.getString(1);
        }
    }
}
