package dev.cachedjdbc.jdbc;

import static dev.cachedjdbc.jdbc.DelegatingMethodsReachTheDelegateTest.invoke;
import static dev.cachedjdbc.jdbc.DelegatingMethodsReachTheDelegateTest.name;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.jdbc.WrappedType.Handling;
import java.lang.reflect.Method;
import java.sql.Array;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The methods with behaviour, driven against recording fakes: what they hand back must wrap exactly what the
 * delegate returned and lead back to the wrapper parents, and subclasses must see every such object through the
 * protected hooks.
 */
class WrappingMethodsTest {

    @Test
    void theMethodsWithBehaviourAreExactlyTheOnesThisTestCovers() {
        assertThat(WrappedType.CONNECTION.methods(Handling.WRAPS_STATEMENT)).extracting(Method::getName)
                .containsOnly("createStatement", "prepareStatement", "prepareCall").hasSize(12);
        assertThat(WrappedType.CONNECTION.methods(Handling.WRAPS_META_DATA)).extracting(Method::getName)
                .containsExactly("getMetaData");
        assertThat(WrappedType.STATEMENT.methods(Handling.WRAPS_RESULT_SET)).extracting(Method::getName)
                .containsExactlyInAnyOrder("executeQuery", "getResultSet", "getGeneratedKeys");
        assertThat(WrappedType.PREPARED_STATEMENT.methods(Handling.WRAPS_RESULT_SET)).extracting(Method::getName)
                .containsExactlyInAnyOrder("executeQuery", "executeQuery", "getResultSet", "getGeneratedKeys");
        assertThat(WrappedType.RESULT_SET.methods(Handling.PASSES_THROUGH)).extracting(Method::getReturnType)
                .doesNotContain(ResultSet.class, Statement.class);
        assertThat(WrappedType.DATABASE_META_DATA.methods(Handling.PASSES_THROUGH)).extracting(Method::getReturnType)
                .doesNotContain(ResultSet.class, Connection.class);
    }

    @TestFactory
    Stream<DynamicTest> everyStatementFactoryWrapsTheDelegatesStatementWithThisConnectionAsParent() {
        return WrappedType.CONNECTION.methods(Handling.WRAPS_STATEMENT).stream()
                .map(method -> DynamicTest.dynamicTest(name(WrappedType.CONNECTION, method), () -> {
                    Connection delegate = RecordingDelegate.create(Connection.class);
                    DelegatingConnection connection = new DelegatingConnection(delegate);
                    Object[] arguments = SampleValues.argumentsFor(method);

                    Statement statement = (Statement) invoke(method, connection, arguments);

                    RecordingDelegate recording = RecordingDelegate.of(delegate);
                    assertThat(recording.onlyCall().methodName()).isEqualTo(method.getName());
                    assertThat(recording.onlyCall().arguments()).containsExactly(arguments);
                    assertThat(statement).isExactlyInstanceOf(expectedStatementWrapper(method));
                    assertThat(((AbstractWrapper<?>) statement).delegate()).isSameAs(recording.lastAnswer());
                    assertThat(statement.getConnection()).isSameAs(connection);
                    if (statement instanceof DelegatingPreparedStatement prepared) {
                        assertThat(prepared.sql()).isSameAs(arguments[0]);
                    }
                }));
    }

    @TestFactory
    Stream<DynamicTest> everyStatementFactoryHandsTheDelegatesStatementToItsHook() {
        return WrappedType.CONNECTION.methods(Handling.WRAPS_STATEMENT).stream()
                .map(method -> DynamicTest.dynamicTest(name(WrappedType.CONNECTION, method), () -> {
                    Connection delegate = RecordingDelegate.create(Connection.class);
                    HookRecordingConnection connection = new HookRecordingConnection(delegate);
                    Object[] arguments = SampleValues.argumentsFor(method);

                    Object statement = invoke(method, connection, arguments);

                    String expectedHook = switch (method.getName()) {
                        case "createStatement" -> "wrapStatement";
                        case "prepareStatement" -> "wrapPreparedStatement";
                        default -> "wrapCallableStatement";
                    };
                    assertThat(connection.hookCalls).containsExactly(expectedHook);
                    assertThat(connection.hookInput).isSameAs(RecordingDelegate.of(delegate).lastAnswer());
                    assertThat(connection.hookSql).isSameAs(method.getName().equals("createStatement")
                            ? null : arguments[0]);
                    assertThat(statement).isSameAs(connection.hookOutput);
                }));
    }

