package dev.cachedjdbc.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.jdbc.JdbcSQLIntegrityConstraintViolationException;
import org.h2.jdbc.JdbcSQLSyntaxErrorException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A database error reaches the application through the wrappers exactly as the driver raised it: the driver's
 * exception class, SQL state, vendor code and message, not re-wrapped. (That it is the very same instance is
 * pinned down for every method against a fake driver.)
 */
class DelegateErrorsOnH2Test {

    private String url;
    private Connection h2;
    private DelegatingConnection connection;

    @BeforeEach
    void openConnectionWithTable() throws SQLException {
        url = TestDatabases.uniqueH2Url("wr");
        h2 = DriverManager.getConnection(url);
        connection = new DelegatingConnection(h2);
        try (Statement statement = h2.createStatement()) {
            statement.execute("CREATE TABLE wr_errors(id INT PRIMARY KEY)");
            statement.execute("INSERT INTO wr_errors VALUES (1)");
        }
    }

    @AfterEach
    void dropTableAndClose() throws SQLException {
        try (Statement statement = h2.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS wr_errors");
        }
        h2.close();
    }

    @Test
    void aSyntaxErrorFromExecuteQueryArrivesAsTheDriverRaisedIt() throws SQLException {
        String broken = "SELEC id FROM wr_errors";
        SQLException direct = directFailure(statement -> statement.executeQuery(broken));

        Throwable wrapped;
        try (Statement statement = connection.createStatement()) {
            wrapped = catchThrowable(() -> statement.executeQuery(broken));
        }

        assertThat(wrapped).isInstanceOf(JdbcSQLSyntaxErrorException.class);
        assertSameError(wrapped, direct);
    }

    @Test
    void aFailedPrepareArrivesAsTheDriverRaisedIt() {
        String broken = "SELECT missing_column FROM wr_errors";
        Throwable direct = catchThrowable(() -> h2.prepareStatement(broken));

        Throwable wrapped = catchThrowable(() -> connection.prepareStatement(broken));

        assertThat(wrapped).isInstanceOf(JdbcSQLSyntaxErrorException.class);
        assertSameError(wrapped, direct);
    }

    @Test
    void aConstraintViolationFromAnUpdateArrivesAsTheDriverRaisedIt() throws SQLException {
        String duplicate = "INSERT INTO wr_errors VALUES (1)";
        SQLException direct = directFailure(statement -> statement.executeUpdate(duplicate));

        Throwable wrapped;
        try (PreparedStatement prepared = connection.prepareStatement(duplicate)) {
            wrapped = catchThrowable(prepared::executeUpdate);
        }

        assertThat(wrapped).isInstanceOf(JdbcSQLIntegrityConstraintViolationException.class);
        assertSameError(wrapped, direct);
    }

    @Test
    void anUnknownColumnLabelOnAResultSetArrivesAsTheDriverRaisedIt() throws SQLException {
        SQLException direct = directFailure(statement -> {
            try (ResultSet resultSet = statement.executeQuery("SELECT id FROM wr_errors")) {
                resultSet.next();
                resultSet.getInt("no_such_column");
            }
        });

        Throwable wrapped;
        try (Statement statement = connection.createStatement();
                ResultSet resultSet = statement.executeQuery("SELECT id FROM wr_errors")) {
            resultSet.next();
            wrapped = catchThrowable(() -> resultSet.getInt("no_such_column"));
        }

        assertSameError(wrapped, direct);
    }

    private interface StatementAction {
        void run(Statement statement) throws SQLException;
    }

    /** What the driver itself throws for the same action on a connection without wrappers. */
    private SQLException directFailure(StatementAction action) throws SQLException {
        try (Connection direct = DriverManager.getConnection(url);
                Statement statement = direct.createStatement()) {
            action.run(statement);
        } catch (SQLException e) {
            return e;
        }
        throw new AssertionError("the driver itself did not fail");
    }

    private static void assertSameError(Throwable wrapped, Throwable direct) {
        assertThat(direct).isInstanceOf(SQLException.class);
        assertThat(wrapped).isExactlyInstanceOf(direct.getClass());
        SQLException wrappedSql = (SQLException) wrapped;
        SQLException directSql = (SQLException) direct;
        assertThat(wrappedSql.getSQLState()).isEqualTo(directSql.getSQLState());
        assertThat(wrappedSql.getErrorCode()).isEqualTo(directSql.getErrorCode());
        assertThat(wrappedSql.getMessage()).isEqualTo(directSql.getMessage());
        assertThat(wrappedSql.getStackTrace()[0].getClassName()).startsWith("org.h2.");
    }
}
