package dev.cachedjdbc.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Catalog changes made elsewhere on PostgreSQL, where row-level security and partitions also change what a write
 * reaches or what may be cached. Everything lives in the schema cw_elsewhere, first on the search path.
 */
class CatalogChangesElsewherePostgresTest extends CatalogChangesElsewhereContractTest {

    private static final String SCHEMA = "cw_elsewhere";
    /** Row-level security binds only roles that are neither superusers nor the table's owner. */
    private static final String READER = "hs_cw_reader";

    @Override
    String plainUrl() {
        TestDatabases.assumePostgres();
        return TestDatabases.PG_URL + (TestDatabases.PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA;
    }

    @Override
    Properties credentials() {
        return TestDatabases.postgresCredentials();
    }

    @BeforeEach
    void createSchema() throws SQLException {
        elsewhere("drop schema if exists " + SCHEMA + " cascade", "create schema " + SCHEMA);
    }

    @AfterEach
    void dropSchema() throws SQLException {
        closeEverything();
        elsewhere("drop schema if exists " + SCHEMA + " cascade");
    }

    @Override
    List<String> triggerCopyingInsertsIntoCopy(String table) {
        return List.of("create or replace function cw_copy_inserted() returns trigger language plpgsql as"
                        + " $$ begin insert into cw_copy values (new.id); return new; end $$",
                "create trigger " + table + "_copying after insert on " + table
                        + " for each row execute function cw_copy_inserted()");
    }

    @Override
    String createTemporaryTable(String name) {
        return "create temporary table " + name + " (id serial primary key)";
    }

    @Test
    void aRowSecurityPolicyCreatedElsewhereStopsCachingTheTableOnceTheBoundHasPassed() throws SQLException {
        PostgresRoles.ensure(READER, true);
        elsewhere("create table cw_limit (max_id int)", "insert into cw_limit values (10)",
                "create table cw_guarded (id int primary key)", "insert into cw_guarded values (1), (2), (3)",
                "grant usage on schema " + SCHEMA + " to " + READER,
                "grant select, update on cw_limit, cw_guarded to " + READER);
        Properties reader = TestDatabases.postgresCredentials();
        reader.setProperty("user", READER);
        Connection driver = cached(reader);
        cache(driver, "select count(*) from cw_guarded", "3");

        elsewhere("alter table cw_guarded enable row level security",
                "create policy cw_below_limit on cw_guarded using (id <= (select max_id from cw_limit))");
        ticker.advance(BOUND);
        run(driver, "update cw_limit set max_id = 1");

        assertThat(first(driver, "select count(*) from cw_guarded")).isEqualTo("1");
    }

    @Test
    void aPartitionCreatedElsewhereMakesWritesToItReachItsParentOnceTheBoundHasPassed() throws SQLException {
        elsewhere("create table cw_events (id int, at int) partition by range (at)",
                "create table cw_events_early partition of cw_events for values from (0) to (100)",
                "insert into cw_events values (1, 50)");
        Connection driver = cached();
        cache(driver, "select count(*) from cw_events", "1");

        elsewhere("create table cw_events_late partition of cw_events for values from (100) to (200)");
        ticker.advance(BOUND);
        run(driver, "insert into cw_events_late values (2, 150)");

        assertThat(first(driver, "select count(*) from cw_events")).isEqualTo("2");
    }
}