    @Test
    void metaDataIsWrappedWithThisConnectionAsParent() throws SQLException {
        Connection delegate = RecordingDelegate.create(Connection.class);
        DelegatingConnection connection = new DelegatingConnection(delegate);

        DatabaseMetaData metaData = connection.getMetaData();

        assertThat(metaData).isInstanceOf(DelegatingDatabaseMetaData.class);
        assertThat(((DelegatingDatabaseMetaData) metaData).delegate())
                .isSameAs(RecordingDelegate.of(delegate).lastAnswer());
        assertThat(metaData.getConnection()).isSameAs(connection);
    }

    @TestFactory
    Stream<DynamicTest> everyResultSetReturnedIsWrappedWithTheWrapperAsParent() {
        return Stream.of(WrappedType.STATEMENT, WrappedType.PREPARED_STATEMENT, WrappedType.CALLABLE_STATEMENT,
                        WrappedType.DATABASE_META_DATA)
                .flatMap(type -> type.methods(Handling.WRAPS_RESULT_SET).stream()
                        .map(method -> DynamicTest.dynamicTest(name(type, method), () -> {
                            Object delegate = RecordingDelegate.create(type.jdbcInterface);
                            AbstractWrapper<?> wrapper = type.wrap(delegate, type.sampleParent());
                            Object[] arguments = SampleValues.argumentsFor(method);

                            ResultSet resultSet = (ResultSet) invoke(method, wrapper, arguments);

                            RecordingDelegate recording = RecordingDelegate.of(delegate);
                            assertThat(recording.onlyCall().methodName()).isEqualTo(method.getName());
                            assertThat(recording.onlyCall().arguments()).containsExactly(arguments);
                            assertThat(resultSet).isExactlyInstanceOf(DelegatingResultSet.class);
                            assertThat(((DelegatingResultSet) resultSet).delegate())
                                    .isSameAs(recording.lastAnswer());
                            Statement expectedParent = type == WrappedType.DATABASE_META_DATA
                                    ? null : (Statement) wrapper;
                            assertThat(resultSet.getStatement()).isSameAs(expectedParent);
                        })));
    }

    @TestFactory
    Stream<DynamicTest> arraysComeBackWrappedAndTheirResultSetsHaveTheWrapperAsParent() {
        return Stream.of(WrappedType.RESULT_SET, WrappedType.CALLABLE_STATEMENT)
                .flatMap(type -> type.methods(Handling.WRAPS_ARRAY).stream()
                        .map(method -> DynamicTest.dynamicTest(name(type, method), () -> {
                            Object delegate = RecordingDelegate.create(type.jdbcInterface);
                            RecordingDelegate.of(delegate).answer("getArray", RecordingDelegate.create(Array.class));
                            Object parent = type.sampleParent();
                            AbstractWrapper<?> wrapper = type.wrap(delegate, parent);
                            Object[] arguments = SampleValues.argumentsFor(method);

                            Array array = (Array) invoke(method, wrapper, arguments);

                            RecordingDelegate recording = RecordingDelegate.of(delegate);
                            assertThat(recording.onlyCall().methodName()).isEqualTo(method.getName());
                            assertThat(array).isExactlyInstanceOf(DelegatingArray.class);
                            Array delegateArray = (Array) recording.lastAnswer();
                            assertThat(((DelegatingArray) array).delegate()).isSameAs(delegateArray);
                            Object expectedParent = type == WrappedType.RESULT_SET ? parent : wrapper;
                            ResultSet nested = array.getResultSet();
                            assertThat(nested).isExactlyInstanceOf(DelegatingResultSet.class);
                            assertThat(nested.getStatement()).isSameAs(expectedParent);
                        })));
    }

    @Test
    void resultSetsReadAsValuesComeBackWrappedWithTheWrapperAsParent() throws SQLException {
        Object delegate = RecordingDelegate.create(ResultSet.class);
        ResultSet nestedDelegate = (ResultSet) SampleValues.inert(ResultSet.class, "nested result set");
        RecordingDelegate.of(delegate).answer("getObject", nestedDelegate);
        Statement parent = (Statement) WrappedType.RESULT_SET.sampleParent();
        AbstractWrapper<?> wrapper = WrappedType.RESULT_SET.wrap(delegate, parent);

        ResultSet nested = (ResultSet) ((ResultSet) wrapper).getObject(1);

        assertThat(nested).isExactlyInstanceOf(DelegatingResultSet.class);
        assertThat(((DelegatingResultSet) nested).delegate()).isSameAs(nestedDelegate);
        assertThat(nested.getStatement()).isSameAs(parent);
        assertThat(((ResultSet) wrapper).getObject(1, ResultSet.class)).isExactlyInstanceOf(DelegatingResultSet.class);
    }

