package dev.cachedjdbc.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cachedjdbc.testing.CountingDriver;
import dev.cachedjdbc.testing.TestDatabases;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.h2.jdbc.JdbcPreparedStatement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A prepared query the cache may answer, whose text the database's driver has prepared before, gets its driver
 * statement only when something needs it: a hit needs none. Counted through {@link CountingDriver}.
 */
class LazyPrepareOnH2Test {

    private static final String BY_ID = "select id, name from lazy_item where id = ?";
    private static final String BY_RANGE = "select id from lazy_item where id between ? and ? order by id";

    private final String plainUrl = TestDatabases.uniqueH2Url("lazy");
    private Connection plain;
    private Connection cached;

    @BeforeEach
    void createTable() throws SQLException {
        CountingDriver.register();
        CountingDriver.reset();
        plain = DriverManager.getConnection(plainUrl);
        try (Statement statement = plain.createStatement()) {
            statement.execute("create table lazy_item (id int primary key, name varchar(20))");
            statement.execute("insert into lazy_item select x, 'item ' || x from system_range(1, 10)");
        }
        cached = DriverManager.getConnection("jdbc:cached:counting:" + plainUrl.substring("jdbc:".length())
                + ";cache.jmx=false");
    }

    @AfterEach
    void close() throws SQLException {
        cached.close();
        plain.close();
        CountingDriver.reset();
    }

    @Test
    void aHitAfterTheFirstExecutionPreparesNothingOnTheDatabasesDriver() throws SQLException {
        assertThat(nameById(3)).isEqualTo("item 3");
        assertThat(CountingDriver.preparations(BY_ID)).isEqualTo(1);

        for (int i = 0; i < 5; i++) {
            assertThat(nameById(3)).isEqualTo("item 3");
        }

        assertThat(CountingDriver.preparations(BY_ID)).isEqualTo(1);
        assertThat(CountingDriver.executions(BY_ID)).isEqualTo(1);
        assertThat(nameById(4)).as("a miss on a statement prepared lazily").isEqualTo("item 4");
        assertThat(CountingDriver.preparations(BY_ID)).isEqualTo(2);
        assertThat(CountingDriver.executions(BY_ID)).isEqualTo(2);
    }

    @Test
    void aTextTheDatabaseRejectsFailsAtPrepareStatementAsWithoutTheCache() throws SQLException {
        String bad = "select no_such_column from lazy_item where id = ?";
        SQLException expected = catchThrowableOfType(SQLException.class, () -> plain.prepareStatement(bad));

        SQLException thrown = catchThrowableOfType(SQLException.class, () -> cached.prepareStatement(bad));

        assertThat((Throwable) thrown).isNotNull().isExactlyInstanceOf(expected.getClass());
        assertThat(thrown.getSQLState()).isEqualTo(expected.getSQLState());
        assertThat(thrown.getErrorCode()).isEqualTo(expected.getErrorCode());
        assertThat(thrown.getMessage()).isEqualTo(expected.getMessage());
        assertThatThrownBy(() -> cached.prepareStatement(bad)).isExactlyInstanceOf(expected.getClass());
    }

    @Test
    void aTextMadeInvalidByDdlThroughTheDriverFailsAtPrepareStatementAgain() throws SQLException {
        String byName = "select id from lazy_gone where name = ?";
        try (Statement statement = cached.createStatement()) {
            statement.execute("create table lazy_gone (id int, name varchar(20))");
        }
        try (PreparedStatement statement = cached.prepareStatement(byName)) {
            statement.setString(1, "x");
            statement.executeQuery().close();
        }
        try (Statement statement = cached.createStatement()) {
            statement.execute("drop table lazy_gone");
        }

        assertThatThrownBy(() -> cached.prepareStatement(byName)).isInstanceOf(SQLException.class)
                .hasMessageContaining("LAZY_GONE");
    }

