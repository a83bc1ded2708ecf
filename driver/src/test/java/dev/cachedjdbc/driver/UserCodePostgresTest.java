package dev.cachedjdbc.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Users' code on PostgreSQL: besides functions, operators, casts, aggregates and attribute notation run it by a
 * name, and some of it runs where the text names nothing (implicit casts, comparison operators). Everything lives in
 * the schema uc, which the connections' search path starts with.
 */
class UserCodePostgresTest extends UserCodeContractTest {

    private static final String COUNTING_BODY = "language plpgsql volatile as $$ begin"
            + " update uc.uc_hits set n = n + 1; return %s; end $$";

    @Override
    String plainUrl() {
        return postgresUrl() + (postgresUrl().contains("?") ? "&" : "?") + "currentSchema=uc";
    }

    @Override
    Properties credentials() {
        return TestDatabases.postgresCredentials();
    }

    @Override
    void prepareDatabase() throws SQLException {
        dropSchemas();
        run("create schema uc");
    }

    @AfterEach
    void dropSchemas() throws SQLException {
        closeConnections();
        run("drop schema if exists uc cascade", "drop schema if exists uc_elsewhere cascade");
    }

    private static String counting(String signature, String returned) {
        return "create function " + signature + " " + COUNTING_BODY.formatted(returned);
    }

    @Override
    void createCountingUpper() throws SQLException {
        run(counting("uc.upper(integer) returns integer", "$1"));
    }

    @Override
    void createSchemaSwitchingLower() throws SQLException {
        run("create function uc.lower(integer) returns integer language plpgsql volatile as $$ begin"
                + " perform pg_catalog.set_config('search_path', 'uc_elsewhere', false); return $1; end $$");
    }

    @Override
    void createCountingDomain() throws SQLException {
        run(counting("uc.count_check(integer) returns boolean", "true"),
                "create domain uc.uc_checked as integer check (uc.count_check(value))");
    }

    @Override
    void createCountingCheckAndDefault() throws SQLException {
        run(counting("uc.count_check(integer) returns boolean", "true"),
                counting("uc.count_default() returns integer", "0"),
                "create table uc.uc_guarded (v int check (uc.count_check(v)))",
                "create table uc.uc_stamped (id int, v int default uc.count_default())");
    }

    /** Runs the text twice on one connection and expects the function behind it to have run both times. */
    private void assertRunsEveryTime(String sql) throws SQLException {
        Connection reader = cached();
        String before = first(reader, HITS);
        Connection caller = cached();
        first(caller, sql);
        first(caller, sql);
        assertThat(Integer.parseInt(first(reader, HITS)) - Integer.parseInt(before)).as(sql).isEqualTo(2);
        assertThat(explain(caller, sql)).contains("not cached").contains("invalidates every cached result");
    }

    @Test
    void aUserDefinedOperatorRunsEveryTime() throws SQLException {
        run(counting("uc.count_sum(integer, integer) returns integer", "$1 + $2"),
                "create operator uc.@@ (leftarg = integer, rightarg = integer, function = uc.count_sum)");
        assertRunsEveryTime("select v @@ 2 from uc_other");
    }

    @Test
    void aCastWithAUserFunctionRunsEveryTime() throws SQLException {
        run("create type uc.mood as enum ('calm', 'cross')",
                counting("uc.mood_of(integer) returns uc.mood", "'calm'"),
                "create cast (integer as uc.mood) with function uc.mood_of(integer)");
        assertRunsEveryTime("select v::mood from uc_other");
        assertRunsEveryTime("select cast(v as mood) from uc_other");
    }

    @Test
    void attributeNotationRunsTheFunctionOfThatName() throws SQLException {
        run("create table uc.person (first_name text, last_name text)",
                "insert into uc.person values ('Ada', 'Lovelace')",
                counting("uc.full_name(uc.person) returns text", "$1.first_name || ' ' || $1.last_name"));
        assertRunsEveryTime("select p.full_name from person p");
    }

    @Test
    void anAggregateShadowingABuiltInRunsEveryTime() throws SQLException {
        run(counting("uc.count_step(integer, integer) returns integer", "$1 + 1"),
                "create aggregate uc.count(integer) (sfunc = uc.count_step, stype = integer, initcond = '0')");
        assertRunsEveryTime("select count(v) from uc_other");
    }

