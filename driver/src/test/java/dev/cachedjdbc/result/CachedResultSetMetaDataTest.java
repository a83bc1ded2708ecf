package dev.cachedjdbc.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.util.List;
import org.junit.jupiter.api.Test;

class CachedResultSetMetaDataTest {

    /** A driver's metadata that cannot tell which table a column comes from. */
    private static ResultSetMetaData refusingTableName(ResultSetMetaData delegate) {
        return (ResultSetMetaData) Proxy.newProxyInstance(ResultSetMetaData.class.getClassLoader(),
                new Class<?>[] {ResultSetMetaData.class}, (self, method, arguments) -> {
                    if (method.getName().equals("getTableName")) {
                        throw new SQLSyntaxErrorException("no table for column " + arguments[0], "42X99", 7);
                    }
                    try {
                        return method.invoke(delegate, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** Every per-column getter of ResultSetMetaData, each of which a snapshot keeps. */
    private static final List<String> GETTERS = List.of("getCatalogName", "getSchemaName", "getTableName",
            "getColumnName", "getColumnLabel", "getColumnType", "getColumnTypeName", "getColumnClassName",
            "getPrecision", "getScale", "getColumnDisplaySize", "isNullable", "isAutoIncrement", "isCaseSensitive",
            "isSearchable", "isCurrency", "isSigned", "isReadOnly", "isWritable", "isDefinitelyWritable");

    /** A getter's answer changed, or a refusal in its place. */
    private interface Change {
        Object apply(Object answer) throws SQLException;
    }

    /** The driver's metadata with one getter's answer for column 2 (or the column count) changed. */
    private static ResultSetMetaData changing(ResultSetMetaData delegate, String getter, Change change) {
        return (ResultSetMetaData) Proxy.newProxyInstance(ResultSetMetaData.class.getClassLoader(),
                new Class<?>[] {ResultSetMetaData.class}, (self, method, arguments) -> {
                    Object answer;
                    try {
                        answer = method.invoke(delegate, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    boolean changed = method.getName().equals(getter)
                            && (arguments == null || arguments[0].equals(2));
                    return changed ? change.apply(answer) : answer;
                });
    }

    private static Object another(Object answer) {
        if (answer instanceof String text) {
            return text + "x";
        }
        if (answer instanceof Integer number) {
            return number + 1;
        }
        return !(Boolean) answer;
    }

    @Test
    void aSnapshotIsReusedOnlyWhenTheDriverReportsEveryPropertyOfEveryColumnAlike() throws SQLException {
        try (H2Results h2 = new H2Results().numbered("numbers", 1);
             var statement = h2.connection.createStatement();
             var resultSet = statement.executeQuery("SELECT id, label FROM numbers")) {
            ResultSetMetaData source = resultSet.getMetaData();
            CachedResultSetMetaData held = CachedResultSetMetaData.capture(source);

            assertThat(CachedResultSetMetaData.capture(source, held)).as("reported alike").isSameAs(held);
            for (String getter : GETTERS) {
                CachedResultSetMetaData changed = CachedResultSetMetaData.capture(
                        changing(source, getter, CachedResultSetMetaDataTest::another), held);
                assertThat(changed).as(getter + " answered otherwise").isNotSameAs(held);
                Object expected = another(ResultSetMetaData.class.getMethod(getter, int.class).invoke(source, 2));
                assertThat(ResultSetMetaData.class.getMethod(getter, int.class).invoke(changed, 2))
                        .as(getter + " as the driver now answers it").isEqualTo(expected);

                CachedResultSetMetaData refused = CachedResultSetMetaData.capture(changing(source, getter, answer -> {
                    throw new SQLSyntaxErrorException("no " + getter, "42X99", 7);
                }), held);
                assertThat(refused).as(getter + " refused").isNotSameAs(held);
                CachedResultSetMetaData refusedAgain = CachedResultSetMetaData.capture(changing(source, getter,
                        answer -> {
                            throw new SQLSyntaxErrorException("no " + getter, "42X99", 7);
                        }), refused);
                assertThat(refusedAgain).as(getter + " refused alike").isSameAs(refused);
                CachedResultSetMetaData refusedOtherwise = CachedResultSetMetaData.capture(changing(source, getter,
                        answer -> {
                            throw new SQLSyntaxErrorException("no " + getter, "42X98", 7);
                        }), refused);
                assertThat(refusedOtherwise).as(getter + " refused with another state").isNotSameAs(refused);
            }
            CachedResultSetMetaData fewer = CachedResultSetMetaData.capture(
                    changing(source, "getColumnCount", answer -> 1), held);
            assertThat(fewer).as("another column count").isNotSameAs(held);
            assertThat(fewer.getColumnCount()).isEqualTo(1);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aPropertyTheDriverRefusedIsRefusedAgainWithItsMessageAndState() throws SQLException {
        try (H2Results h2 = new H2Results().numbered("numbers", 1);
             var statement = h2.connection.createStatement();
             var resultSet = statement.executeQuery("SELECT id, label FROM numbers")) {
            CachedResultSetMetaData snapshot = CachedResultSetMetaData.capture(
                    refusingTableName(resultSet.getMetaData()));
            for (int column = 1; column <= 2; column++) {
                int refused = column;
                assertThatThrownBy(() -> snapshot.getTableName(refused)).isInstanceOf(SQLException.class)
                        .hasMessage("no table for column " + refused)
                        .satisfies(e -> {
                            assertThat(((SQLException) e).getSQLState()).isEqualTo("42X99");
                            assertThat(((SQLException) e).getErrorCode()).isEqualTo(7);
                        });
            }
            assertThat(snapshot.getColumnLabel(2)).isEqualTo("LABEL");
            assertThat(snapshot.getColumnType(1)).isEqualTo(java.sql.Types.INTEGER);
            assertThatThrownBy(() -> snapshot.getColumnLabel(3)).isInstanceOf(SQLException.class);
        }
    }
}
