package dev.cachedjdbc.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL undoes session changes with the transaction or savepoint they were made in: ROLLBACK TO SAVEPOINT (in
 * SQL, through JDBC, nested, inside a longer text or a batch), SET LOCAL and set_config(…, true) at the end of the
 * transaction, any SET when the transaction rolls back, fails to commit or is chained. The session must be read
 * again after each, or a read is keyed by a role or search path the session no longer has: it then fills, or is
 * answered from, another session's entries.
 *
 * <p>Every session here is a {@link TwinSession}: each step runs through the caching driver and through pgjdbc, and
 * every read must agree. A second session in the state the first one wrongly claimed shows whether a wrong entry
 * was stored.
 */
class SessionRollbackPostgresTest {

    private static final String PATH_READ = "select v from sr_t";
    private static final String SECRET_READ = "select v from sr_secret";

    private final List<TwinSession> sessions = new ArrayList<>();

    @BeforeAll
    static void createSchemasAndRole() throws SQLException {
        TestDatabases.assumePostgres();
        PostgresRoles.ensure("hs_low", false);
        try (Connection admin = TestDatabases.postgres(); Statement statement = admin.createStatement()) {
            for (String schema : List.of("sr_a", "sr_b", "sr_c")) {
                statement.execute("drop schema if exists " + schema + " cascade");
                statement.execute("create schema " + schema);
                statement.execute("create table " + schema + ".sr_t (v text)");
                statement.execute("insert into " + schema + ".sr_t values ('" + schema + "')");
                statement.execute("grant usage on schema " + schema + " to hs_low");
                statement.execute("grant select on " + schema + ".sr_t to hs_low");
            }
            statement.execute("drop table if exists public.sr_secret");
            statement.execute("create table public.sr_secret (v text)");
            statement.execute("insert into public.sr_secret values ('top-secret')");
            statement.execute("create or replace function public.sr_switch_path() returns int security definer"
                    + " language plpgsql as $$ begin perform set_config('search_path', 'sr_b', false); return 1; end $$");
            statement.execute("create or replace function public.sr_path_inside() returns int"
                    + " language sql set search_path = sr_c as $$ select 1 $$");
        }
    }

    @AfterEach
    void close() throws SQLException {
        for (TwinSession session : sessions) {
            session.close();
        }
    }

    private TwinSession session() throws SQLException {
        TwinSession session = new TwinSession(TestDatabases.PG_URL, TestDatabases.postgresCredentials());
        sessions.add(session);
        session.run("set search_path to sr_a, public");
        return session;
    }

    /** Another session, in the state a wrong key would have claimed, must read what the database gives it. */
    private void anotherSessionIn(String... changes) throws SQLException {
        TwinSession other = session();
        for (String change : changes) {
            other.run(change);
        }
        other.read(PATH_READ);
        other.read(SECRET_READ);
    }

    @Test
    void roleRolledBackByAJdbcSavepointIsReadAgainBeforeTheNextRead() throws SQLException {
        TwinSession session = session();
        session.setAutoCommit(false);
        session.savepoint("s");
        session.run("set role hs_low");
        session.read("select 1");
        session.rollbackTo("s");
        assertThat(session.read(SECRET_READ)).isEqualTo("rows [top-secret]");
        session.commit();
        anotherSessionIn("set role hs_low");
    }

    @Test
    void searchPathRolledBackByAnSqlSavepointIsReadAgain() throws SQLException {
        for (String rollback : List.of("rollback to savepoint s", "rollback to s", "ROLLBACK TRANSACTION TO SAVEPOINT s")) {
            TwinSession session = session();
            session.setAutoCommit(false);
            session.run("savepoint s");
            session.run("set search_path to sr_b");
            session.read(PATH_READ);
            session.run(rollback);
            assertThat(session.read(PATH_READ)).as(rollback).isEqualTo("rows [sr_a]");
            session.commit();
        }
        anotherSessionIn("set search_path to sr_b");
    }

    @Test
    void nestedSavepointsEachRestoreTheirSession() throws SQLException {
        TwinSession session = session();
        session.setAutoCommit(false);
        session.savepoint("outer");
        session.run("set search_path to sr_b, public");
        session.read(PATH_READ);
        session.savepoint("inner");
        session.run("set role hs_low");
        session.run("set search_path to sr_c");
        session.read(PATH_READ);
        session.read(SECRET_READ);
        session.rollbackTo("inner");
        assertThat(session.read(PATH_READ)).isEqualTo("rows [sr_b]");
        assertThat(session.read(SECRET_READ)).isEqualTo("rows [top-secret]");
        session.rollbackTo("outer");
        assertThat(session.read(PATH_READ)).isEqualTo("rows [sr_a]");
        session.commit();
        anotherSessionIn("set search_path to sr_c", "set role hs_low");
    }

