package dev.cachedjdbc.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.testing.CountingDriver;
import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The driver's contract on PostgreSQL, plus what only PostgreSQL shows. */
class PostgresCachingTest extends CachingContractTest {

    @BeforeAll
    static void requirePostgres() {
        TestDatabases.assumePostgres();
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
    String beginStatement() {
        return "begin";
    }

    @Override
    String schemaName(String unquoted) {
        return unquoted;
    }

    @Override
    String createTemporaryTable(String name, String columns) {
        return "create temporary table " + name + " " + columns;
    }

    @Override
    String defaultSchema() {
        return "public";
    }

    @Override
    String statementTheAnalyserCannotRead() {
        return "listen drv_channel";
    }

    @Test
    void writableCteSentThroughExecuteQueryInvalidates() throws SQLException {
        Connection connection = cached();
        try (Statement statement = connection.createStatement()) {
            assertThat(count(statement.executeQuery(READ_ALL))).isEqualTo(3);
            try (ResultSet deleted = statement.executeQuery(
                    "with gone as (delete from drv_item where id = 3 returning id) select id from gone")) {
                assertThat(deleted.next()).isTrue();
            }
            assertThat(count(statement.executeQuery(READ_ALL))).isEqualTo(2);
        }
    }

    @Test
    void foreignKeyCreatedInATransactionWidensWritesAfterCommitEvenIfTheCatalogWasReadBefore() throws SQLException {
        Connection ddl = cached();
        Connection other = cached();
        try (Statement statement = ddl.createStatement()) {
            statement.execute("drop table if exists orm_ddl_child");
            statement.execute("drop table if exists orm_ddl_parent");
            statement.execute("create table orm_ddl_parent (id int primary key)");
            statement.execute("insert into orm_ddl_parent values (1)");
        }
        ddl.setAutoCommit(false);
        try (Statement statement = ddl.createStatement()) {
            statement.execute("create table orm_ddl_child (id int primary key,"
                    + " parent_id int references orm_ddl_parent (id) on delete cascade)");
            statement.execute("insert into orm_ddl_child values (1, 1)");
        }
        // The other connection reads the catalog while the new foreign key is invisible to it.
        assertThat(nameById(other, 1)).isEqualTo("apple");
        ddl.commit();
        ddl.setAutoCommit(true);
        String children = "select count(*) from orm_ddl_child";
        try (Statement statement = other.createStatement()) {
            assertThat(single(statement.executeQuery(children))).isEqualTo("1");
            assertThat(single(statement.executeQuery(children))).isEqualTo("1");
            statement.executeUpdate("delete from orm_ddl_parent where id = 1");
            assertThat(single(statement.executeQuery(children))).as("the cascade emptied it").isEqualTo("0");
            statement.execute("drop table orm_ddl_child");
            statement.execute("drop table orm_ddl_parent");
        }
    }

    @Test
    void selectIntoAndCreateTableAsAreWrites() throws SQLException {
        Connection connection = cached();
        try (Statement statement = connection.createStatement()) {
            statement.execute("drop table if exists drv_copy");
            statement.execute("create table drv_copy as select * from drv_item where id = 1");
            String copy = "select count(*) from drv_copy";
            assertThat(single(statement.executeQuery(copy))).isEqualTo("1");
            statement.execute("drop table drv_copy");
            statement.execute("select * into drv_copy from drv_item");
            assertThat(single(statement.executeQuery(copy))).isEqualTo("3");
            statement.execute("drop table drv_copy");
        }
    }

    @Test
    void triggerWritesAreInvalidated() throws SQLException {
        Connection connection = cached();
        try (Statement statement = connection.createStatement()) {
            statement.execute("create table drv_audit (item_id int)");
            statement.execute("create or replace function drv_audit_fn() returns trigger language plpgsql as"
                    + " $$ begin insert into drv_audit values (new.id); return new; end $$");
            statement.execute("create trigger drv_audit_trigger after insert on drv_item for each row"
                    + " execute function drv_audit_fn()");
            try {
                String audit = "select count(*) from drv_audit";
                assertThat(single(statement.executeQuery(audit))).isEqualTo("0");
                statement.executeUpdate("insert into drv_item values (7, 'kiwi', 7)");
                assertThat(single(statement.executeQuery(audit))).isEqualTo("1");
            } finally {
                statement.execute("drop table drv_audit");
                statement.execute("drop trigger drv_audit_trigger on drv_item");
                statement.execute("drop function drv_audit_fn()");
            }
        }
    }

    @Test
    void setSearchPathChangesWhichTableAnUnqualifiedNameReads() throws SQLException {
        Connection connection = cached();
        String query = "select name from drv_same";
        try (Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists drv_p1 cascade");
            statement.execute("drop schema if exists drv_p2 cascade");
            statement.execute("create schema drv_p1");
            statement.execute("create schema drv_p2");
            try {
                statement.execute("create table drv_p1.drv_same (name text)");
                statement.execute("create table drv_p2.drv_same (name text)");
                statement.execute("insert into drv_p1.drv_same values ('one')");
                statement.execute("insert into drv_p2.drv_same values ('two')");
                statement.execute("set search_path to drv_p1");
                assertThat(single(statement.executeQuery(query))).isEqualTo("one");
                statement.execute("set search_path to drv_p2");
                assertThat(single(statement.executeQuery(query))).isEqualTo("two");
                statement.execute("select set_config('search_path', 'drv_p1', false)");
                assertThat(single(statement.executeQuery(query))).isEqualTo("one");
            } finally {
                statement.execute("reset search_path");
                statement.execute("drop schema drv_p1 cascade");
                statement.execute("drop schema drv_p2 cascade");
            }
        }
    }

    @Test
    void setLocalEndsWithItsTransaction() throws SQLException {
        Connection connection = cached();
        String query = "select name from drv_same";
        try (Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists drv_l1 cascade");
            statement.execute("create schema drv_l1");
            try {
                statement.execute("create table drv_l1.drv_same (name text)");
                statement.execute("create table public.drv_same (name text)");
                statement.execute("insert into drv_l1.drv_same values ('local')");
                statement.execute("insert into public.drv_same values ('public')");
                connection.setAutoCommit(false);
                statement.execute("set local search_path to drv_l1");
                assertThat(single(statement.executeQuery(query))).isEqualTo("local");
                connection.commit();
                connection.setAutoCommit(true);
                assertThat(single(statement.executeQuery(query))).isEqualTo("public");
            } finally {
                connection.setAutoCommit(true);
                statement.execute("drop table public.drv_same");
                statement.execute("drop schema drv_l1 cascade");
            }
        }
    }

    @Test
    void usersNeverShareEntries() throws SQLException {
        try (Connection admin = direct(); Statement statement = admin.createStatement()) {
            statement.execute("drop role if exists drv_other");
            statement.execute("create role drv_other login");
            statement.execute("grant select on drv_item to drv_other");
        }
        try {
            Properties other = new Properties();
            other.setProperty("user", "drv_other");
            other.setProperty("password", "");
            String query = "select current_user as who, count(*) from drv_item";
            try (Connection mine = cached(); Connection theirs = DriverManager.getConnection(cachedUrl(), other);
                 Statement s1 = mine.createStatement(); Statement s2 = theirs.createStatement()) {
                assertThat(single(s1.executeQuery(query))).isEqualTo(TestDatabases.PG_USER);
                assertThat(single(s2.executeQuery(query))).isEqualTo("drv_other");
            }
        } finally {
            try (Connection admin = direct(); Statement statement = admin.createStatement()) {
                statement.execute("revoke all on drv_item from drv_other");
                statement.execute("drop role drv_other");
            }
        }
    }

    @Test
    void tablesWithRowLevelSecurityAreNeverCached() throws SQLException {
        Connection connection = cached();
        try (Statement statement = connection.createStatement()) {
            statement.execute("drop table if exists drv_secret");
            statement.execute("create table drv_secret (tenant text, v int)");
            statement.execute("alter table drv_secret enable row level security");
            try {
                String query = "select count(*) from drv_secret";
                statement.executeQuery(query).close();
                statement.executeQuery(query).close();
                assertThat(CountingDriver.executions(query)).isEqualTo(2);
                assertThat(connection.unwrap(CacheControl.class).explain(query)).contains("row-level security");
            } finally {
                statement.execute("drop table drv_secret");
            }
        }
    }

    @Test
    void twoUrlsReachingTheSameDatabaseShareInvalidation() throws SQLException {
        String other = TestDatabases.PG_URL.contains("127.0.0.1")
                ? TestDatabases.PG_URL.replace("127.0.0.1", "localhost") : TestDatabases.PG_URL;
        other = other + (other.contains("?") ? "&" : "?") + "ApplicationName=drv-alias";
        Connection reader = cached();
        assertThat(nameById(reader, 1)).isEqualTo("apple");
        try (Connection writer = DriverManager.getConnection("jdbc:cached:" + other.substring("jdbc:".length()),
                credentials()); Statement statement = writer.createStatement()) {
            assertThat(writer.unwrap(CacheControl.class).databaseIdentity())
                    .isEqualTo(reader.unwrap(CacheControl.class).databaseIdentity());
            statement.executeUpdate("update drv_item set name = 'alias' where id = 1");
        }
        assertThat(nameById(reader, 1)).isEqualTo("alias");
    }

    @Test
    void multiStatementStringThatLeavesATransactionOpenKeepsItsWritesUnpublished() throws SQLException {
        Connection writer = cached();
        Connection reader = cached();
        try (Statement statement = writer.createStatement()) {
            statement.execute("begin; update drv_item set name = 'hidden' where id = 1");
            assertThat(nameById(reader, 1)).isEqualTo("apple");
            assertThat(nameById(reader, 1)).isEqualTo("apple");
            statement.execute("commit");
        }
        assertThat(nameById(reader, 1)).isEqualTo("hidden");
    }

    @Test
    void aRefusedCommitLeavesAnSqlTransactionOpenAndItsWritesUnpublished() throws SQLException {
        Connection writer = cached();
        Connection reader = cached();
        try (Statement statement = writer.createStatement()) {
            statement.execute("begin");
            statement.executeUpdate("update drv_item set name = 'pending' where id = 1");
            org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, writer::commit,
                    "pgjdbc refuses commit() in autocommit mode");
            int before = CountingDriver.executions(READ_BY_ID);
            assertThat(nameById(reader, 1)).isEqualTo("apple");
            assertThat(nameById(reader, 1)).isEqualTo("apple");
            assertThat(CountingDriver.executions(READ_BY_ID) - before).as("no fill while the write is open").isEqualTo(2);
            statement.execute("commit");
        }
        assertThat(nameById(reader, 1)).isEqualTo("pending");
    }

