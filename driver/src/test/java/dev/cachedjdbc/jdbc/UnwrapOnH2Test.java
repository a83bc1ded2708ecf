package dev.cachedjdbc.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachedjdbc.testing.TestDatabases;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Wrapper;
import javax.sql.DataSource;
import org.h2.jdbc.JdbcCallableStatement;
import org.h2.jdbc.JdbcConnection;
import org.h2.jdbc.JdbcDatabaseMetaData;
import org.h2.jdbc.JdbcPreparedStatement;
import org.h2.jdbc.JdbcResultSet;
import org.h2.jdbc.JdbcStatement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * unwrap and isWrapperFor reach the driver's own classes through the wrappers, answer with the wrapper itself for
 * what the wrapper implements, and refuse unrelated interfaces with the driver's own exception.
 */
class UnwrapOnH2Test {

    private Connection h2;
    private DelegatingConnection connection;

    @BeforeEach
    void openConnection() throws SQLException {
        h2 = DriverManager.getConnection(TestDatabases.uniqueH2Url("wr"));
        connection = new DelegatingConnection(h2);
    }

    @AfterEach
    void closeConnection() throws SQLException {
        h2.close();
    }

    @Test
    void unwrapReachesTheDriversConnection() throws SQLException {
        assertThat(connection.isWrapperFor(JdbcConnection.class)).isTrue();
        assertThat(connection.unwrap(JdbcConnection.class)).isSameAs(h2);
        assertThat(connection.delegate()).isSameAs(h2);
    }

    @Test
    void unwrapToAnythingTheWrapperImplementsReturnsTheWrapperItself() throws SQLException {
        for (Class<?> implemented : new Class<?>[] {Connection.class, Wrapper.class, AutoCloseable.class,
                DelegatingConnection.class, AbstractWrapper.class}) {
            assertThat(connection.isWrapperFor(implemented)).as(implemented.getSimpleName()).isTrue();
            assertThat(connection.unwrap(implemented)).as(implemented.getSimpleName()).isSameAs(connection);
        }
    }

    @Test
    void unwrapReachesTheDriversStatementsResultSetsAndMetaData() throws SQLException {
        try (Statement statement = connection.createStatement();
                PreparedStatement prepared = connection.prepareStatement("SELECT 1");
                CallableStatement callable = connection.prepareCall("SELECT 1");
                ResultSet resultSet = statement.executeQuery("SELECT 1")) {
            DatabaseMetaData metaData = connection.getMetaData();

            assertThat(statement.unwrap(JdbcStatement.class)).isSameAs(((DelegatingStatement) statement).delegate());
            assertThat(prepared.unwrap(JdbcPreparedStatement.class))
                    .isSameAs(((DelegatingPreparedStatement) prepared).delegate());
            assertThat(callable.unwrap(JdbcCallableStatement.class))
                    .isSameAs(((DelegatingCallableStatement) callable).delegate());
            assertThat(resultSet.unwrap(JdbcResultSet.class))
                    .isSameAs(((DelegatingResultSet) resultSet).delegate());
            assertThat(metaData.unwrap(JdbcDatabaseMetaData.class))
                    .isSameAs(((DelegatingDatabaseMetaData) metaData).delegate());
            assertThat(statement.unwrap(Statement.class)).isSameAs(statement);
            assertThat(resultSet.unwrap(ResultSet.class)).isSameAs(resultSet);
            assertThat(metaData.unwrap(DatabaseMetaData.class)).isSameAs(metaData);
            assertThat(((DelegatingStatement) statement).delegate()).isInstanceOf(JdbcStatement.class);
        }
    }

    @Test
    void anUnrelatedInterfaceIsRefusedWithTheDriversSqlException() throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet resultSet = statement.executeQuery("SELECT 1")) {
            for (Wrapper wrapper : new Wrapper[] {connection, statement, resultSet, connection.getMetaData()}) {
                assertThat(wrapper.isWrapperFor(DataSource.class)).as(wrapper.toString()).isFalse();
                assertThatThrownBy(() -> wrapper.unwrap(DataSource.class)).as(wrapper.toString())
                        .isInstanceOf(SQLException.class);
            }
        }
    }

    @Test
    void aNullInterfaceGetsTheDriversOwnAnswer() throws SQLException {
        assertThat(connection.isWrapperFor(null)).isEqualTo(h2.isWrapperFor(null));
        assertThatThrownBy(() -> h2.unwrap(null)).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> connection.unwrap(null)).isInstanceOf(SQLException.class);
    }

    @Test
    void unwrapLooksThroughNestedWrappersToEachLayer() throws SQLException {
        MarkedConnection inner = new MarkedConnection(h2);
        DelegatingConnection outer = new DelegatingConnection(inner);

        assertThat(outer.unwrap(JdbcConnection.class)).isSameAs(h2);
        assertThat(outer.unwrap(MarkedConnection.class)).isSameAs(inner);
        assertThat(outer.unwrap(DelegatingConnection.class)).isSameAs(outer);
        assertThat(outer.isWrapperFor(JdbcConnection.class)).isTrue();
        assertThat(outer.isWrapperFor(MarkedConnection.class)).isTrue();
        assertThat(outer.isWrapperFor(DataSource.class)).isFalse();
    }

    @Test
    void toStringNamesTheWrapperAndTheDriversObject() {
        assertThat(connection.toString()).startsWith("DelegatingConnection[").contains(h2.toString());
    }

    /** A wrapper class of its own, to tell an inner wrapper layer from the outer one. */
    private static final class MarkedConnection extends DelegatingConnection {
        MarkedConnection(Connection delegate) {
            super(delegate);
        }
    }
}
