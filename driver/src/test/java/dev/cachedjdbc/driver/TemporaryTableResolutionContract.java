package dev.cachedjdbc.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A temporary table is the session's own, and may give a name another meaning for a while: whatever ends that while
 * (the table dropped by DROP, DISCARD or ON COMMIT DROP, a search path that puts it last or leaves it out) must leave
 * no cached result read under the old meaning reachable, and no other session may ever be answered with its rows.
 */
abstract class TemporaryTableResolutionContract {

    static {
        CachedJdbcDriver.register();
    }

    final List<TwinSession> sessions = new ArrayList<>();

    abstract String plainUrl();

    abstract Properties credentials();

    /** CREATE [LOCAL] TEMPORARY TABLE name columns [suffix], in the database's words. */
    abstract String createTemporary(String name, String columns, String suffix);

    TwinSession session() throws SQLException {
        TwinSession session = new TwinSession(plainUrl(), credentials());
        sessions.add(session);
        return session;
    }

    @BeforeEach
    void createPermanentTable() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:cached:" + plainUrl().substring(5), credentials());
             Statement statement = connection.createStatement()) {
            statement.execute("drop table if exists tr_perm");
            statement.execute("create table tr_perm (v varchar(20))");
            statement.execute("insert into tr_perm values ('permanent')");
        }
    }

    @AfterEach
    void close() throws SQLException {
        for (TwinSession session : sessions) {
            session.close();
        }
    }

    @Test
    void sessionsWithSameNamedTemporaryTablesNeverShareEntries() throws SQLException {
        TwinSession first = session();
        TwinSession second = session();
        first.run(createTemporary("tr_own", "(v varchar(20))", ""));
        second.run(createTemporary("tr_own", "(v varchar(20))", ""));
        first.run("insert into tr_own values ('first')");
        second.run("insert into tr_own values ('second')");
        assertThat(first.read("select v from tr_own")).isEqualTo("rows [first]");
        assertThat(second.read("select v from tr_own")).isEqualTo("rows [second]");
    }

    @Test
    void aDroppedTemporaryTableNoLongerAnswers() throws SQLException {
        TwinSession session = session();
        session.run(createTemporary("tr_dropped", "(v varchar(20))", ""));
        session.run("insert into tr_dropped values ('temporary')");
        session.read("select v from tr_dropped");
        session.run("drop table tr_dropped");
        session.read("select v from tr_dropped");
        session().read("select v from tr_dropped");
    }
}