    @Test
    void settingsAndParametersMadeBeforeAMissReachTheDriversStatement() throws SQLException {
        warm(BY_RANGE);
        try (PreparedStatement statement = cached.prepareStatement(BY_RANGE)) {
            statement.setMaxRows(2);
            statement.setFetchSize(1);
            statement.setPoolable(false);
            statement.setFetchDirection(ResultSet.FETCH_FORWARD);
            statement.setInt(1, 99);
            statement.setInt(2, 9);
            statement.setInt(1, 5);
            assertThat(CountingDriver.preparations(BY_RANGE)).as("nothing needed it yet").isEqualTo(1);
            assertThat(statement.getMaxRows()).isEqualTo(2);
            assertThat(statement.getFetchSize()).isEqualTo(1);

            assertThat(ids(statement.executeQuery())).containsExactly(5, 6);

            assertThat(CountingDriver.preparations(BY_RANGE)).isEqualTo(2);
            JdbcPreparedStatement driverStatement = statement.unwrap(JdbcPreparedStatement.class);
            assertThat(driverStatement.getMaxRows()).isEqualTo(2);
            assertThat(driverStatement.getFetchSize()).isEqualTo(1);
            assertThat(driverStatement.isPoolable()).isFalse();

            statement.setInt(2, 10);
            statement.setMaxRows(3);
            assertThat(ids(statement.executeQuery())).containsExactly(5, 6, 7);
            assertThat(driverStatement.getMaxRows()).isEqualTo(3);
        }
    }

    @Test
    void parametersClearedWhileLazyAreNotReplayed() throws SQLException {
        warm(BY_ID);
        try (PreparedStatement statement = cached.prepareStatement(BY_ID)) {
            statement.setInt(1, 7);
            statement.clearParameters();
            SQLException expected;
            try (PreparedStatement plainStatement = plain.prepareStatement(BY_ID)) {
                expected = catchThrowableOfType(SQLException.class, plainStatement::executeQuery);
            }

            SQLException thrown = catchThrowableOfType(SQLException.class, statement::executeQuery);

            assertThat((Throwable) thrown).isNotNull();
            assertThat(thrown.getSQLState()).isEqualTo(expected.getSQLState());
        }
    }

    @Test
    void aStreamSetterOnALazyStatementCreatesItAndWorksAsThePlainDriver() throws SQLException {
        String byName = "select id from lazy_item where name = ?";
        warm(byName);
        try (PreparedStatement statement = cached.prepareStatement(byName)) {
            statement.setCharacterStream(1, new StringReader("item 8"));
            assertThat(CountingDriver.preparations(byName)).isEqualTo(2);
            assertThat(ids(statement.executeQuery())).containsExactly(8);
        }
    }

    @Test
    void aCopyableValueWaitsForTheDriversStatementAndASubclassOfItReachesTheDriverAtOnceAsGiven()
            throws SQLException {
        String withValue = "select id from lazy_item where id = 1 and ? is not null";
        warm(withValue);
        try (PreparedStatement statement = cached.prepareStatement(withValue)) {
            statement.setTimestamp(1, new Timestamp(0));
            statement.setObject(1, new BigDecimal("1"));
            assertThat(CountingDriver.preparations(withValue)).as("kept, as a copy where mutable").isEqualTo(1);

            statement.setObject(1, new BigDecimal("1") {
            });
            assertThat(CountingDriver.preparations(withValue)).as("a subclass is not copied").isEqualTo(2);
            assertThat(ids(statement.executeQuery())).containsExactly(1);
        }
        try (PreparedStatement statement = cached.prepareStatement(withValue)) {
            statement.setTimestamp(1, new Timestamp(0) {
            });
            assertThat(CountingDriver.preparations(withValue)).isEqualTo(3);
            assertThat(ids(statement.executeQuery())).containsExactly(1);
        }
    }

    @Test
    void metadataOfALazyStatementIsThePlainDriversMetadata() throws SQLException {
        warm(BY_ID);
        try (PreparedStatement statement = cached.prepareStatement(BY_ID);
                PreparedStatement plainStatement = plain.prepareStatement(BY_ID)) {
            ResultSetMetaData metaData = statement.getMetaData();
            ResultSetMetaData expected = plainStatement.getMetaData();

            assertThat(metaData.getColumnCount()).isEqualTo(expected.getColumnCount());
            for (int column = 1; column <= expected.getColumnCount(); column++) {
                assertThat(metaData.getColumnLabel(column)).isEqualTo(expected.getColumnLabel(column));
                assertThat(metaData.getColumnType(column)).isEqualTo(expected.getColumnType(column));
            }
            assertThat(statement.getParameterMetaData().getParameterCount())
                    .isEqualTo(plainStatement.getParameterMetaData().getParameterCount());
        }
    }