    @TestFactory
    Stream<DynamicTest> aNullResultSetFromTheDelegateStaysNull() {
        return Stream.of(WrappedType.STATEMENT, WrappedType.PREPARED_STATEMENT, WrappedType.DATABASE_META_DATA)
                .flatMap(type -> type.methods(Handling.WRAPS_RESULT_SET).stream()
                        .map(method -> DynamicTest.dynamicTest(name(type, method), () -> {
                            Object delegate = RecordingDelegate.create(type.jdbcInterface);
                            RecordingDelegate.of(delegate).answer(method.getName(), null);
                            AbstractWrapper<?> wrapper = type.wrap(delegate, type.sampleParent());

                            assertThat(invoke(method, wrapper, SampleValues.argumentsFor(method))).isNull();
                        })));
    }

    @TestFactory
    Stream<DynamicTest> parentAccessorsAskTheDelegateButReturnTheWrappingParent() {
        return Arrays.stream(WrappedType.values())
                .flatMap(type -> type.methods(Handling.RETURNS_WRAPPING_PARENT).stream()
                        .map(method -> DynamicTest.dynamicTest(name(type, method), () -> {
                            Object delegate = RecordingDelegate.create(type.jdbcInterface);
                            Object parent = type.sampleParent();
                            AbstractWrapper<?> wrapper = type.wrap(delegate, parent);

                            Object returned = invoke(method, wrapper, new Object[0]);

                            RecordingDelegate recording = RecordingDelegate.of(delegate);
                            assertThat(recording.onlyCall().methodName()).isEqualTo(method.getName());
                            assertThat(returned).isSameAs(parent).isNotSameAs(recording.lastAnswer());
                        })));
    }

    @Test
    void aResultSetWithoutParentReportsNoStatement() throws SQLException {
        ResultSet resultSet = new DelegatingResultSet(RecordingDelegate.create(ResultSet.class), null);

        assertThat(resultSet.getStatement()).isNull();
    }

    @Test
    void getResultSetHandsBackTheSameWrapperWhileTheDelegateHasTheSameResult() throws SQLException {
        Statement delegate = RecordingDelegate.create(Statement.class);
        ResultSet first = RecordingDelegate.create(ResultSet.class);
        RecordingDelegate.of(delegate).answer("executeQuery", first).answer("getResultSet", first);
        DelegatingStatement statement = new DelegatingStatement(delegate, connectionParent());

        ResultSet fromQuery = statement.executeQuery("SELECT 1");

        assertThat(statement.getResultSet()).isSameAs(fromQuery);
        assertThat(statement.getResultSet()).isSameAs(fromQuery);

        ResultSet second = RecordingDelegate.create(ResultSet.class);
        RecordingDelegate.of(delegate).answer("getResultSet", second);
        ResultSet afterMoreResults = statement.getResultSet();

        assertThat(afterMoreResults).isNotSameAs(fromQuery);
        assertThat(((DelegatingResultSet) afterMoreResults).delegate()).isSameAs(second);
        assertThat(statement.getResultSet()).isSameAs(afterMoreResults);
    }

    @Test
    void everyQueryWrapsItsResultAfreshEvenWhenTheDelegateReusesTheObject() throws SQLException {
        PreparedStatement delegate = RecordingDelegate.create(PreparedStatement.class);
        ResultSet reused = RecordingDelegate.create(ResultSet.class);
        RecordingDelegate.of(delegate).answer("executeQuery", reused);
        DelegatingPreparedStatement statement =
                new DelegatingPreparedStatement(delegate, connectionParent(), "SELECT 1");

        ResultSet first = statement.executeQuery();
        ResultSet second = statement.executeQuery();

        assertThat(second).isNotSameAs(first);
        assertThat(((DelegatingResultSet) second).delegate()).isSameAs(reused);
    }

    @Test
    void everyResultSetGoesThroughTheHookAndTheHookNeverSeesNull() throws SQLException {
        PreparedStatement delegate = RecordingDelegate.create(PreparedStatement.class);
        HookRecordingPreparedStatement statement = new HookRecordingPreparedStatement(delegate);

        List<ResultSet> returned = new ArrayList<>();
        returned.add(statement.executeQuery());
        returned.add(statement.executeQuery("SELECT 2"));
        returned.add(statement.getGeneratedKeys());
        RecordingDelegate.of(delegate).answer("getResultSet", RecordingDelegate.create(ResultSet.class));
        returned.add(statement.getResultSet());
        RecordingDelegate.of(delegate).answer("getResultSet", null).answer("getGeneratedKeys", null)
                .answer("executeQuery", null);
        statement.getResultSet();
        statement.getGeneratedKeys();
        statement.executeQuery();

        assertThat(statement.hookInputs).hasSize(4).doesNotContainNull();
        assertThat(returned).containsExactlyElementsOf(statement.hookOutputs);
    }

