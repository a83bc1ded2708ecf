package dev.cachedjdbc.result;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.testing.TestDatabases;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * A capture does not ask pgjdbc or H2 for the text of a cell whose value is a String, an integer or a decimal in plain
 * notation, since their text is that value's own rendering; these pin that the texts a hit then derives are the
 * driver's, in every transfer form, and that a driver not known to follow that rule still has its own text kept.
 */
class CapturedTextTest {

    private static final String POSTGRES_VALUES = "SELECT CAST(-32768 AS int2), CAST(2147483647 AS int4),"
            + " CAST(-9223372036854775808 AS int8), CAST(0 AS int4), CAST(4294967295 AS oid), CAST('ab' AS char(5)),"
            + " CAST('héllo wörld' AS varchar(20)), CAST('' AS text), CAST(' padded ' AS text),"
            + " CAST(0.0000001 AS numeric), CAST(12.50 AS numeric(10,2)), true, CAST(1.5 AS float8),"
            + " CAST(0.000001 AS numeric), CAST(0.00000000 AS numeric), CAST(0.000 AS numeric), CAST(-0.5 AS numeric),"
            + " CAST(-12345678901234567890.123456 AS numeric), CAST(1E+3 AS numeric), CAST(100 AS numeric(10,0)),"
            + " CAST('NaN' AS numeric), CAST(0.00000100 AS numeric)";

    @Test
    void postgresDerivedTextsAreTheDriversInTextTransfer() throws SQLException {
        Properties properties = TestDatabases.postgresCredentials();
        properties.setProperty("preferQueryMode", "simple");
        assertTextsMatch(postgresConnection(properties), 1);
    }

    @Test
    void postgresDerivedTextsAreTheDriversInBinaryTransfer() throws SQLException {
        Properties properties = TestDatabases.postgresCredentials();
        // A negative threshold makes pgjdbc prepare on the server at once and read integers in binary.
        properties.setProperty("prepareThreshold", "-1");
        assertTextsMatch(postgresConnection(properties), 3);
    }

    @Test
    void postgresTextsWithinAMaximumFieldSizeAreTheDrivers() throws SQLException {
        try (Connection connection = TestDatabases.postgres();
             PreparedStatement direct = connection.prepareStatement(POSTGRES_VALUES);
             PreparedStatement captured = connection.prepareStatement(POSTGRES_VALUES)) {
            direct.setMaxFieldSize(3);
            captured.setMaxFieldSize(3);
            assertSameTexts(direct, captured);
        }
    }

    @Test
    void h2DerivedTextsAreTheDrivers() throws SQLException {
        String sql = "SELECT CAST(-128 AS TINYINT), CAST(-32768 AS SMALLINT), CAST(2147483647 AS INT),"
                + " CAST(-9223372036854775808 AS BIGINT), CAST('ab' AS CHAR(5)), CAST('héllo' AS VARCHAR(20)),"
                + " CAST('' AS VARCHAR), CAST(0.0000001 AS NUMERIC(20,7)), TRUE, CAST(1.5 AS DOUBLE PRECISION),"
                + " CAST(0.000001 AS NUMERIC(20,6)), CAST(0 AS NUMERIC(20,8)), CAST(0.000 AS NUMERIC(10,3)),"
                + " CAST(-0.5 AS NUMERIC(5,1)), CAST(-12345678901234567890.123456 AS NUMERIC(30,6)),"
                + " CAST(1E+3 AS NUMERIC(10,0)), CAST(1E+3 AS DECFLOAT), CAST(0.00000100 AS NUMERIC(20,8))";
        try (Connection connection = DriverManager.getConnection(TestDatabases.uniqueH2Url("texts"));
             PreparedStatement direct = connection.prepareStatement(sql);
             PreparedStatement captured = connection.prepareStatement(sql)) {
            assertSameTexts(direct, captured);
        }
    }

    @Test
    void anUnknownDriversOwnTextOfAnIntegerIsKept() throws SQLException {
        try (Connection connection = DriverManager.getConnection(TestDatabases.uniqueH2Url("texts"));
             Statement statement = connection.createStatement()) {
            ResultSet unknown = withZeroPaddedIntegers(statement.executeQuery("SELECT 42, 'x'"));
            CaptureOutcome outcome = ResultCapture.capture(unknown, statement, 10, 1 << 20);
            assertThat(outcome.isCached()).isTrue();
            try (ResultSet cached = new CachedResultSet(outcome.result(), statement, ResultSet.TYPE_FORWARD_ONLY)) {
                assertThat(cached.next()).isTrue();
                assertThat(cached.getObject(1)).isEqualTo(42);
                assertThat(cached.getString(1)).isEqualTo("No. 42");
                // The driver converts the typed value, not its text, so an int with a text of its own reads as the int.
                assertThat(cached.getInt(1)).isEqualTo(42);
                assertThat(cached.getLong(1)).isEqualTo(42L);
                assertThat(cached.getByte(1)).isEqualTo((byte) 42);
                assertThat(cached.getString(2)).isEqualTo("x");
            }
        }
    }

