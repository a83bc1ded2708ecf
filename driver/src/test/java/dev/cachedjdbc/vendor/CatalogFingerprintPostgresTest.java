package dev.cachedjdbc.vendor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.analysis.Dialect;
import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL's catalog fingerprint moves with every kind of DDL the catalog read depends on, and stays put without
 * DDL: a fingerprint that moved with writes of data, statistics or other sessions' temporary tables would make the
 * catalog check invalidate every cached result every few seconds. Everything lives in the schema cw_fingerprint.
 */
class CatalogFingerprintPostgresTest {

    private static final String QUERY = DatabaseSupport.of(Dialect.POSTGRESQL).catalogFingerprintQuery();

    private Connection connection;

    @BeforeEach
    void createSchema() throws SQLException {
        connection = TestDatabases.postgres();
        run(connection, "drop schema if exists cw_fingerprint cascade", "create schema cw_fingerprint",
                "set search_path = cw_fingerprint",
                "create table fp_item (id serial primary key, name text, parent_id int)",
                "create index fp_item_name on fp_item (name)",
                "create table fp_parent (id int primary key)",
                "create sequence fp_sequence",
                "create function fp_touch() returns trigger language plpgsql as $$ begin return new; end $$");
    }

    @AfterEach
    void dropSchema() throws SQLException {
        run(connection, "drop schema if exists cw_fingerprint cascade");
        connection.close();
    }

    private static void run(Connection connection, String... statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private String fingerprint() throws SQLException {
        return fingerprint(connection);
    }

    private static String fingerprint(Connection on) throws SQLException {
        try (Statement statement = on.createStatement(); ResultSet row = statement.executeQuery(QUERY)) {
            assertThat(row.next()).isTrue();
            List<String> values = new ArrayList<>();
            for (int column = 1; column <= row.getMetaData().getColumnCount(); column++) {
                values.add(row.getString(column));
            }
            assertThat(row.next()).as("one row").isFalse();
            return String.join("|", values);
        }
    }

    @Test
    void staysTheSameWithoutDdlWhateverIsWrittenVacuumedOrFrozen() throws SQLException {
        String before = fingerprint();
        run(connection, "insert into fp_item (name) select 'n' || i from generate_series(1, 200) i",
                "update fp_item set name = name || '!' where id % 2 = 0",
                "delete from fp_item where id % 3 = 0",
                "select nextval('fp_sequence')",
                "analyze fp_item",
                "vacuum fp_item",
                "vacuum freeze pg_catalog.pg_class",
                "vacuum freeze pg_catalog.pg_attribute",
                "vacuum freeze pg_catalog.pg_type",
                "vacuum freeze pg_catalog.pg_proc");

        assertThat(fingerprint()).isEqualTo(before);
    }

    @Test
    void staysTheSameWhenAnySessionCreatesAndDropsTemporaryTables() throws SQLException {
        String before = fingerprint();
        try (Connection other = TestDatabases.postgres()) {
            run(other, "set search_path = cw_fingerprint",
                    "create temporary table fp_scratch (id serial primary key, name text default 'x' check (name <> ''))",
                    "create index on fp_scratch (name)",
                    "create trigger fp_scratch_touch before insert on fp_scratch for each row execute function"
                            + " fp_touch()",
                    "create temporary view fp_scratch_view as select id from fp_scratch");
            assertThat(fingerprint()).as("while another session holds temporary tables").isEqualTo(before);
            assertThat(fingerprint(other)).as("read by the session that holds them").isEqualTo(before);
            run(other, "drop table fp_scratch cascade");
        }
        assertThat(fingerprint()).isEqualTo(before);
    }

    @Test
    void movesWithEachKindOfDdlTheCatalogReadDependsOn() throws SQLException {
        List<String> changes = List.of(
                "create trigger fp_item_touch before insert on fp_item for each row execute function fp_touch()",
                "alter table fp_item add constraint fp_item_parent foreign key (parent_id) references fp_parent (id)"
                        + " on delete cascade",
                "create view fp_view as select id, name from fp_item",
                "create or replace view fp_view as select id, name from fp_item where id > 0",
                "alter table fp_item enable row level security",
                "create policy fp_mine on fp_item using (true)",
                "create table fp_events (id int, at int) partition by range (at)",
                "create table fp_events_early partition of fp_events for values from (0) to (100)",
                "create table fp_events_late (id int, at int)",
                "alter table fp_events attach partition fp_events_late for values from (100) to (200)",
                "create function fp_double(int) returns int language sql as 'select $1 * 2'",
                "alter function fp_double(int) volatile",
                "create domain fp_positive as int check (fp_double(value) > 0)",
                "alter table fp_item alter column name set default 'unnamed'",
                "alter table fp_item rename column name to title",
                "create rule fp_item_rule as on update to fp_item do also notify fp_item",
                "create materialized view fp_snapshot as select id from fp_item",
                "create operator === (function = int4eq, leftarg = int, rightarg = int)",
                "drop trigger fp_item_touch on fp_item",
                "drop table fp_parent cascade",
                "create table fp_parent (id int primary key)");
        String previous = fingerprint();
        for (String ddl : changes) {
            run(connection, ddl);
            String now = fingerprint();
            assertThat(now).as("after " + ddl).isNotEqualTo(previous);
            previous = now;
        }
    }
}
