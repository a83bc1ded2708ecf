package dev.cachedjdbc.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CachedResultSetCursorTest {

    private H2Results h2;
    private CachedResult threeRows;
    private CachedResult noRows;

    @BeforeEach
    void capture() throws SQLException {
        h2 = new H2Results().numbered("numbers", 3);
        threeRows = h2.capture("SELECT id, label FROM numbers ORDER BY id");
        noRows = h2.capture("SELECT id, label FROM numbers WHERE id < 0");
    }

    @AfterEach
    void close() throws SQLException {
        h2.close();
    }

    private CachedResultSet forwardOnly(CachedResult result) {
        return new CachedResultSet(result, null, ResultSet.TYPE_FORWARD_ONLY);
    }

    private CachedResultSet scrollable(CachedResult result) {
        return new CachedResultSet(result, null, ResultSet.TYPE_SCROLL_INSENSITIVE);
    }

    @Test
    void nextVisitsEveryRowInOrderAndThenStaysAfterTheLast() throws SQLException {
        try (CachedResultSet rows = forwardOnly(threeRows)) {
            assertThat(rows.isBeforeFirst()).isTrue();
            assertThat(rows.getRow()).isZero();
            List<String> seen = new ArrayList<>();
            while (rows.next()) {
                seen.add(rows.getRow() + ":" + rows.getInt("id") + ":" + rows.isFirst() + ":" + rows.isLast());
            }
            assertThat(seen).containsExactly("1:1:true:false", "2:2:false:false", "3:3:false:true");
            assertThat(rows.isAfterLast()).isTrue();
            assertThat(rows.getRow()).isZero();
            assertThat(rows.next()).isFalse();
            assertThat(rows.isAfterLast()).isTrue();
        }
    }

    @Test
    void anEmptyResultIsNeitherBeforeTheFirstRowNorAfterTheLast() throws SQLException {
        try (CachedResultSet rows = scrollable(noRows)) {
            assertThat(rows.isBeforeFirst()).isFalse();
            assertThat(rows.next()).isFalse();
            assertThat(rows.isAfterLast()).isFalse();
            assertThat(rows.first()).isFalse();
            assertThat(rows.last()).isFalse();
            assertThat(rows.getRow()).isZero();
        }
    }

    /** A cursor movement and what it answered, applied alike to H2's scrollable result set and a cached one. */
    private record Move(String name, Movement movement) {
    }

    @FunctionalInterface
    private interface Movement {
        Object apply(ResultSet resultSet) throws SQLException;
    }

    @Test
    void scrollingMovesExactlyAsTheDriversScrollableResultSetDoes() throws SQLException {
        List<Move> moves = List.of(
                new Move("last", ResultSet::last), new Move("previous", ResultSet::previous),
                new Move("previous", ResultSet::previous), new Move("previous", ResultSet::previous),
                new Move("previous", ResultSet::previous), new Move("absolute(2)", rs -> rs.absolute(2)),
                new Move("absolute(-1)", rs -> rs.absolute(-1)), new Move("absolute(-3)", rs -> rs.absolute(-3)),
                new Move("absolute(-4)", rs -> rs.absolute(-4)), new Move("absolute(4)", rs -> rs.absolute(4)),
                new Move("absolute(0)", rs -> rs.absolute(0)), new Move("relative(2)", rs -> rs.relative(2)),
                new Move("relative(-1)", rs -> rs.relative(-1)), new Move("relative(5)", rs -> rs.relative(5)),
                new Move("relative(-2)", rs -> rs.relative(-2)), new Move("first", ResultSet::first),
                new Move("afterLast", rs -> {
                    rs.afterLast();
                    return null;
                }),
                new Move("previous", ResultSet::previous), new Move("beforeFirst", rs -> {
                    rs.beforeFirst();
                    return null;
                }),
                new Move("next", ResultSet::next));
        List<String> expected = new ArrayList<>();
        try (Statement statement = h2.connection.createStatement(ResultSet.TYPE_SCROLL_INSENSITIVE,
                ResultSet.CONCUR_READ_ONLY);
             ResultSet driver = statement.executeQuery("SELECT id, label FROM numbers ORDER BY id")) {
            for (Move move : moves) {
                expected.add(describe(move, driver));
            }
        }
        List<String> actual = new ArrayList<>();
        try (CachedResultSet cached = scrollable(threeRows)) {
            for (Move move : moves) {
                actual.add(describe(move, cached));
            }
        }
        assertThat(actual).isEqualTo(expected);
    }

    private static String describe(Move move, ResultSet resultSet) throws SQLException {
        Object answer = move.movement().apply(resultSet);
        String id = resultSet.getRow() > 0 ? String.valueOf(resultSet.getInt(1)) : "-";
        return move.name() + " -> " + answer + " row " + resultSet.getRow() + " id " + id + " before "
                + resultSet.isBeforeFirst() + " after " + resultSet.isAfterLast() + " first " + resultSet.isFirst()
                + " last " + resultSet.isLast();
    }

    /** H2 lets a forward-only cursor move forward by any means, and refuses every move back, as its hits must. */
    @Test
    void aForwardOnlyCursorMovesForwardExactlyAsTheDriversDoes() throws SQLException {
        List<Move> moves = List.of(
                new Move("absolute(0)", rs -> rs.absolute(0)), new Move("first", ResultSet::first),
                new Move("beforeFirst", rs -> {
                    rs.beforeFirst();
                    return null;
                }),
                new Move("absolute(1)", rs -> rs.absolute(1)), new Move("relative(0)", rs -> rs.relative(0)),
                new Move("previous", ResultSet::previous), new Move("relative(-1)", rs -> rs.relative(-1)),
                new Move("absolute(-2)", rs -> rs.absolute(-2)), new Move("absolute(1)", rs -> rs.absolute(1)),
                new Move("last", ResultSet::last), new Move("relative(1)", rs -> rs.relative(1)),
                new Move("last", ResultSet::last), new Move("afterLast", rs -> {
                    rs.afterLast();
                    return null;
                }),
                new Move("absolute(9)", rs -> rs.absolute(9)), new Move("next", ResultSet::next));
        List<String> expected = new ArrayList<>();
        try (Statement statement = h2.connection.createStatement();
             ResultSet driver = statement.executeQuery("SELECT id, label FROM numbers ORDER BY id")) {
            for (Move move : moves) {
                expected.add(describeOrRefusal(move, driver));
            }
        }
        List<String> actual = new ArrayList<>();
        try (CachedResultSet cached = forwardOnly(threeRows)) {
            for (Move move : moves) {
                actual.add(describeOrRefusal(move, cached));
            }
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(expected).anyMatch(line -> line.contains("refused 90128"));
    }

    private static String describeOrRefusal(Move move, ResultSet resultSet) throws SQLException {
        try {
            return describe(move, resultSet);
        } catch (SQLException e) {
            return move.name() + " refused " + e.getSQLState() + " at row " + resultSet.getRow();
        }
    }

    /** The results here come from H2, and a cached result fails misuse with its source driver's SQLState. */
    private static final String H2_NO_CURRENT_ROW = "02000";
    private static final String H2_CLOSED = "90007";
    private static final String H2_INVALID_VALUE = "90008";

    @Test
    void readingWhileNotOnARowFailsWithInvalidCursorState() throws SQLException {
        try (CachedResultSet rows = forwardOnly(threeRows)) {
            assertThatThrownBy(() -> rows.getInt(1)).isInstanceOf(SQLException.class)
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo(H2_NO_CURRENT_ROW);
            while (rows.next()) {
                rows.getInt(1);
            }
            assertThatThrownBy(() -> rows.getString("label")).isInstanceOf(SQLException.class)
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo(H2_NO_CURRENT_ROW);
        }
    }

    @Test
    void aColumnIndexOutsideTheResultFails() throws SQLException {
        try (CachedResultSet rows = forwardOnly(threeRows)) {
            rows.next();
            assertThatThrownBy(() -> rows.getInt(0)).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> rows.getInt(3)).isInstanceOf(SQLException.class)
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo(H2_INVALID_VALUE);
        }
    }

    @Test
    void aClosedResultSetRefusesEveryUseButCanBeClosedAgain() throws SQLException {
        CachedResultSet rows = forwardOnly(threeRows);
        rows.next();
        rows.close();
        assertThat(rows.isClosed()).isTrue();
        List<Movement> uses = List.of(ResultSet::next, rs -> rs.getInt(1), rs -> rs.getString("label"),
                rs -> rs.findColumn("id"), ResultSet::getMetaData, ResultSet::wasNull, ResultSet::getRow,
                ResultSet::isBeforeFirst, ResultSet::getStatement, ResultSet::getType);
        for (Movement use : uses) {
            assertThatThrownBy(() -> use.apply(rows)).isInstanceOf(SQLException.class)
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo(H2_CLOSED);
        }
        rows.close();
        assertThat(rows.isClosed()).isTrue();
    }

    @Test
    void labelsAreFoundIgnoringCaseAndTheFirstMatchingColumnWins() throws SQLException {
        CachedResult duplicated = h2.capture("SELECT id AS \"Key\", label AS \"KEY\", id * 10 AS other"
                + " FROM numbers ORDER BY id");
        try (CachedResultSet rows = forwardOnly(duplicated)) {
            rows.next();
            assertThat(rows.findColumn("Key")).isEqualTo(1);
            assertThat(rows.findColumn("KEY")).isEqualTo(1);
            assertThat(rows.findColumn("key")).isEqualTo(1);
            assertThat(rows.findColumn("OTHER")).isEqualTo(3);
            assertThat(rows.getInt("kEy")).isEqualTo(1);
            assertThat(rows.getInt("other")).isEqualTo(10);
            assertThatThrownBy(() -> rows.findColumn("missing")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("missing");
            assertThatThrownBy(() -> rows.getString("missing")).isInstanceOf(SQLException.class);
        }
    }

    @Test
    void wasNullReportsTheLastReadAndPrimitiveGettersReadNullAsZero() throws SQLException {
        try (CachedResultSet rows = forwardOnly(threeRows)) {
            rows.next();
            rows.next();
            rows.next();
            assertThat(rows.wasNull()).as("nothing read yet on this result set").isFalse();
            assertThat(rows.getString("label")).isNull();
            assertThat(rows.wasNull()).isTrue();
            assertThat(rows.getInt("id")).isEqualTo(3);
            assertThat(rows.wasNull()).isFalse();
            assertThat(rows.getInt("label")).isZero();
            assertThat(rows.wasNull()).isTrue();
            assertThat(rows.getBoolean("label")).isFalse();
            assertThat(rows.getDouble("label")).isZero();
            assertThat(rows.getLong("label")).isZero();
            assertThat(rows.getObject("label", Integer.class)).isNull();
            assertThat(rows.wasNull()).isTrue();
        }
    }

    @Test
    void reportsTheTypeAskedForAndTheStatementThatOwnsIt() throws SQLException {
        try (Statement owner = h2.connection.createStatement();
             CachedResultSet rows = new CachedResultSet(threeRows, owner, ResultSet.TYPE_SCROLL_INSENSITIVE)) {
            assertThat(rows.getStatement()).isSameAs(owner);
            assertThat(rows.getType()).isEqualTo(ResultSet.TYPE_SCROLL_INSENSITIVE);
            assertThat(rows.getConcurrency()).isEqualTo(ResultSet.CONCUR_READ_ONLY);
            assertThat(rows.getHoldability()).isEqualTo(ResultSet.HOLD_CURSORS_OVER_COMMIT);
            assertThat((Object) rows.getWarnings()).isNull();
            assertThat(rows.getMetaData()).isSameAs(threeRows.metaData());
            rows.setFetchSize(50);
            assertThat(rows.getFetchSize()).as("H2's results report no fetch size").isZero();
            assertThatThrownBy(() -> rows.setFetchSize(-1)).isInstanceOf(SQLException.class);
            rows.setFetchDirection(ResultSet.FETCH_REVERSE);
            assertThat(rows.getFetchDirection()).isEqualTo(ResultSet.FETCH_REVERSE);
            assertThatThrownBy(rows::getCursorName).isInstanceOf(SQLFeatureNotSupportedException.class);
        }
        try (CachedResultSet rows = forwardOnly(threeRows)) {
            assertThat(rows.getType()).isEqualTo(ResultSet.TYPE_FORWARD_ONLY);
            assertThat(rows.getStatement()).isNull();
            assertThatThrownBy(() -> rows.setFetchDirection(ResultSet.FETCH_REVERSE))
                    .isInstanceOf(SQLException.class);
        }
        assertThatThrownBy(() -> new CachedResultSet(threeRows, null, 42))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyUpdateMethodIsRefusedAsUnsupported() throws Exception {
        List<String> notRefused = new ArrayList<>();
        int refused = 0;
        try (CachedResultSet rows = scrollable(threeRows)) {
            rows.next();
            for (Method method : ResultSet.class.getMethods()) {
                boolean changes = method.getName().startsWith("update") || List.of("insertRow", "updateRow",
                        "deleteRow", "refreshRow", "cancelRowUpdates", "moveToInsertRow", "moveToCurrentRow")
                        .contains(method.getName());
                if (!changes) {
                    continue;
                }
                try {
                    method.invoke(rows, argumentsFor(method));
                    notRefused.add(method.toString());
                } catch (InvocationTargetException e) {
                    if (e.getCause() instanceof SQLFeatureNotSupportedException) {
                        refused++;
                    } else {
                        notRefused.add(method + " threw " + e.getCause());
                    }
                }
            }
            assertThat(rows.getInt(1)).as("nothing changed").isEqualTo(1);
        }
        assertThat(notRefused).isEmpty();
        assertThat(refused).as("update methods of java.sql.ResultSet").isGreaterThan(90);
    }

    private static Object[] argumentsFor(Method method) {
        Function<Class<?>, Object> defaultOf = type -> {
            if (type == int.class) {
                return 1;
            }
            if (type == long.class) {
                return 1L;
            }
            if (type == boolean.class) {
                return false;
            }
            if (type == byte.class) {
                return (byte) 0;
            }
            if (type == short.class) {
                return (short) 0;
            }
            if (type == float.class) {
                return 0f;
            }
            if (type == double.class) {
                return 0d;
            }
            if (type == String.class) {
                return "id";
            }
            return null;
        };
        Class<?>[] types = method.getParameterTypes();
        Object[] arguments = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            arguments[i] = defaultOf.apply(types[i]);
        }
        return arguments;
    }

    @Test
    void unwrapsToItselfOnly() throws SQLException {
        try (CachedResultSet rows = forwardOnly(threeRows)) {
            assertThat(rows.isWrapperFor(CachedResultSet.class)).isTrue();
            assertThat(rows.isWrapperFor(ResultSet.class)).isTrue();
            assertThat(rows.unwrap(CachedResultSet.class)).isSameAs(rows);
            assertThat(rows.isWrapperFor(Statement.class)).isFalse();
            assertThatThrownBy(() -> rows.unwrap(Statement.class)).isInstanceOf(SQLException.class);
        }
    }
}
