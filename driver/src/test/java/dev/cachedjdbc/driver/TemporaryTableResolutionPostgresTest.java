package dev.cachedjdbc.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** On PostgreSQL a temporary table shadows a permanent one of the same name until it goes. */
class TemporaryTableResolutionPostgresTest extends TemporaryTableResolutionContract {

    private static final String READ = "select v from tr_perm";

    @BeforeAll
    static void createFunction() throws SQLException {
        TestDatabases.assumePostgres();
        try (Connection admin = TestDatabases.postgres(); Statement statement = admin.createStatement()) {
            statement.execute("create or replace function tr_make_temporary() returns int language plpgsql as $$"
                    + " begin create temporary table tr_perm (v varchar(20));"
                    + " insert into tr_perm values ('from function'); return 1; end $$");
        }
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
    String createTemporary(String name, String columns, String suffix) {
        return "create temporary table " + name + " " + columns + suffix;
    }

    private TwinSession shadowing() throws SQLException {
        TwinSession session = session();
        session.read(READ);
        session.run("create temporary table tr_perm (v varchar(20))");
        session.run("insert into tr_perm values ('temporary')");
        assertThat(session.read(READ)).isEqualTo("rows [temporary]");
        return session;
    }

    @Test
    void discardRevealsThePermanentTableAgain() throws SQLException {
        for (String discard : List.of("discard temp", "discard temporary", "discard all")) {
            TwinSession session = shadowing();
            session.run(discard);
            assertThat(session.read(READ)).as(discard).isEqualTo("rows [permanent]");
        }
    }

    @Test
    void droppingOrOutlivingTheShadowRevealsThePermanentTableAgain() throws SQLException {
        TwinSession session = shadowing();
        session.run("drop table tr_perm");
        assertThat(session.read(READ)).isEqualTo("rows [permanent]");

        session.setAutoCommit(false);
        session.run("create temporary table tr_perm (v varchar(20)) on commit drop");
        session.run("insert into tr_perm values ('until commit')");
        session.read(READ);
        session.commit();
        assertThat(session.read(READ)).isEqualTo("rows [permanent]");
        session.commit();
    }

    @Test
    void aTemporaryTableMadeByAFunctionShadowsForItsSessionOnly() throws SQLException {
        TwinSession session = session();
        session.read(READ);
        session.run("select tr_make_temporary()");
        assertThat(session.read(READ)).isEqualTo("rows [from function]");
        assertThat(session().read(READ)).isEqualTo("rows [permanent]");
        session.run("discard temp");
        assertThat(session.read(READ)).isEqualTo("rows [permanent]");
    }

    @Test
    void theSearchPathDecidesWhetherTheTemporaryTableShadows() throws SQLException {
        TwinSession session = shadowing();
        session.run("set search_path to public, pg_temp");
        assertThat(session.read(READ)).isEqualTo("rows [permanent]");
        session.run("set search_path to pg_temp, public");
        assertThat(session.read(READ)).isEqualTo("rows [temporary]");
        session.run("reset search_path");
        assertThat(session.read("select v from pg_temp.tr_perm")).isEqualTo("rows [temporary]");
        session.run("discard temp");
        session.read("select v from pg_temp.tr_perm");
        session.read(READ);
    }
}