    @Test
    void everyIndexedParameterSetterPassesThroughTheOneHookWithItsIndexAndValue() throws Exception {
        List<Method> setters = Arrays.stream(PreparedStatement.class.getMethods())
                .filter(method -> method.getName().startsWith("set") && method.getParameterCount() >= 2
                        && method.getParameterTypes()[0] == int.class)
                .toList();
        List<ParameterSetter> seen = new ArrayList<>();

        for (Method setter : setters) {
            PreparedStatement delegate = RecordingDelegate.create(PreparedStatement.class);
            HookRecordingPreparedStatement statement = new HookRecordingPreparedStatement(delegate);
            Object[] arguments = SampleValues.argumentsFor(setter);

            invoke(setter, statement, arguments);

            assertThat(statement.parameterIndexes).as(setter.toString()).containsExactly((Integer) arguments[0]);
            Object expectedValue = setter.getName().equals("setNull") ? null : arguments[1];
            assertThat(statement.parameterValues).as(setter.toString()).containsExactly(expectedValue);
            assertThat(RecordingDelegate.of(delegate).onlyCall().methodName()).isEqualTo(setter.getName());
            seen.addAll(statement.parameterSetters);
        }

        assertThat(seen).as("one setter constant for each overload")
                .containsExactlyInAnyOrder(ParameterSetter.values());
    }

    private static Connection connectionParent() {
        return SampleValues.inert(Connection.class, "wrapping parent connection");
    }

    private static Class<?> expectedStatementWrapper(Method method) {
        return switch (method.getName()) {
            case "createStatement" -> DelegatingStatement.class;
            case "prepareStatement" -> DelegatingPreparedStatement.class;
            default -> DelegatingCallableStatement.class;
        };
    }

    private static final class HookRecordingConnection extends DelegatingConnection {
        final List<String> hookCalls = new ArrayList<>();
        Statement hookInput;
        String hookSql;
        Statement hookOutput;

        HookRecordingConnection(Connection delegate) {
            super(delegate);
        }

        @Override
        protected Statement wrapStatement(Statement delegateStatement) {
            return record("wrapStatement", delegateStatement, null, super.wrapStatement(delegateStatement));
        }

        @Override
        protected PreparedStatement wrapPreparedStatement(PreparedStatement delegateStatement, String sql) {
            return record("wrapPreparedStatement", delegateStatement, sql,
                    super.wrapPreparedStatement(delegateStatement, sql));
        }

        @Override
        protected CallableStatement wrapCallableStatement(CallableStatement delegateStatement, String sql) {
            return record("wrapCallableStatement", delegateStatement, sql,
                    super.wrapCallableStatement(delegateStatement, sql));
        }

        private <S extends Statement> S record(String hook, Statement input, String sql, S output) {
            hookCalls.add(hook);
            hookInput = input;
            hookSql = sql;
            hookOutput = output;
            return output;
        }
    }

    private static final class HookRecordingPreparedStatement extends DelegatingPreparedStatement {
        final List<ResultSet> hookInputs = new ArrayList<>();
        final List<ResultSet> hookOutputs = new ArrayList<>();

        HookRecordingPreparedStatement(PreparedStatement delegate) {
            super(delegate, connectionParent(), "SELECT 1");
        }

        final List<Integer> parameterIndexes = new ArrayList<>();
        final List<ParameterSetter> parameterSetters = new ArrayList<>();
        final List<Object> parameterValues = new ArrayList<>();

        @Override
        protected void setParameter(int parameterIndex, ParameterSetter setter, Object value, Object detail,
                long length) throws SQLException {
            parameterIndexes.add(parameterIndex);
            parameterSetters.add(setter);
            parameterValues.add(value);
            super.setParameter(parameterIndex, setter, value, detail, length);
        }

        @Override
        protected ResultSet wrapResultSet(ResultSet delegateResultSet) {
            hookInputs.add(delegateResultSet);
            ResultSet wrapper = super.wrapResultSet(delegateResultSet);
            hookOutputs.add(wrapper);
            return wrapper;
        }
    }
}