    @Test
    void aFailedCommitNeverPublishesTheRolledBackWrites() throws SQLException {
        Connection writer = cached();
        Connection reader = cached();
        try (Statement statement = writer.createStatement()) {
            statement.execute("drop table if exists drv_deferred");
            statement.execute("create table drv_deferred (id int primary key, v int unique deferrable initially deferred)");
            statement.execute("insert into drv_deferred values (1, 1), (2, 2)");
        }
        String query = "select v from drv_deferred where id = 1";
        try {
            try (Statement statement = reader.createStatement()) {
                assertThat(single(statement.executeQuery(query))).isEqualTo("1");
            }
            writer.setAutoCommit(false);
            try (Statement statement = writer.createStatement()) {
                statement.executeUpdate("update drv_deferred set v = 2 where id = 1");
            }
            SQLException failure = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, writer::commit);
            assertThat(failure.getSQLState()).isEqualTo("23505");
            writer.setAutoCommit(true);
            try (Statement statement = reader.createStatement()) {
                assertThat(single(statement.executeQuery(query))).isEqualTo("1");
            }
        } finally {
            writer.setAutoCommit(true);
            try (Statement statement = writer.createStatement()) {
                statement.execute("drop table drv_deferred");
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Transaction and session changes hidden in other statements

    private static String plainName(int id) throws SQLException {
        try (Connection connection = TestDatabases.postgres()) {
            return nameById(connection, id);
        }
    }

    @Test
    void aWriteThatAlsoCallsSetConfigInvalidates() throws SQLException {
        Connection reader = cached();
        Connection writer = cached();
        assertThat(nameById(reader, 1)).isEqualTo("apple");
        try (Statement statement = writer.createStatement()) {
            statement.executeUpdate("update drv_item set name = set_config('drv.note', 'configured', false) where id = 1");
        }
        assertThat(nameById(reader, 1)).isEqualTo("configured").isEqualTo(plainName(1));
    }

    @Test
    void beginWithRepeatableReadNeverFillsTheCacheFromItsSnapshot() throws SQLException {
        Connection snapshot = cached();
        Connection writer = cached();
        try (Statement statement = snapshot.createStatement()) {
            statement.execute("begin isolation level repeatable read");
            single(statement.executeQuery("select count(*) from drv_child"));
            try (Statement write = writer.createStatement()) {
                write.executeUpdate("update drv_item set name = 'after snapshot' where id = 1");
            }
            assertThat(nameById(snapshot, 1)).as("the snapshot sees its snapshot").isEqualTo("apple");
            statement.execute("commit");
        }
        assertThat(nameById(cached(), 1)).isEqualTo("after snapshot");
    }

    @Test
    void commitAndChainKeepsTheTransactionOpenForTheDriverToo() throws SQLException {
        Connection writer = cached();
        Connection reader = cached();
        try (Statement statement = writer.createStatement()) {
            statement.execute("begin");
            statement.execute("commit and chain");
            statement.executeUpdate("update drv_item set name = 'chained' where id = 1");
            assertThat(nameById(reader, 1)).isEqualTo("apple");
            assertThat(nameById(reader, 1)).isEqualTo("apple");
            statement.execute("commit");
        }
        assertThat(nameById(reader, 1)).isEqualTo("chained");
    }

    @Test
    void aBatchThatBeginsATransactionKeepsItsWritesUnpublishedUntilCommit() throws SQLException {
        Connection writer = cached();
        Connection reader = cached();
        try (Statement statement = writer.createStatement()) {
            statement.addBatch("begin");
            statement.addBatch("update drv_item set name = 'batched' where id = 1");
            statement.executeBatch();
            assertThat(nameById(reader, 1)).isEqualTo("apple");
            assertThat(nameById(reader, 1)).isEqualTo("apple");
            statement.execute("commit");
        }
        assertThat(nameById(reader, 1)).isEqualTo("batched");
    }

    @Test
    void sessionChangesHiddenInOtherStatementsNeverMixSessionsEntries() throws SQLException {
        Connection changing = cached();
        Connection other = cached();
        String query = "select v from drv_b";
        try (Statement admin = changing.createStatement()) {
            admin.execute("drop schema if exists drv_sa cascade");
            admin.execute("drop schema if exists drv_sb cascade");
            admin.execute("create schema drv_sa");
            admin.execute("create schema drv_sb");
            admin.execute("create table drv_sa.drv_b (v text)");
            admin.execute("create table drv_sb.drv_b (v text)");
            admin.execute("insert into drv_sa.drv_b values ('A')");
            admin.execute("insert into drv_sb.drv_b values ('B')");
        }
        try (Statement first = changing.createStatement(); Statement second = other.createStatement()) {
            for (String change : List.of("select 1; set search_path to drv_sb",
                    "do $$ begin perform set_config('search_path', 'drv_sb', false); end $$")) {
                first.execute("set search_path to drv_sa");
                second.execute("set search_path to drv_sa");
                assertThat(single(first.executeQuery(query))).isEqualTo("A");
                first.execute(change);
                assertThat(single(first.executeQuery(query))).as("after %s", change).isEqualTo("B");
                assertThat(single(second.executeQuery(query))).as("another session, after %s", change).isEqualTo("A");
            }
        } finally {
            try (Statement admin = changing.createStatement()) {
                admin.execute("reset search_path");
                admin.execute("drop schema drv_sa cascade");
                admin.execute("drop schema drv_sb cascade");
            }
        }
    }

    @Test
    void aRoleWithoutAccessIsNeverServedAnotherRolesCachedRows() throws SQLException {
        try (Connection admin = direct(); Statement statement = admin.createStatement()) {
            statement.execute("drop role if exists drv_outsider");
            statement.execute("create role drv_outsider");
        }
        Connection connection = cached();
        try (Statement statement = connection.createStatement()) {
            assertThat(nameById(connection, 1)).isEqualTo("apple");
            for (String becomeOutsider : List.of("set role drv_outsider", "set session authorization drv_outsider")) {
                statement.execute(becomeOutsider);
                SQLException denied = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                        () -> nameById(connection, 1), becomeOutsider);
                assertThat(denied.getSQLState()).isEqualTo("42501");
                statement.execute(becomeOutsider.startsWith("set role") ? "reset role" : "reset session authorization");
                assertThat(nameById(connection, 1)).isEqualTo("apple");
            }
            statement.execute("set role drv_outsider");
            statement.execute("discard all");
            assertThat(nameById(connection, 1)).as("DISCARD ALL resets the role").isEqualTo("apple");
        } finally {
            try (Connection admin = direct(); Statement statement = admin.createStatement()) {
                statement.execute("drop role drv_outsider");
            }
        }
    }

    @Test
    void procedureCallsDoBlocksAndMultiStatementTextsInvalidateEverything() throws SQLException {
        Connection connection = cached();
        try (Statement statement = connection.createStatement()) {
            statement.execute("create or replace procedure drv_rename(new_name text) language sql as"
                    + " $$ update drv_item set name = new_name where id = 1 $$");
        }
        try {
            List<SqlAction> hiddenWrites = List.of(
                    () -> {
                        try (Statement statement = connection.createStatement()) {
                            statement.execute("call drv_rename('called')");
                        }
                    },
                    () -> {
                        try (java.sql.CallableStatement call = connection.prepareCall("call drv_rename(?)")) {
                            call.setString(1, "callable");
                            call.execute();
                        }
                    },
                    () -> {
                        try (Statement statement = connection.createStatement()) {
                            statement.execute("do $$ begin update drv_item set name = 'done' where id = 1; end $$");
                        }
                    },
                    () -> {
                        try (Statement statement = connection.createStatement()) {
                            statement.execute("update drv_item set name = 'several' where id = 1; select 1");
                        }
                    });
            List<String> expected = List.of("called", "callable", "done", "several");
            for (int i = 0; i < hiddenWrites.size(); i++) {
                nameById(connection, 1);
                nameById(connection, 1);
                try {
                    hiddenWrites.get(i).run();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                assertThat(nameById(connection, 1)).isEqualTo(expected.get(i)).isEqualTo(plainName(1));
            }
        } finally {
            try (Statement statement = connection.createStatement()) {
                statement.execute("drop procedure drv_rename(text)");
            }
        }
    }
}
