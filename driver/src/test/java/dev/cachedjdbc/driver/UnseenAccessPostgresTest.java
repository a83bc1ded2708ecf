package dev.cachedjdbc.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.testing.CountingDriver;
import dev.cachedjdbc.testing.TestDatabases;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGStatement;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;
import org.postgresql.jdbc.PgConnection;
import org.postgresql.jdbc.PgDatabaseMetaData;
import org.postgresql.jdbc.PgResultSet;
import org.postgresql.jdbc.PgStatement;

/**
 * pgjdbc's own objects handed out by unwrap; and PGConnection, whose COPY runs through the driver's write path, and
 * PGStatement, neither of which leads around the cache.
 */
class UnseenAccessPostgresTest extends UnseenAccessContractTest {

    private static final String COUNT = "select count(*) from ua_item";

    @Override
    String plainUrl() {
        return postgresUrl();
    }

    @Override
    Properties credentials() {
        return TestDatabases.postgresCredentials();
    }

    @AfterEach
    void dropTable() throws SQLException {
        closeConnections();
        run("drop table if exists ua_item");
    }

    @Override
    Class<? extends Connection> driverConnectionClass() {
        return PgConnection.class;
    }

    @Override
    Class<? extends Statement> driverStatementClass() {
        return PgStatement.class;
    }

    @Override
    Class<? extends ResultSet> driverResultSetClass() {
        return PgResultSet.class;
    }

    @Override
    Class<? extends DatabaseMetaData> driverMetaDataClass() {
        return PgDatabaseMetaData.class;
    }

    private static Connection counted(Connection reader) throws SQLException {
        assertThat(first(reader, COUNT)).isEqualTo("2");
        return reader;
    }

    private static CopyManager copies(Connection connection) throws SQLException {
        return connection.unwrap(PGConnection.class).getCopyAPI();
    }

    @Test
    void copyInThroughTheUnwrappedConnectionInvalidatesTheTable() throws Exception {
        Connection reader = counted(cached());
        long copied = copies(cached()).copyIn("copy ua_item from stdin", new StringReader("3\tplum\n4\tfig\n"));
        assertThat(copied).isEqualTo(2);
        assertThat(first(reader, COUNT)).isEqualTo("4");
    }

    @Test
    void aCopyFedPieceByPieceHoldsItsWriteOpenUntilItEnds() throws Exception {
        Connection reader = counted(cached());
        CopyIn copy = copies(cached()).copyIn("copy ua_item from stdin");
        byte[] row = "3\tplum\n".getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(row, 0, row.length);
        assertThat(first(reader, COUNT)).as("not yet committed").isEqualTo("2");
        assertThat(first(reader, COUNT)).as("and not cached meanwhile").isEqualTo("2");
        assertThat(copy.endCopy()).isEqualTo(1);
        assertThat(first(reader, COUNT)).isEqualTo("3");
    }

    @Test
    void aCopyInATransactionIsReadBackThereAndGoneAfterRollback() throws Exception {
        Connection reader = counted(cached());
        Connection writer = counted(cached());
        writer.setAutoCommit(false);
        copies(writer).copyIn("copy ua_item from stdin", new StringReader("3\tplum\n"));
        assertThat(first(writer, COUNT)).isEqualTo("3");
        writer.rollback();
        assertThat(first(writer, COUNT)).isEqualTo("2");
        assertThat(first(reader, COUNT)).isEqualTo("2");
        copies(writer).copyIn("copy ua_item from stdin", new StringReader("4\tfig\n"));
        writer.commit();
        assertThat(first(reader, COUNT)).isEqualTo("3");
    }

    @Test
    void copyOutReadsWithoutInvalidating() throws Exception {
        Connection reader = counted(cached());
        StringWriter out = new StringWriter();
        copies(cached()).copyOut("copy (select id from ua_item order by id) to stdout", out);
        assertThat(out.toString()).isEqualTo("1\n2\n");
        CountingDriver.reset();
        assertThat(first(reader, COUNT)).isEqualTo("2");
        assertThat(CountingDriver.executions(COUNT)).as("still a hit").isZero();
    }

    @Test
    void theUnwrappedPgConnectionIsAStandInThatAnswersAsTheDriversConnection() throws SQLException {
        Connection connection = cached();
        assertThat(connection.isWrapperFor(PGConnection.class)).isTrue();
        PGConnection pg = connection.unwrap(PGConnection.class);
        assertThat(pg).isNotInstanceOf(PgConnection.class).isInstanceOf(BaseConnection.class);
        assertThat(pg.getBackendPID()).isEqualTo(connection.unwrap(PgConnection.class).getBackendPID());
        assertThat(pg.escapeIdentifier("a b")).isEqualTo("\"a b\"");
    }

    /** Code that casts what it unwrapped back to a JDBC connection gets the caching connection's statements. */
    @Test
    void theStandInCastToAConnectionRunsItsStatementsThroughTheCache() throws SQLException {
        Connection reader = warmed(cached());
        Connection writer = (Connection) cached().unwrap(PGConnection.class);
        try (Statement statement = writer.createStatement()) {
            statement.executeUpdate("update ua_item set name = 'apricot' where id = 1");
        }
        assertThat(first(reader, NAME_OF_1)).isEqualTo("apricot");
        first(writer, NAME_OF_1);
        CountingDriver.reset();
        assertThat(first(writer, NAME_OF_1)).isEqualTo("apricot");
        assertThat(CountingDriver.executions(NAME_OF_1)).as("a hit through the stand-in").isZero();
    }

