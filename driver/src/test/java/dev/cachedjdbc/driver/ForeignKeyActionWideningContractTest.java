package dev.cachedjdbc.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A write to a referenced table invalidates the cached reads of a referencing table only when it can fire one of
 * the foreign key's actions: an insert fires none, a delete only ON DELETE actions, an update only ON UPDATE ones.
 * Reads that are left alone stay hits; reads after a write that fires an action see the rows it changed.
 * Subclasses name the database.
 */
abstract class ForeignKeyActionWideningContractTest {

    static final String READ_CHILDREN = "select id, parent_id from fk_child order by id";
    static final String CHILDREN_AS_CREATED = "1:1,2:2";

    static {
        CachedJdbcDriver.register();
    }

    private final List<Connection> opened = new ArrayList<>();

    abstract String plainUrl();

    abstract Properties credentials();

    Connection cached() throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:cached:" + plainUrl().substring("jdbc:".length()),
                credentials());
        opened.add(connection);
        return connection;
    }

    @AfterEach
    void closeConnections() throws SQLException {
        for (Connection connection : opened) {
            connection.close();
        }
        opened.clear();
    }

    /**
     * Parents 1, 2 and 3 (unreferenced); children 1 and 2 referencing parents 1 and 2 with this action, and parent 3
     * by default.
     */
    Connection tablesReferencingWith(String action) throws SQLException {
        Connection connection = cached();
        try (Statement statement = connection.createStatement()) {
            statement.execute("drop table if exists fk_child");
            statement.execute("drop table if exists fk_parent");
            statement.execute("create table fk_parent (id int primary key, name varchar(20))");
            statement.execute("create table fk_child (id int primary key, parent_id int default 3 references fk_parent(id) "
                    + action + ")");
            statement.execute("insert into fk_parent values (1, 'one'), (2, 'two'), (3, 'three')");
            statement.execute("insert into fk_child values (1, 1), (2, 2)");
        }
        return connection;
    }

    static String children(Connection connection) throws SQLException {
        StringBuilder rows = new StringBuilder();
        try (PreparedStatement read = connection.prepareStatement(READ_CHILDREN);
                ResultSet result = read.executeQuery()) {
            while (result.next()) {
                rows.append(rows.isEmpty() ? "" : ",").append(result.getInt(1)).append(':')
                        .append(result.getString(2));
            }
        }
        return rows.toString();
    }

    static long hits(Connection connection) throws SQLException {
        return connection.unwrap(CacheControl.class).statistics().hits();
    }

    /** Reads the children twice, the second time from the cache. */
    static void childrenCached(Connection connection) throws SQLException {
        assertThat(children(connection)).isEqualTo(CHILDREN_AS_CREATED);
        long before = hits(connection);
        assertThat(children(connection)).isEqualTo(CHILDREN_AS_CREATED);
        assertThat(hits(connection)).as("the children's read is cached").isEqualTo(before + 1);
    }

    static void run(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    static void assertChildrenReadIsAHit(Connection connection) throws SQLException {
        long before = hits(connection);
        assertThat(children(connection)).isEqualTo(CHILDREN_AS_CREATED);
        assertThat(hits(connection)).as("the children's read stayed cached").isEqualTo(before + 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"on delete cascade", "on delete set null", "on delete set default", "on update cascade",
        "on update set null", "on delete cascade on update cascade"})
    void insertingAParentLeavesTheChildrensCachedReadAHit(String action) throws SQLException {
        Connection connection = tablesReferencingWith(action);
        childrenCached(connection);

        run(connection, "insert into fk_parent values (4, 'four')");

        assertChildrenReadIsAHit(connection);
    }

    @ParameterizedTest
    @ValueSource(strings = {"on delete cascade", "on delete cascade on update cascade"})
    void deletingAParentWithOnDeleteCascadeReadsTheChildrenFresh(String action) throws SQLException {
        Connection connection = tablesReferencingWith(action);
        childrenCached(connection);

        run(connection, "delete from fk_parent where id = 1");

        assertThat(children(connection)).isEqualTo("2:2");
    }

    @Test
    void deletingAParentWithOnDeleteSetNullReadsTheChildrenFresh() throws SQLException {
        Connection connection = tablesReferencingWith("on delete set null");
        childrenCached(connection);

        run(connection, "delete from fk_parent where id = 1");

        assertThat(children(connection)).isEqualTo("1:null,2:2");
    }

    @Test
    void deletingAParentWithOnDeleteSetDefaultReadsTheChildrenFresh() throws SQLException {
        Connection connection = tablesReferencingWith("on delete set default");
        childrenCached(connection);

        run(connection, "delete from fk_parent where id = 1");

        assertThat(children(connection)).isEqualTo("1:3,2:2");
    }

    @Test
    void updatingAParentsKeyWithOnUpdateCascadeReadsTheChildrenFresh() throws SQLException {
        Connection connection = tablesReferencingWith("on update cascade");
        childrenCached(connection);

        run(connection, "update fk_parent set id = 11 where id = 1");

        assertThat(children(connection)).isEqualTo("1:11,2:2");
    }

    @Test
    void updatingAParentsKeyWithOnUpdateSetNullReadsTheChildrenFresh() throws SQLException {
        Connection connection = tablesReferencingWith("on update set null");
        childrenCached(connection);

        run(connection, "update fk_parent set id = 11 where id = 1");

        assertThat(children(connection)).isEqualTo("1:null,2:2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"on delete cascade", "on delete set null"})
    void updatingAParentLeavesTheChildrensCachedReadAHitWhenOnlyOnDeleteActs(String action) throws SQLException {
        Connection connection = tablesReferencingWith(action);
        childrenCached(connection);

        run(connection, "update fk_parent set name = 'uno' where id = 1");

        assertChildrenReadIsAHit(connection);
    }

    @Test
    void deletingAnUnreferencedParentLeavesTheChildrensCachedReadAHitWhenOnlyOnUpdateActs() throws SQLException {
        Connection connection = tablesReferencingWith("on update cascade");
        childrenCached(connection);

        run(connection, "delete from fk_parent where id = 3");

        assertChildrenReadIsAHit(connection);
    }

    @Test
    void deletingAParentInATransactionReadsTheChildrenFreshAfterCommit() throws SQLException {
        Connection connection = tablesReferencingWith("on delete cascade");
        childrenCached(connection);

        connection.setAutoCommit(false);
        run(connection, "insert into fk_parent values (4, 'four')");
        run(connection, "delete from fk_parent where id = 1");
        assertThat(children(connection)).isEqualTo("2:2");
        connection.commit();
        connection.setAutoCommit(true);

        assertThat(children(connection)).isEqualTo("2:2");
        assertThat(children(cached())).isEqualTo("2:2");
    }

    @Test
    void aBatchThatInsertsAndDeletesParentsReadsTheChildrenFresh() throws SQLException {
        Connection connection = tablesReferencingWith("on delete cascade");
        childrenCached(connection);

        try (Statement statement = connection.createStatement()) {
            statement.addBatch("insert into fk_parent values (4, 'four')");
            statement.addBatch("delete from fk_parent where id = 2");
            statement.executeBatch();
        }

        assertThat(children(connection)).isEqualTo("1:1");
    }
}
