package dev.cachedjdbc.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
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
