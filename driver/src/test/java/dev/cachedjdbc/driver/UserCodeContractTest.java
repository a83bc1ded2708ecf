package dev.cachedjdbc.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A database runs code of its users' making where a statement shows only a name: a function that shadows a built-in
 * one, a view over it, a domain whose check calls it, a table's check or default. Such a statement must not be
 * cached, and must count as a write of everything when it runs. Every function made here adds one to uc_hits.n, so
 * a cached read of uc_hits shows whether the driver saw the write.
 */
abstract class UserCodeContractTest extends OneDatabaseTest {

    static final String HITS = "select n from uc_hits";

    /** Creates upper(integer) (or an override of UPPER) that counts a hit and returns its argument. */
    abstract void createCountingUpper() throws SQLException;

    /** Creates lower(integer) (or an override of LOWER) that moves the session to schema uc_elsewhere. */
    abstract void createSchemaSwitchingLower() throws SQLException;

    /** Creates the domain uc_checked over integer whose check counts a hit. */
    abstract void createCountingDomain() throws SQLException;

    /** Creates uc_guarded (v int) whose check constraint counts a hit, and uc_stamped (id int, v int) whose default does. */
    abstract void createCountingCheckAndDefault() throws SQLException;

    /** Anything the database needs before the tables are made; nothing by default. */
    void prepareDatabase() throws SQLException {
    }

    @BeforeEach
    void createTables() throws SQLException {
        prepareDatabase();
        run("create table uc_hits (n int)", "insert into uc_hits values (0)",
                "create table uc_other (id int primary key, v int)", "insert into uc_other values (1, 10)");
    }