    /** pgjdbc's CopyManager made by hand from the stand-in reaches pgjdbc's wire: the connection then fails safe. */
    @Test
    void aCopyManagerMadeFromTheCastStandInFailsSafe() throws Exception {
        Connection reader = counted(cached());
        Connection writer = cached();
        CopyManager manual = new CopyManager((BaseConnection) writer.unwrap(PGConnection.class));
        assertThat(manual.copyIn("copy ua_item from stdin", new StringReader("3\tplum\n"))).isEqualTo(1);
        first(writer, COUNT);
        assertThat(first(reader, COUNT)).isEqualTo("3");
    }

    /**
     * With a prepare threshold of -1 pgjdbc reads values in binary from the first execution and renders some of
     * them otherwise (timetz, arrays, point): the connection it was set on stops using the cache; others do not.
     */
    @Test
    void aRenderingSettingChangedThroughTheStandInTakesThatConnectionOffTheCache() throws SQLException {
        run("create table if not exists ua_typed (id int primary key, t timetz, a int[], p point)");
        try {
            run("delete from ua_typed");
            run("insert into ua_typed values (1, '12:00:00+02', '{1,2}', '(1,2)')");
            String typed = "select t, a, p from ua_typed where id = 1";
            String binary;
            try (Connection plain = direct()) {
                plain.unwrap(PGConnection.class).setPrepareThreshold(-1);
                binary = rendered(plain, typed);
            }
            Connection other = cached();
            String text = rendered(other, typed);
            assertThat(text).as("the test needs the two forms to differ").isNotEqualTo(binary);
            Connection changed = cached();
            changed.unwrap(PGConnection.class).setPrepareThreshold(-1);
            assertThat(rendered(changed, typed)).isEqualTo(binary);
            assertThat(rendered(changed, typed)).isEqualTo(binary);
            assertThat(changed.unwrap(CacheControl.class).explain(typed)).contains("setPrepareThreshold");
            CountingDriver.reset();
            assertThat(rendered(other, typed)).isEqualTo(text);
            assertThat(CountingDriver.executions(typed)).as("other connections still hit").isZero();
        } finally {
            closeConnections();
            run("drop table if exists ua_typed");
        }
    }

    private static String rendered(Connection connection, String sql) throws SQLException {
        try (java.sql.PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3);
        }
    }

    @Test
    void theUnwrappedPgStatementCannotRunStatementsAndInvalidatesNothing() throws SQLException {
        Connection reader = warmed(cached());
        try (Statement statement = cached().createStatement()) {
            PGStatement pg = statement.unwrap(PGStatement.class);
            assertThat(pg).isNotInstanceOf(Statement.class);
            pg.setPrepareThreshold(3);
            assertThat(pg.getPrepareThreshold()).isEqualTo(3);
        }
        CountingDriver.reset();
        assertThat(first(reader, NAME_OF_1)).isEqualTo("apple");
        assertThat(CountingDriver.executions(NAME_OF_1)).as("still a hit").isZero();
    }

    @Test
    void theFastpathApiCountsAsUnseenAccess() throws SQLException {
        Connection reader = warmed(cached());
        Connection writer = cached();
        writer.unwrap(PGConnection.class).getFastpathAPI();
        try (Statement statement = direct().createStatement()) {
            statement.executeUpdate("update ua_item set name = 'apricot' where id = 1"); // as a function called by oid might
        }
        first(writer, "select 1");
        assertThat(first(reader, NAME_OF_1)).isEqualTo("apricot");
    }

    @Test
    void theLargeObjectApiInvalidatesNothingSinceNoCachedResultReadsLargeObjects() throws SQLException {
        Connection reader = warmed(cached());
        Connection writer = cached();
        writer.setAutoCommit(false);
        assertThat(writer.unwrap(PGConnection.class).getLargeObjectAPI()).isNotNull();
        writer.commit();
        CountingDriver.reset();
        assertThat(first(reader, NAME_OF_1)).isEqualTo("apple");
        assertThat(CountingDriver.executions(NAME_OF_1)).as("still a hit").isZero();
    }

    @Test
    void resultSetsReadAsValuesLeadBackToTheDriversOwnStatementWrapper() throws SQLException {
        run("create or replace function ua_cursor() returns refcursor language plpgsql as"
                + " $$ declare c refcursor := 'ua_c'; begin open c for select id from ua_item; return c; end $$");
        try {
            Connection connection = cached();
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                try (ResultSet rows = statement.executeQuery("select array[1, 2], random()")) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getArray(1).getResultSet().getStatement()).isSameAs(statement);
                }
                try (ResultSet rows = statement.executeQuery("select ua_cursor()")) {
                    assertThat(rows.next()).isTrue();
                    ResultSet cursor = (ResultSet) rows.getObject(1);
                    assertThat(cursor.getStatement()).isSameAs(statement);
                    assertThat(cursor.next()).isTrue();
                }
            }
            connection.rollback();
        } finally {
            closeConnections();
            run("drop function ua_cursor()");
        }
    }
}