    @Test
    void aSavepointRollbackInsideALongerTextOrABatchIsSeen() throws SQLException {
        TwinSession session = session();
        session.setAutoCommit(false);
        session.run("savepoint s; set search_path to sr_b");
        session.read(PATH_READ);
        session.run("rollback to savepoint s; select 1");
        assertThat(session.read(PATH_READ)).isEqualTo("rows [sr_a]");

        session.run("savepoint t");
        session.run("set search_path to sr_c");
        session.read(PATH_READ);
        session.step("batch rolling back to t", (connection, savepoints) -> {
            try (Statement statement = connection.createStatement()) {
                statement.addBatch("rollback to savepoint t");
                statement.executeBatch();
            }
        });
        assertThat(session.read(PATH_READ)).isEqualTo("rows [sr_a]");
        session.commit();
        anotherSessionIn("set search_path to sr_b");
        anotherSessionIn("set search_path to sr_c");
    }

    @Test
    void localSettingsEndWithTheirTransactionOrSavepoint() throws SQLException {
        TwinSession session = session();
        session.setAutoCommit(false);
        session.run("set local search_path to sr_b");
        session.read(PATH_READ);
        session.commit();
        assertThat(session.read(PATH_READ)).isEqualTo("rows [sr_a]");

        session.run("select set_config('search_path', 'sr_c', true)");
        session.read(PATH_READ);
        session.rollback();
        assertThat(session.read(PATH_READ)).isEqualTo("rows [sr_a]");

        session.savepoint("s");
        session.run("set local role hs_low");
        session.read(SECRET_READ);
        session.rollbackTo("s");
        assertThat(session.read(SECRET_READ)).isEqualTo("rows [top-secret]");
        session.commit();
        anotherSessionIn("set search_path to sr_b", "set role hs_low");
    }

    @Test
    void aRolledBackOrAbortedTransactionUndoesItsSessionChanges() throws SQLException {
        TwinSession session = session();
        session.setAutoCommit(false);
        session.run("set search_path to sr_b");
        session.read(PATH_READ);
        session.rollback();
        assertThat(session.read(PATH_READ)).isEqualTo("rows [sr_a]");

        session.run("set role hs_low");
        session.read("select 1");
        session.run("select 1 / 0");
        session.read(SECRET_READ); // the transaction is aborted: an error on both
        session.commit(); // PostgreSQL rolls the failed transaction back
        assertThat(session.read(SECRET_READ)).isEqualTo("rows [top-secret]");

        session.setAutoCommit(true);
        session.run("begin");
        session.run("set search_path to sr_c");
        session.read(PATH_READ);
        session.run("rollback");
        assertThat(session.read(PATH_READ)).isEqualTo("rows [sr_a]");
        anotherSessionIn("set search_path to sr_b", "set role hs_low");
        anotherSessionIn("set search_path to sr_c");
    }

    @Test
    void aChainedTransactionStartsWithTheSessionItsPredecessorLeft() throws SQLException {
        TwinSession session = session();
        session.setAutoCommit(false);
        session.run("set search_path to sr_b");
        session.read(PATH_READ);
        session.run("rollback and chain");
        assertThat(session.read(PATH_READ)).isEqualTo("rows [sr_a]");
        session.run("set search_path to sr_c, public");
        session.read(PATH_READ);
        session.run("commit and chain");
        assertThat(session.read(PATH_READ)).isEqualTo("rows [sr_c]");
        session.run("set role hs_low");
        session.read(SECRET_READ);
        session.run("rollback and chain");
        assertThat(session.read(SECRET_READ)).isEqualTo("rows [top-secret]");
        session.commit();
        anotherSessionIn("set search_path to sr_b");
        anotherSessionIn("set role hs_low");
    }

    @Test
    void sessionAuthorizationAndResetsAreReadAgain() throws SQLException {
        TwinSession session = session();
        session.setAutoCommit(false);
        session.savepoint("s");
        session.run("set session authorization hs_low");
        session.read(SECRET_READ);
        session.rollbackTo("s");
        assertThat(session.read(SECRET_READ)).isEqualTo("rows [top-secret]");
        session.run("set search_path to sr_b");
        session.run("reset all");
        session.read(PATH_READ);
        session.commit();
        session.setAutoCommit(true);
        session.run("set role hs_low");
        session.run("discard all");
        assertThat(session.read(SECRET_READ)).isEqualTo("rows [top-secret]");
        anotherSessionIn("set session authorization hs_low");
    }

    @Test
    void functionsThatChangeTheSessionAreFollowed() throws SQLException {
        TwinSession session = session();
        session.read(PATH_READ);
        session.run("select sr_path_inside()");
        assertThat(session.read(PATH_READ)).as("a function's own SET clause ends with it").isEqualTo("rows [sr_a]");
        session.run("select sr_switch_path()");
        assertThat(session.read(PATH_READ)).isEqualTo("rows [sr_b]");
        session.setAutoCommit(false);
        session.savepoint("s");
        session.run("select sr_switch_path()");
        session.read(PATH_READ);
        session.rollbackTo("s");
        session.read(PATH_READ);
        session.commit();
        anotherSessionIn("set search_path to sr_b");
    }
}
