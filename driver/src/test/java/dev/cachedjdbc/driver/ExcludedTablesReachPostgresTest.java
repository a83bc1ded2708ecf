package dev.cachedjdbc.driver;

import dev.cachedjdbc.testing.TestDatabases;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Excluded tables on PostgreSQL, where materialized views, inheritance and partitions also lead to a table's rows.
 * Everything lives in the schema ex_reach, first on the search path.
 */
class ExcludedTablesReachPostgresTest extends ExcludedTablesReachContractTest {

    @Override
    String plainUrl() {
        return postgresUrl() + (postgresUrl().contains("?") ? "&" : "?") + "currentSchema=ex_reach";
    }

    @Override
    Properties credentials() {
        return TestDatabases.postgresCredentials();
    }

    @BeforeEach
    void createSchema() throws SQLException {
        run("drop schema if exists ex_reach cascade", "create schema ex_reach");
    }

    @AfterEach
    void dropSchema() throws SQLException {
        closeConnections();
        run("drop schema if exists ex_reach cascade");
    }

    @Test
    void aMaterializedViewOverAnExcludedTableIsNotCached() throws SQLException {
        createTablesAndViews();
        run("create materialized view ex_hidden_snapshot as select v from ex_hidden");
        Connection reader = cached(EXCLUDED, "ex_hidden");
        assertReadSeesWritesElsewhere(reader, "select v from ex_hidden_snapshot", "10",
                "update ex_hidden set v = 17", "10");
        writeElsewhere("refresh materialized view ex_hidden_snapshot");
        assertReadSeesWritesElsewhere(reader, "select v from ex_hidden_snapshot", "17",
                "refresh materialized view ex_hidden_snapshot", "17");
    }

    @Test
    void theParentOfAnExcludedChildIsNotCached() throws SQLException {
        run("create table ex_vehicle (id int, wheels int)",
                "create table ex_car (seats int) inherits (ex_vehicle)",
                "create table ex_boat (length int) inherits (ex_vehicle)",
                "insert into ex_car (id, wheels, seats) values (1, 4, 5)");
        Connection reader = cached(EXCLUDED, "ex_car");
        assertReadSeesWritesElsewhere(reader, "select sum(wheels) from ex_vehicle", "4",
                "update ex_car set wheels = 6", "6");
        assertThat(explain(reader, "select length from ex_boat")).contains("; cached;");
    }

    @Test
    void theChildrenOfAnExcludedParentAreNotCached() throws SQLException {
        run("create table ex_vehicle (id int, wheels int)",
                "create table ex_car (seats int) inherits (ex_vehicle)",
                "insert into ex_car (id, wheels, seats) values (1, 4, 5)");
        Connection reader = cached(EXCLUDED, "ex_vehicle");
        assertReadSeesWritesElsewhere(reader, "select wheels from ex_car", "4", "update ex_vehicle set wheels = 3",
                "3");
    }

    @Test
    void aPartitionedTableWithAnExcludedPartitionIsNotCachedButItsOtherPartitionsAre() throws SQLException {
        run("create table ex_events (id int, at date) partition by range (at)",
                "create table ex_events_2024 partition of ex_events for values from ('2024-01-01') to ('2025-01-01')",
                "create table ex_events_2025 partition of ex_events for values from ('2025-01-01') to ('2026-01-01')",
                "create view ex_event_count as select count(*) as n from ex_events",
                "insert into ex_events values (1, '2024-06-01')");
        Connection reader = cached(EXCLUDED, "ex_events_2024");
        assertReadSeesWritesElsewhere(reader, "select count(*) from ex_events", "1",
                "insert into ex_events_2024 values (2, '2024-07-01')", "2");
        assertReadSeesWritesElsewhere(reader, "select n from ex_event_count", "2",
                "insert into ex_events_2024 values (3, '2024-08-01')", "3");
        assertThat(explain(reader, "select count(*) from ex_events_2025")).contains("; cached;");
    }
}