    private static void repeat(Connection connection, String sql, int times) throws SQLException {
        for (int i = 0; i < times; i++) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        }
    }

    @Test
    void aFunctionShadowingABuiltInRunsEveryTimeAndItsWritesAreSeen() throws SQLException {
        createCountingUpper();
        Connection reader = cached();
        assertThat(first(reader, HITS)).isEqualTo("0");
        Connection caller = cached();
        assertThat(first(caller, "select upper(v) from uc_other")).isEqualTo("10");
        assertThat(first(caller, "select upper(v) from uc_other")).isEqualTo("10");
        assertThat(first(reader, HITS)).isEqualTo("2");
    }

    @Test
    void preparedCallsOfAShadowingFunctionRunEveryTime() throws SQLException {
        createCountingUpper();
        Connection reader = cached();
        assertThat(first(reader, HITS)).isEqualTo("0");
        Connection caller = cached();
        for (int i = 0; i < 2; i++) {
            try (PreparedStatement statement = caller.prepareStatement("select upper(?) from uc_other")) {
                statement.setInt(1, 7);
                try (ResultSet rows = statement.executeQuery()) {
                    assertThat(rows.next()).isTrue();
                }
            }
        }
        assertThat(first(reader, HITS)).isEqualTo("2");
    }

    @Test
    void aWriteThatCallsAShadowingFunctionInvalidatesWhatTheFunctionWrote() throws SQLException {
        createCountingUpper();
        Connection reader = cached();
        assertThat(first(reader, HITS)).isEqualTo("0");
        cached().createStatement().executeUpdate("update uc_other set v = upper(7) where id = 1");
        assertThat(first(reader, HITS)).isEqualTo("1");
    }

    @Test
    void batchesThatCallAShadowingFunctionInvalidateWhatTheFunctionWrote() throws SQLException {
        createCountingUpper();
        Connection reader = cached();
        assertThat(first(reader, HITS)).isEqualTo("0");
        Connection writer = cached();
        try (Statement statement = writer.createStatement()) {
            statement.addBatch("update uc_other set v = upper(8) where id = 1");
            statement.executeBatch();
        }
        assertThat(first(reader, HITS)).isEqualTo("1");
        try (PreparedStatement statement = writer.prepareStatement("update uc_other set v = upper(?) where id = 1")) {
            statement.setInt(1, 9);
            statement.addBatch();
            statement.executeBatch();
        }
        assertThat(first(reader, HITS)).isEqualTo("2");
    }

    @Test
    void inATransactionACallOfAShadowingFunctionCountsAsAWriteOfEverything() throws SQLException {
        createCountingUpper();
        Connection reader = cached();
        assertThat(first(reader, HITS)).isEqualTo("0");
        Connection caller = cached();
        assertThat(first(caller, HITS)).isEqualTo("0");
        caller.setAutoCommit(false);
        first(caller, "select upper(v) from uc_other");
        assertThat(first(caller, HITS)).as("the transaction reads its own write").isEqualTo("1");
        caller.commit();
        assertThat(first(reader, HITS)).isEqualTo("1");
    }

    @Test
    void viewsOverAShadowingFunctionAreNotCachedAndReadingThemCountsAsAWrite() throws SQLException {
        createCountingUpper();
        run("create view uc_shouting as select upper(v) as v from uc_other",
                "create view uc_shouting_again as select v from uc_shouting");
        Connection reader = cached();
        assertThat(first(reader, HITS)).isEqualTo("0");
        Connection caller = cached();
        repeat(caller, "select v from uc_shouting", 2);
        assertThat(first(reader, HITS)).isEqualTo("2");
        repeat(caller, "select v from uc_shouting_again", 2);
        assertThat(first(reader, HITS)).isEqualTo("4");
        assertThat(explain(caller, "select v from uc_shouting_again")).contains("not cached")
                .contains("invalidates every cached result");
    }

    @Test
    void aCastToADomainWhoseCheckCallsUsersCodeRunsEveryTime() throws SQLException {
        createCountingDomain();
        Connection reader = cached();
        assertThat(first(reader, HITS)).isEqualTo("0");
        Connection caller = cached();
        repeat(caller, "select cast(n + 1 as uc_checked) from uc_hits", 2);
        assertThat(first(reader, HITS)).isEqualTo("2");
    }

    @Test
    void writingAColumnOfADomainWhoseCheckCallsUsersCodeInvalidatesWhatItWrote() throws SQLException {
        createCountingDomain();
        run("create table uc_checked_rows (v uc_checked)");
        Connection reader = cached();
        assertThat(first(reader, HITS)).isEqualTo("0");
        cached().createStatement().executeUpdate("insert into uc_checked_rows values (3)");
        assertThat(first(reader, HITS)).isEqualTo("1");
    }

    @Test
    void writingATableWhoseCheckOrDefaultCallsUsersCodeInvalidatesWhatItWrote() throws SQLException {
        createCountingCheckAndDefault();
        Connection reader = cached();
        assertThat(first(reader, HITS)).isEqualTo("0");
        Connection writer = cached();
        writer.createStatement().executeUpdate("insert into uc_guarded values (3)");
        assertThat(first(reader, HITS)).isEqualTo("1");
        writer.createStatement().executeUpdate("insert into uc_stamped (id) values (3)");
        assertThat(first(reader, HITS)).isEqualTo("2");
    }

    @Test
    void aShadowingFunctionThatChangesTheSessionIsFollowedByTheNextRead() throws SQLException {
        run("create schema uc_elsewhere", "create table uc_elsewhere.uc_place (v int)",
                "insert into uc_elsewhere.uc_place values (2)", "create table uc_place (v int)",
                "insert into uc_place values (1)");
        createSchemaSwitchingLower();
        Connection caller = cached();
        assertThat(first(caller, "select v from uc_place")).isEqualTo("1");
        first(caller, "select lower(id) from uc_other");
        assertThat(first(caller, "select v from uc_place")).isEqualTo("2");
    }

    @Test
    void explainNamesTheUsersCodeAStatementMayRun() throws SQLException {
        createCountingUpper();
        Connection connection = cached();
        assertThat(explain(connection, "select upper(v) from uc_other")).contains("not cached").contains("upper")
                .contains("invalidates every cached result");
    }

    @Test
    void statementsThatNameNoneOfTheUsersCodeStayCached() throws SQLException {
        createCountingUpper();
        Connection connection = cached();
        assertThat(explain(connection, "select v from uc_other where id = 1")).contains("; cached;");
        assertThat(explain(connection, "select abs(v) from uc_other")).contains("; cached;");
        assertThat(explain(connection, "update uc_other set v = 1 where id = 1"))
                .doesNotContain("invalidates every cached result");
    }
}