    @Test
    void onlyKnownDriversRenderStringsIntegersAndPlainDecimalsAsThemselves() {
        for (SourceConventions known : new SourceConventions[] {SourceConventions.POSTGRESQL, SourceConventions.H2}) {
            assertThat(known.textIsOwnRendering("text")).isTrue();
            assertThat(known.textIsOwnRendering(1)).isTrue();
            assertThat(known.textIsOwnRendering(1L)).isTrue();
            assertThat(known.textIsOwnRendering((short) 1)).isTrue();
            assertThat(known.textIsOwnRendering((byte) 1)).isTrue();
            assertThat(known.textIsOwnRendering(new BigDecimal("1E-7"))).isFalse();
            assertThat(known.textIsOwnRendering(new BigDecimal("0E-8"))).isFalse();
            assertThat(known.textIsOwnRendering(new BigDecimal("1E+3"))).isFalse();
            assertThat(known.textIsOwnRendering(new BigDecimal("12.50"))).isTrue();
            assertThat(known.textIsOwnRendering(new BigDecimal("0.000001"))).isTrue();
            assertThat(known.textIsOwnRendering(new BigDecimal("-12345678901234567890.123456"))).isTrue();
            assertThat(known.textIsOwnRendering(true)).isFalse();
            assertThat(known.textIsOwnRendering(1.5)).isFalse();
            assertThat(known.textIsOwnRendering(new byte[] {1})).isFalse();
        }
        assertThat(SourceConventions.GENERIC.textIsOwnRendering("text")).isFalse();
        assertThat(SourceConventions.GENERIC.textIsOwnRendering(1)).isFalse();
        assertThat(SourceConventions.GENERIC.textIsOwnRendering(new BigDecimal("12.50"))).isFalse();
    }

    private static Connection postgresConnection(Properties properties) throws SQLException {
        TestDatabases.assumePostgres();
        return DriverManager.getConnection(TestDatabases.PG_URL, properties);
    }

    /** Reads the values {@code executions} times, so that a driver switching transfer form after a few is seen. */
    private static void assertTextsMatch(Connection connection, int executions) throws SQLException {
        try (connection;
             PreparedStatement direct = connection.prepareStatement(POSTGRES_VALUES);
             PreparedStatement captured = connection.prepareStatement(POSTGRES_VALUES)) {
            for (int i = 0; i < executions; i++) {
                assertSameTexts(direct, captured);
            }
        }
    }

    private static void assertSameTexts(PreparedStatement direct, PreparedStatement captured) throws SQLException {
        CaptureOutcome outcome = ResultCapture.capture(captured.executeQuery(), captured, 10, 1 << 20);
        assertThat(outcome.isCached()).isTrue();
        try (ResultSet expected = direct.executeQuery();
             ResultSet cached = new CachedResultSet(outcome.result(), captured, ResultSet.TYPE_FORWARD_ONLY)) {
            assertThat(expected.next()).isTrue();
            assertThat(cached.next()).isTrue();
            int columns = expected.getMetaData().getColumnCount();
            for (int column = 1; column <= columns; column++) {
                String type = expected.getMetaData().getColumnTypeName(column);
                assertThat(cached.getString(column)).as("getString of column %d (%s)", column, type)
                        .isEqualTo(expected.getString(column));
                assertThat(cached.getObject(column)).as("getObject of column %d (%s)", column, type)
                        .isEqualTo(expected.getObject(column));
            }
        }
    }

    /** The result set of a driver the capture does not recognise, whose text of an integer is not a number. */
    private static ResultSet withZeroPaddedIntegers(ResultSet h2) {
        InvocationHandler metaData = (proxy, method, args) -> invoke(method, h2.getMetaData(), args);
        ResultSetMetaData unknownMetaData = (ResultSetMetaData) Proxy.newProxyInstance(
                CapturedTextTest.class.getClassLoader(), new Class<?>[] {ResultSetMetaData.class}, metaData);
        InvocationHandler resultSet = (proxy, method, args) -> {
            if (method.getName().equals("getMetaData")) {
                return unknownMetaData;
            }
            if (method.getName().equals("getString") && h2.getObject((Integer) args[0]) instanceof Integer number) {
                return "No. " + number;
            }
            return invoke(method, h2, args);
        };
        return (ResultSet) Proxy.newProxyInstance(CapturedTextTest.class.getClassLoader(),
                new Class<?>[] {ResultSet.class}, resultSet);
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
