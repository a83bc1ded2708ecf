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
 * the foreign key's actions: an insert fires none, a delete only ON DELETE actions, an update only ON UPDATE ones and
 * only when it assigns a referenced column. Reads that are left alone stay hits, and the database agrees with them;
 * reads after a write that fires an action see the rows it changed. Subclasses name the database.
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

    /** The type and definition of an integer column computed as {@code id * 10}, stored, in this database's words. */
    abstract String generatedFromId();

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
        return tables("", "(id, name) values (1, 'one'), (2, 'two'), (3, 'three')", "id", action, "(1, 1), (2, 2)");
    }

    /**
     * Parents of id, name and these further columns (each definition with a leading comma) holding these rows;
     * children of id and parent_id, which references this column of the parents with this action, holding these.
     */
    Connection tables(String moreParentColumns, String parentRows, String referencedColumn, String action,
            String childRows) throws SQLException {
        Connection connection = cached();
        try (Statement statement = connection.createStatement()) {
            statement.execute("drop table if exists fk_child");
            statement.execute("drop table if exists fk_parent");
            statement.execute("create table fk_parent (id int primary key, name varchar(20)" + moreParentColumns + ")");
            statement.execute("create table fk_child (id int primary key, parent_id int default 3 references fk_parent("
                    + referencedColumn + ") " + action + ")");
            statement.execute("insert into fk_parent " + parentRows);
            statement.execute("insert into fk_child values " + childRows);
        }
        return connection;
    }

    /** The children as the database holds them, read without the cache. */
    String childrenInTheDatabase() throws SQLException {
        try (Connection plain = DriverManager.getConnection(plainUrl(), credentials())) {
            return children(plain);
        }
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

    /** The children's read is a hit, and what it gives is what the database holds. */
    void assertChildrenReadIsAHitTheDatabaseAgreesWith(Connection connection) throws SQLException {
        assertChildrenReadIsAHit(connection);
        assertThat(childrenInTheDatabase()).as("the database's children").isEqualTo(CHILDREN_AS_CREATED);
    }

    /** The children's read after a write is not a hit, and gives these rows. */
    static void assertChildrenReadAgain(Connection connection, String rows) throws SQLException {
        long before = hits(connection);
        assertThat(children(connection)).isEqualTo(rows);
        assertThat(hits(connection)).as("the children's read went to the database").isEqualTo(before);
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

    @ParameterizedTest
    @ValueSource(strings = {"on update cascade", "on update set null", "on update set default",
        "on delete cascade on update cascade"})
    void updatingOtherColumnsOfAParentLeavesTheChildrensCachedReadAHit(String action) throws SQLException {
        Connection connection = tablesReferencingWith(action);
        childrenCached(connection);

        run(connection, "update fk_parent set name = 'uno' where id = 1");

        assertChildrenReadIsAHitTheDatabaseAgreesWith(connection);
    }

    @Test
    void updatingAParentsKeyWithOnUpdateSetDefaultReadsTheChildrenFresh() throws SQLException {
        Connection connection = tablesReferencingWith("on update set default");
        childrenCached(connection);

        run(connection, "update fk_parent set id = 11 where id = 1");

        assertChildrenReadAgain(connection, "1:3,2:2");
    }

    @Test
    void assigningAParentsKeyItsOwnValueReadsTheChildrenAgain() throws SQLException {
        Connection connection = tablesReferencingWith("on update cascade");
        childrenCached(connection);

        // The key keeps its value and the database changes no child, but a statement that assigns the referenced
        // column counts as one that may change it.
        run(connection, "update fk_parent set id = id, name = 'uno' where id = 1");

        assertChildrenReadAgain(connection, CHILDREN_AS_CREATED);
    }

    @Test
    void aBatchThatAlsoUpdatesAParentsKeyReadsTheChildrenFresh() throws SQLException {
        Connection connection = tablesReferencingWith("on update cascade");
        childrenCached(connection);

        try (Statement statement = connection.createStatement()) {
            statement.addBatch("update fk_parent set name = 'uno' where id = 1");
            statement.addBatch("update fk_parent set id = 12 where id = 2");
            statement.executeBatch();
        }

        assertChildrenReadAgain(connection, "1:1,2:12");
    }

    @Test
    void updatingAParentsKeyInATransactionAfterOtherColumnsReadsTheChildrenFresh() throws SQLException {
        Connection connection = tablesReferencingWith("on update cascade");
        childrenCached(connection);

        connection.setAutoCommit(false);
        run(connection, "update fk_parent set name = 'uno' where id = 1");
        run(connection, "update fk_parent set id = 11 where id = 1");
        connection.commit();
        connection.setAutoCommit(true);

        assertChildrenReadAgain(connection, "1:11,2:2");
    }

    @Test
    void aMergeThatUpdatesOtherColumnsLeavesTheChildrensCachedReadAHit() throws SQLException {
        Connection connection = tablesReferencingWith("on update cascade");
        childrenCached(connection);

        run(connection, "merge into fk_parent p using (select 1 as id, 'uno' as name) s on p.id = s.id"
                + " when matched then update set name = s.name"
                + " when not matched then insert (id, name) values (s.id, s.name)");

        assertChildrenReadIsAHitTheDatabaseAgreesWith(connection);
    }

    @Test
    void aMergeThatUpdatesAParentsKeyReadsTheChildrenFresh() throws SQLException {
        Connection connection = tablesReferencingWith("on update cascade");
        childrenCached(connection);

        run(connection, "merge into fk_parent p using (select 1 as id) s on p.id = s.id"
                + " when matched then update set id = 11");

        assertChildrenReadAgain(connection, "1:11,2:2");
    }

    @Test
    void updatingTheColumnAReferencedGeneratedColumnIsComputedFromReadsTheChildrenFresh() throws SQLException {
        // The children reference code = id * 10: assigning id changes code without naming it.
        Connection connection = tables(", code " + generatedFromId() + " unique",
                "(id, name) values (1, 'one'), (2, 'two')", "code", "on update set null", "(1, 10), (2, 20)");
        assertThat(children(connection)).isEqualTo("1:10,2:20");

        run(connection, "update fk_parent set id = 11 where id = 1");

        assertChildrenReadAgain(connection, "1:null,2:20");
    }
}
