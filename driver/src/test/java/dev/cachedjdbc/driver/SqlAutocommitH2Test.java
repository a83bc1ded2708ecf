package dev.cachedjdbc.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * H2 turns autocommit off and on through SQL (SET AUTOCOMMIT) as well as through JDBC. The driver must follow it
 * either way: writes made with autocommit off belong to a transaction whose results other connections must not
 * cache before it ends, and its commit or rollback, in SQL or JDBC or by turning autocommit back on, ends it.
 */
class SqlAutocommitH2Test {

    private static final String URL = TestDatabases.uniqueH2Url("sql_autocommit");
    private static final String READ = "select name from sa_item where id = 1";

    static {
        CachedJdbcDriver.register();
    }

    private final List<Connection> opened = new ArrayList<>();
    private Connection reader;
    private Connection writer;

    @BeforeEach
    void createTable() throws SQLException {
        try (Statement statement = open().createStatement()) {
            statement.execute("drop table if exists sa_item");
            statement.execute("create table sa_item (id int primary key, name varchar(20))");
            statement.execute("insert into sa_item values (1, 'old')");
        }
        reader = open();
        writer = open();
    }

    @AfterEach
    void close() throws SQLException {
        for (Connection connection : opened) {
            connection.close();
        }
    }

    private Connection open() throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:cached:" + URL.substring("jdbc:".length()));
        opened.add(connection);
        return connection;
    }

    private static String name(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(READ)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    private void sql(String text) throws SQLException {
        try (Statement statement = writer.createStatement()) {
            statement.execute(text);
        }
    }

    @Test
    void writesAfterSetAutocommitOffReachOtherConnectionsAtTheirCommit() throws SQLException {
        int round = 0;
        for (String off : List.of("SET AUTOCOMMIT FALSE", "SET AUTOCOMMIT OFF", "set autocommit 0")) {
            for (boolean sqlCommit : List.of(true, false)) {
                String value = "new" + round++;
                assertThat(name(reader)).isNotEqualTo(value);
                sql(off);
                sql("update sa_item set name = '" + value + "' where id = 1");
                assertThat(name(reader)).as("uncommitted").isNotEqualTo(value);
                if (sqlCommit) {
                    sql("COMMIT");
                } else {
                    writer.commit();
                }
                assertThat(name(reader)).as("%s, then %s", off, sqlCommit ? "COMMIT" : "commit()").isEqualTo(value);
                sql("SET AUTOCOMMIT TRUE");
            }
        }
    }

    @Test
    void aRollbackBySqlOrJdbcLeavesTheOldRowAndNoUncommittedOne() throws SQLException {
        for (boolean sqlRollback : List.of(true, false)) {
            assertThat(name(reader)).isEqualTo("old");
            sql("SET AUTOCOMMIT FALSE");
            sql("update sa_item set name = 'dirty' where id = 1");
            assertThat(name(writer)).as("the writer reads its own write").isEqualTo("dirty");
            assertThat(name(reader)).as("never the writer's uncommitted row").isEqualTo("old");
            if (sqlRollback) {
                sql("ROLLBACK");
            } else {
                writer.rollback();
            }
            assertThat(name(reader)).isEqualTo("old");
            assertThat(name(writer)).isEqualTo("old");
            sql("SET AUTOCOMMIT TRUE");
        }
    }

    @Test
    void turningAutocommitBackOnCommitsTheOpenTransaction() throws SQLException {
        assertThat(name(reader)).isEqualTo("old");
        sql("SET AUTOCOMMIT FALSE");
        sql("update sa_item set name = 'on again' where id = 1");
        assertThat(name(reader)).isEqualTo("old");
        sql("SET AUTOCOMMIT TRUE");
        assertThat(name(reader)).isEqualTo("on again");
        assertThat(writer.getAutoCommit()).isTrue();
    }

    @Test
    void writesAfterAnSqlCommitStillBelongToATransaction() throws SQLException {
        sql("SET AUTOCOMMIT FALSE");
        sql("update sa_item set name = 'first' where id = 1");
        sql("COMMIT");
        assertThat(name(reader)).isEqualTo("first");
        sql("update sa_item set name = 'second' where id = 1");
        assertThat(name(writer)).isEqualTo("second");
        assertThat(name(reader)).as("autocommit is still off: not yet committed").isEqualTo("first");
        writer.commit();
        assertThat(name(reader)).isEqualTo("second");
        writer.setAutoCommit(true);
    }

    @Test
    void setAutocommitInsideALongerTextIsFollowed() throws SQLException {
        assertThat(name(reader)).isEqualTo("old");
        sql("SET AUTOCOMMIT FALSE; update sa_item set name = 'in text' where id = 1");
        assertThat(name(writer)).isEqualTo("in text");
        assertThat(name(reader)).isEqualTo("old");
        sql("COMMIT");
        assertThat(name(reader)).isEqualTo("in text");
        sql("SET AUTOCOMMIT TRUE");
    }
}
