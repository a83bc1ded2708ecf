package dev.cachedjdbc.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * A table in cache.excludeTables is one the application writes where the driver cannot see it: no read of its rows
 * may be cached, whether the read names it or reaches it through a view, a view over a view, or (per database) a
 * materialized view, a synonym or an inheritance parent. Each test writes behind the driver's back, on a plain
 * connection, and expects the next read through the driver to see it.
 */
abstract class ExcludedTablesReachContractTest extends OneDatabaseTest {

    static final String EXCLUDED = "cache.excludeTables";

    /** Creates ex_hidden (id, v) with the row (1, 10), ex_open likewise, and views over each, through the driver. */
    void createTablesAndViews() throws SQLException {
        run("create table ex_hidden (id int primary key, v int)",
                "insert into ex_hidden values (1, 10)",
                "create table ex_open (id int primary key, v int)",
                "insert into ex_open values (1, 10)",
                "create view ex_hidden_view as select id, v from ex_hidden",
                "create view ex_hidden_view_view as select v from ex_hidden_view",
                "create view ex_mixed_view as select o.v + h.v as v from ex_open o join ex_hidden h on h.id = o.id",
                "create view ex_open_view as select id, v from ex_open");
    }

    /** Writes behind the driver's back, as the application does to the tables it excludes. */
    void writeElsewhere(String sql) throws SQLException {
        try (Connection connection = direct(); Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    /** Reads twice around a write elsewhere; the second read must see it. */
    void assertReadSeesWritesElsewhere(Connection reader, String query, String before, String write, String after)
            throws SQLException {
        assertThat(first(reader, query)).as(query).isEqualTo(before);
        writeElsewhere(write);
        assertThat(first(reader, query)).as(query + " after " + write).isEqualTo(after);
        assertThat(explain(reader, query)).as("explain " + query).contains("not cached").contains("cache.excludeTables");
    }

    @Test
    void aViewOverAnExcludedTableIsNotCached() throws SQLException {
        createTablesAndViews();
        Connection reader = cached(EXCLUDED, "ex_hidden");
        assertReadSeesWritesElsewhere(reader, "select v from ex_hidden_view where id = 1", "10",
                "update ex_hidden set v = 11", "11");
    }

    @Test
    void aViewOverAViewOverAnExcludedTableIsNotCached() throws SQLException {
        createTablesAndViews();
        Connection reader = cached(EXCLUDED, "ex_hidden");
        assertReadSeesWritesElsewhere(reader, "select v from ex_hidden_view_view", "10", "update ex_hidden set v = 12",
                "12");
    }

    @Test
    void aViewJoiningAnExcludedTableWithAnotherIsNotCached() throws SQLException {
        createTablesAndViews();
        Connection reader = cached(EXCLUDED, "ex_hidden");
        assertReadSeesWritesElsewhere(reader, "select v from ex_mixed_view", "20", "update ex_hidden set v = 13", "23");
    }

    @Test
    void anExcludedViewIsNotCachedButTheTableUnderItStillIs() throws SQLException {
        createTablesAndViews();
        Connection reader = cached(EXCLUDED, "ex_open_view");
        assertThat(explain(reader, "select v from ex_open_view")).contains("not cached");
        assertThat(explain(reader, "select v from ex_open")).contains("; cached;");
    }

    @Test
    void viewsOverTablesThatAreNotExcludedStayCached() throws SQLException {
        createTablesAndViews();
        Connection reader = cached(EXCLUDED, "ex_hidden");
        assertThat(explain(reader, "select v from ex_open_view")).contains("; cached;");
        assertThat(explain(reader, "select v from ex_open")).contains("; cached;");
    }

    @Test
    void anExclusionNamedWithASchemaOrInAnotherCaseReachesViewsAsWell() throws SQLException {
        createTablesAndViews();
        Connection reader = cached(EXCLUDED, "someschema.EX_HIDDEN");
        assertReadSeesWritesElsewhere(reader, "select v from ex_hidden_view where id = 1", "10",
                "update ex_hidden set v = 14", "14");
    }
}