    @Test
    void aStableFunctionShadowingABuiltInIsNotCachedSinceItsResultFollowsTheTablesItReads() throws SQLException {
        run("create function uc.lower(integer) returns integer language sql stable as 'select n from uc.uc_hits'");
        Connection connection = cached();
        assertThat(first(connection, "select lower(id) from uc_other")).isEqualTo("0");
        run("update uc_hits set n = 5");
        assertThat(first(connection, "select lower(id) from uc_other")).isEqualTo("5");
        assertThat(explain(connection, "select lower(id) from uc_other")).contains("not cached").contains("lower");
    }

    @Test
    void anAssignmentCastWithAUserFunctionMakesEveryWriteInvalidateEverything() throws SQLException {
        run("create type uc.mood as enum ('calm', 'cross')",
                counting("uc.mood_of(integer) returns uc.mood", "'calm'"),
                "create cast (integer as uc.mood) with function uc.mood_of(integer) as assignment",
                "create table uc.feeling (m uc.mood)");
        Connection reader = cached();
        assertThat(first(reader, HITS)).isEqualTo("0");
        cached().createStatement().executeUpdate("insert into feeling values (1)");
        assertThat(first(reader, HITS)).isEqualTo("1");
        assertThat(explain(reader, "select v from uc_other")).contains("; cached;");
        assertThat(explain(reader, "update uc_other set v = 2")).contains("invalidates every cached result");
    }

    @Test
    void anImplicitCastWithAUserFunctionTurnsCachingOffForTheDatabase() throws SQLException {
        run("create type uc.mood as enum ('calm', 'cross')",
                counting("uc.mood_of(integer) returns uc.mood", "'calm'"),
                "create cast (integer as uc.mood) with function uc.mood_of(integer) as implicit");
        Connection connection = cached();
        assertThat(explain(connection, "select v from uc_other")).contains("not cached").contains("implicit")
                .contains("invalidates every cached result");
    }

    @Test
    void aUserDefinedEqualityOperatorTurnsCachingOffForTheDatabase() throws SQLException {
        run("create type uc.pair as (a int, b int)",
                counting("uc.pair_equal(uc.pair, uc.pair) returns boolean", "($1).a = ($2).a"),
                "create operator uc.= (leftarg = uc.pair, rightarg = uc.pair, function = uc.pair_equal)");
        Connection connection = cached();
        assertThat(explain(connection, "select v from uc_other where id in (1, 2)")).contains("not cached")
                .contains("invalidates every cached result");
    }

    @Test
    void anImmutableFunctionInCShadowingABuiltInIsTakenAtItsWord() throws SQLException {
        run("create function uc.lower(integer) returns integer language internal immutable strict as 'int4abs'");
        Connection connection = cached();
        assertThat(first(connection, "select lower(-v) from uc_other")).isEqualTo("10");
        assertThat(explain(connection, "select lower(-v) from uc_other")).contains("; cached;");
    }

    @Test
    void anExtensionOfImmutableFunctionsAndOperatorsLeavesOrdinaryQueriesCached() throws SQLException {
        run("create extension citext schema uc", "create table uc.named (id int primary key, name citext)");
        Connection connection = cached();
        for (String query : new String[] {"select v from uc_other where id = 1", "select max(v) from uc_other",
            "select count(*) from uc_other where v > 3 order by 1", "select name from named where name = 'Ada'",
            "select lower(name) from named", "select id from named where id in (1, 2)"}) {
            assertThat(explain(connection, query)).as(query).contains("; cached;");
        }
    }

    /** pg_catalog is no proof of a built-in: a superuser may create functions there, and the path always holds it. */
    @Test
    void aFunctionASuperuserCreatedInPgCatalogRunsEveryTime() throws SQLException {
        run(counting("pg_catalog.upper(integer) returns integer", "$1"));
        try {
            assertRunsEveryTime("select upper(v) from uc_other");
        } finally {
            run("drop function pg_catalog.upper(integer)");
        }
    }

    /** A view's query is run by every read of it: one that takes a sequence's next value must run every time. */
    @Test
    void aViewCallingAVolatileBuiltInRunsEveryTime() throws SQLException {
        run("create sequence uc.ticket", "create view uc.next_ticket as select v, nextval('uc.ticket') as n from uc.uc_other");
        Connection connection = cached();
        String first = first(connection, "select n from next_ticket");
        String second = first(connection, "select n from next_ticket");
        assertThat(Long.parseLong(second)).isGreaterThan(Long.parseLong(first));
        assertThat(explain(connection, "select n from next_ticket")).contains("not cached");
    }

    @Test
    void triggerFunctionsAreNotNamesAQueryCanCall() throws SQLException {
        run("create function uc.v() returns trigger language plpgsql as $$ begin return new; end $$");
        assertThat(explain(cached(), "select v from uc_other")).contains("; cached;");
    }
}
