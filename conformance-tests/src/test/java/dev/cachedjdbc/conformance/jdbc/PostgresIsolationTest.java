package dev.cachedjdbc.conformance.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.driver.CacheControl;
import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Readers who must never see each other's rows, reading the same SQL text through the caching driver: two database
 * users, one user with two search paths over same-named tables in two schemas, and row-level security by user and by
 * a session setting changed with SET, SET LOCAL and set_config. Each reader has a twin connection straight to the
 * database with the same user and session; through hits and misses alike, every read must return exactly what the
 * twin reads, and never a row marked for another reader.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresIsolationTest {

    private static final String NOTES = "select id, body from cj_notes order by id";
    private static final String OWNED = "select body from public.cj_owned_notes order by body";
    private static final String TENANT = "select body from public.cj_tenant_notes order by body";
    private static final int STEPS = Integer.getInteger("cachedjdbc.isolation.steps", 400);

    private Databases admin;

    @BeforeAll
    void createUsersSchemasAndPolicies() throws SQLException {
        admin = Databases.postgres();
        dropEverything();
        admin.run(
                "create role cj_alice login",
                "create role cj_bob login",
                "create schema cj_alice_s",
                "create schema cj_bob_s",
                "create table cj_alice_s.cj_notes (id int primary key, body text)",
                "create table cj_bob_s.cj_notes (id int primary key, body text)",
                "insert into cj_alice_s.cj_notes values (1, 'alice: first'), (2, 'alice: second')",
                "insert into cj_bob_s.cj_notes values (1, 'bob: first')",
                "grant usage on schema cj_alice_s to cj_alice",
                "grant select, insert, delete on cj_alice_s.cj_notes to cj_alice",
                "grant usage on schema cj_bob_s to cj_bob, cj_alice",
                "grant select, insert, delete on cj_bob_s.cj_notes to cj_bob",
                // alice may also read bob's schema, so one user's two search paths can be told apart
                "grant select on cj_bob_s.cj_notes to cj_alice",
                "alter role cj_alice set search_path = cj_alice_s",
                "alter role cj_bob set search_path = cj_bob_s",
                "create table public.cj_owned_notes (owner name, body text)",
                "insert into public.cj_owned_notes values ('cj_alice', 'alice: owned'), ('cj_bob', 'bob: owned')",
                "alter table public.cj_owned_notes enable row level security",
                "create policy cj_owner on public.cj_owned_notes using (owner = current_user)",
                "grant select on public.cj_owned_notes to cj_alice, cj_bob",
                "create table public.cj_tenant_notes (tenant text, body text)",
                "insert into public.cj_tenant_notes values ('a', 'tenant a: one'), ('a', 'tenant a: two'),"
                        + " ('b', 'tenant b: one')",
                "alter table public.cj_tenant_notes enable row level security",
                "create policy cj_tenant on public.cj_tenant_notes using (tenant = current_setting('cj.tenant', true))",
                "grant select on public.cj_tenant_notes to cj_alice, cj_bob");
    }

    @AfterAll
    void dropEverything() throws SQLException {
        if (admin == null) {
            return;
        }
        admin.run("drop table if exists public.cj_owned_notes", "drop table if exists public.cj_tenant_notes",
                "drop schema if exists cj_alice_s cascade", "drop schema if exists cj_bob_s cascade");
        for (String role : List.of("cj_alice", "cj_bob")) {
            admin.run("do $$ begin if exists (select 1 from pg_roles where rolname = '" + role + "') then"
                    + " execute 'drop owned by " + role + "'; execute 'drop role " + role + "'; end if; end $$");
        }
    }

    @Test
    void twoUsersReadingTheSameTextNeverSeeEachOthersRows() throws SQLException {
        try (Reader alice = new Reader("cj_alice", "alice:"); Reader bob = new Reader("cj_bob", "bob:")) {
            Random random = new Random(11);
            for (int step = 0; step < STEPS; step++) {
                Reader reader = random.nextBoolean() ? alice : bob;
                reader.assertReads(random.nextBoolean() ? NOTES : OWNED);
                if (step % 50 == 25) {
                    // a write through the cache by one reader: the other keeps reading only its own rows
                    reader.write("insert into cj_notes values (" + (100 + step) + ", '" + reader.marker + " added')");
                }
            }
            assertThat(alice.hits() + bob.hits()).as("reads answered from the cache").isGreaterThan(STEPS / 4);
            assertThat(alice.explain(OWNED)).contains("not cached");
        }
    }

    @Test
    void oneUserWithTwoSearchPathsReadsTheTableEachPathNames() throws SQLException {
        try (Reader ownPath = new Reader("cj_alice", "alice:"); Reader otherPath = new Reader("cj_alice", "alice:")) {
            readSchemaOf(otherPath, "bob");
            Random random = new Random(12);
            for (int step = 0; step < STEPS; step++) {
                (random.nextBoolean() ? ownPath : otherPath).assertReads(NOTES);
                if (step % 100 == 50) {
                    // swap the paths: each connection now names the table the other one did
                    boolean ownReadsAlice = ownPath.marker.equals("alice:");
                    readSchemaOf(ownPath, ownReadsAlice ? "bob" : "alice");
                    readSchemaOf(otherPath, ownReadsAlice ? "alice" : "bob");
                }
            }
            assertThat(ownPath.hits()).as("reads answered from the cache").isGreaterThan(STEPS / 8);
        }
    }

    private static void readSchemaOf(Reader reader, String owner) throws SQLException {
        reader.session("set search_path = cj_" + owner + "_s");
        reader.marker = owner + ":";
    }

    @Test
    void rowSecurityBySessionSettingHoldsThroughSetSetLocalAndSetConfig() throws SQLException {
        try (Reader tenantA = new Reader("cj_alice", "tenant a:"); Reader tenantB = new Reader("cj_alice", "tenant b:")) {
            tenantA.session("set cj.tenant = 'a'");
            tenantB.session("select set_config('cj.tenant', 'b', false)");
            Random random = new Random(13);
            for (int step = 0; step < STEPS; step++) {
                Reader reader = random.nextBoolean() ? tenantA : tenantB;
                switch (random.nextInt(10)) {
                    case 0 -> {
                        // flip this reader's tenant, by SET or by set_config, and its marker with it
                        String tenant = reader.marker.equals("tenant a:") ? "b" : "a";
                        reader.session(random.nextBoolean() ? "set cj.tenant = '" + tenant + "'"
                                : "select set_config('cj.tenant', '" + tenant + "', false)");
                        reader.marker = "tenant " + tenant + ":";
                    }
                    case 1 -> reader.assertReadsInTransactionAs(random.nextBoolean() ? "a" : "b", TENANT);
                    default -> reader.assertReads(TENANT);
                }
            }
            assertThat(tenantA.explain(TENANT)).contains("not cached");
        }
    }

    /** A connection through the cache and its twin straight to the database, same user, same session. */
    private static final class Reader implements AutoCloseable {
        private final Connection cached;
        private final Connection direct;
        private String marker;

        Reader(String user, String marker) throws SQLException {
            Properties credentials = new Properties();
            credentials.setProperty("user", user);
            credentials.setProperty("password", "");
            Databases databases = new Databases(TestDatabases.PG_URL, credentials);
            this.cached = databases.cached();
            this.direct = databases.direct();
            this.marker = marker;
        }

        void session(String sql) throws SQLException {
            for (Connection connection : List.of(cached, direct)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(sql);
                }
            }
        }

        void write(String sql) throws SQLException {
            try (Statement statement = cached.createStatement()) {
                statement.execute(sql);
            }
        }

        /** Reads through the cache and directly: the same rows, each carrying this reader's marker. */
        void assertReads(String sql) throws SQLException {
            List<String> expected = rows(direct, sql);
            List<String> served = rows(cached, sql);
            assertThat(served).as(sql + " for " + marker).isEqualTo(expected);
            assertThat(served).as("rows of another reader served to " + marker).allMatch(row -> row.contains(marker));
            assertThat(served).isNotEmpty();
        }

        /** SET LOCAL inside a transaction on both connections, then the same check; the setting ends with it. */
        void assertReadsInTransactionAs(String tenant, String sql) throws SQLException {
            String original = marker;
            for (Connection connection : List.of(cached, direct)) {
                connection.setAutoCommit(false);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("set local cj.tenant = '" + tenant + "'");
                }
            }
            try {
                marker = "tenant " + tenant + ":";
                assertReads(sql);
            } finally {
                marker = original;
                for (Connection connection : List.of(cached, direct)) {
                    connection.commit();
                    connection.setAutoCommit(true);
                }
            }
            assertReads(sql);
        }

        long hits() {
            return control().statistics().hits();
        }

        String explain(String sql) {
            return control().explain(sql);
        }

        private CacheControl control() {
            try {
                return cached.unwrap(CacheControl.class);
            } catch (SQLException e) {
                throw new AssertionError(e);
            }
        }

        private static List<String> rows(Connection connection, String sql) throws SQLException {
            List<String> rows = new ArrayList<>();
            try (Statement statement = connection.createStatement(); ResultSet resultSet = statement.executeQuery(sql)) {
                int columns = resultSet.getMetaData().getColumnCount();
                while (resultSet.next()) {
                    rows.add(resultSet.getString(columns));
                }
            }
            return rows;
        }

        @Override
        public void close() throws SQLException {
            try (cached; direct) {
                // both closed
            }
        }
    }
}