    @Test
    void closingAStatementThatNeverNeededItsDriverStatementCreatesNone() throws SQLException {
        warm(BY_ID);
        PreparedStatement statement = cached.prepareStatement(BY_ID);
        statement.setInt(1, 2);
        statement.cancel();

        statement.close();

        assertThat(statement.isClosed()).isTrue();
        assertThat(CountingDriver.preparations(BY_ID)).isEqualTo(1);
        SQLException expected = closedStatementError(plain, BY_ID);
        SQLException thrown = catchThrowableOfType(SQLException.class, statement::executeQuery);
        assertThat((Throwable) thrown).isNotNull();
        assertThat(thrown.getSQLState()).isEqualTo(expected.getSQLState());
        assertThat(thrown.getErrorCode()).isEqualTo(expected.getErrorCode());
    }

    @Test
    void closingTheConnectionClosesLazyStatementsWhetherOrNotTheyWereCreated() throws SQLException {
        warm(BY_ID);
        PreparedStatement neverNeeded = cached.prepareStatement(BY_ID);
        neverNeeded.setInt(1, 2);
        PreparedStatement missed = cached.prepareStatement(BY_ID);
        missed.setInt(1, 9);
        assertThat(ids(missed.executeQuery())).containsExactly(9);
        JdbcPreparedStatement driverStatement = missed.unwrap(JdbcPreparedStatement.class);

        Connection otherPlain = DriverManager.getConnection(plainUrl);
        PreparedStatement plainStatement = otherPlain.prepareStatement(BY_ID);

        cached.close();
        otherPlain.close();

        assertThat(neverNeeded.isClosed()).isEqualTo(plainStatement.isClosed());
        assertThat(missed.isClosed()).isEqualTo(plainStatement.isClosed());
        assertThat(driverStatement.isClosed()).isEqualTo(plainStatement.isClosed());
        assertThatThrownBy(plainStatement::executeQuery).isInstanceOf(SQLException.class);
        assertThatThrownBy(neverNeeded::executeQuery).isInstanceOf(SQLException.class);
        assertThatThrownBy(missed::executeQuery).as("not answered from the cache either")
                .isInstanceOf(SQLException.class);
    }

    @Test
    void aLazyStatementAnswersItsConnectionAndTypeWithoutItsDriverStatement() throws SQLException {
        warm(BY_ID);
        try (PreparedStatement statement = cached.prepareStatement(BY_ID, ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY)) {
            assertThat(statement.getConnection()).isSameAs(cached);
            assertThat(statement.getResultSetType()).isEqualTo(ResultSet.TYPE_FORWARD_ONLY);
            assertThat(statement.getResultSetConcurrency()).isEqualTo(ResultSet.CONCUR_READ_ONLY);
            statement.setString(1, "1");
            assertThat(ids(statement.executeQuery())).containsExactly(1);
            assertThat(CountingDriver.preparations(BY_ID)).isEqualTo(1);
        }
    }

    /** Prepares and runs the text once through the caching driver, so that it is known to prepare without error. */
    private void warm(String sql) throws SQLException {
        try (PreparedStatement statement = cached.prepareStatement(sql)) {
            for (int i = 1; i <= statement.getParameterMetaData().getParameterCount(); i++) {
                statement.setString(i, "1");
            }
            statement.executeQuery().close();
        }
        assertThat(CountingDriver.preparations(sql)).isEqualTo(1);
    }

    private String nameById(int id) throws SQLException {
        try (PreparedStatement statement = cached.prepareStatement(BY_ID)) {
            statement.setInt(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString("name") : null;
            }
        }
    }

    private static List<Integer> ids(ResultSet rows) throws SQLException {
        try (rows) {
            List<Integer> ids = new ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getInt(1));
            }
            return ids;
        }
    }

    private static SQLException closedStatementError(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.close();
        return catchThrowableOfType(SQLException.class, statement::executeQuery);
    }
}
