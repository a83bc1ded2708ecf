package dev.cachedjdbc.jdbc;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Each JDBC interface the driver wraps, its delegating class, and how that class treats each method. */
enum WrappedType {
    CONNECTION(Connection.class, DelegatingConnection.class),
    STATEMENT(Statement.class, DelegatingStatement.class),
    PREPARED_STATEMENT(PreparedStatement.class, DelegatingPreparedStatement.class),
    CALLABLE_STATEMENT(CallableStatement.class, DelegatingCallableStatement.class),
    RESULT_SET(ResultSet.class, DelegatingResultSet.class),
    DATABASE_META_DATA(DatabaseMetaData.class, DelegatingDatabaseMetaData.class);

    /** What a delegating class does with a method besides passing the call on. */
    enum Handling {
        /** unwrap and isWrapperFor: the wrapper answers for itself before asking the delegate. */
        ANSWERED_BY_WRAPPER,
        /** getConnection and getStatement: the delegate is asked, the wrapping parent returned. */
        RETURNS_WRAPPING_PARENT,
        /** create and prepare variants: the delegate's statement comes back wrapped. */
        WRAPS_STATEMENT,
        /** Connection.getMetaData: the delegate's metadata comes back wrapped. */
        WRAPS_META_DATA,
        /** Methods returning a ResultSet: the delegate's result set comes back wrapped. */
        WRAPS_RESULT_SET,
        /** getArray of results and callable statements: the delegate's array comes back wrapped. */
        WRAPS_ARRAY,
        /** Everything else: same arguments in, the delegate's result out. */
        PASSES_THROUGH
    }

    static final String SAMPLE_SQL = "SELECT sample FROM wr_sample WHERE id = ?";

    private static final Set<String> STATEMENT_FACTORIES = Set.of("createStatement", "prepareStatement",
            "prepareCall");

    final Class<?> jdbcInterface;
    final Class<? extends AbstractWrapper<?>> wrapperClass;

    WrappedType(Class<?> jdbcInterface, Class<? extends AbstractWrapper<?>> wrapperClass) {
        this.jdbcInterface = jdbcInterface;
        this.wrapperClass = wrapperClass;
    }

    /** The interface's instance methods, including inherited ones, one per signature, in a stable order. */
    List<Method> methods() {
        Map<String, Method> bySignature = new LinkedHashMap<>();
        Arrays.stream(jdbcInterface.getMethods())
                .filter(method -> !Modifier.isStatic(method.getModifiers()))
                .sorted(Comparator.comparing(WrappedType::signature))
                .forEach(method -> bySignature.putIfAbsent(signature(method), method));
        return List.copyOf(bySignature.values());
    }

    List<Method> methods(Handling handling) {
        return methods().stream().filter(method -> handling(method) == handling).toList();
    }

    Handling handling(Method method) {
        String name = method.getName();
        if (name.equals("unwrap") || name.equals("isWrapperFor")) {
            return Handling.ANSWERED_BY_WRAPPER;
        }
        switch (this) {
            case CONNECTION:
                if (STATEMENT_FACTORIES.contains(name)) {
                    return Handling.WRAPS_STATEMENT;
                }
                return name.equals("getMetaData") ? Handling.WRAPS_META_DATA : Handling.PASSES_THROUGH;
            case STATEMENT:
            case PREPARED_STATEMENT:
            case CALLABLE_STATEMENT:
                if (name.equals("getConnection")) {
                    return Handling.RETURNS_WRAPPING_PARENT;
                }
                if (this == CALLABLE_STATEMENT && name.equals("getArray")) {
                    return Handling.WRAPS_ARRAY;
                }
                return method.getReturnType() == ResultSet.class ? Handling.WRAPS_RESULT_SET : Handling.PASSES_THROUGH;
            case RESULT_SET:
                if (name.equals("getArray")) {
                    return Handling.WRAPS_ARRAY;
                }
                return name.equals("getStatement") ? Handling.RETURNS_WRAPPING_PARENT : Handling.PASSES_THROUGH;
            case DATABASE_META_DATA:
                if (name.equals("getConnection")) {
                    return Handling.RETURNS_WRAPPING_PARENT;
                }
                return method.getReturnType() == ResultSet.class ? Handling.WRAPS_RESULT_SET : Handling.PASSES_THROUGH;
            default:
                throw new AssertionError(this);
        }
    }

    /** The wrapping parent a wrapper of this type reports, or null for a connection, which has none. */
    Object sampleParent() {
        return switch (this) {
            case CONNECTION -> null;
            case STATEMENT, PREPARED_STATEMENT, CALLABLE_STATEMENT, DATABASE_META_DATA ->
                    SampleValues.inert(Connection.class, "wrapping parent connection");
            case RESULT_SET -> SampleValues.inert(Statement.class, "wrapping parent statement");
        };
    }

    /** Wraps {@code delegate} with {@code parent} as the wrapping connection or statement it reports. */
    AbstractWrapper<?> wrap(Object delegate, Object parent) {
        return switch (this) {
            case CONNECTION -> new DelegatingConnection((Connection) delegate);
            case STATEMENT -> new DelegatingStatement((Statement) delegate, (Connection) parent);
            case PREPARED_STATEMENT ->
                    new DelegatingPreparedStatement((PreparedStatement) delegate, (Connection) parent, SAMPLE_SQL);
            case CALLABLE_STATEMENT ->
                    new DelegatingCallableStatement((CallableStatement) delegate, (Connection) parent, SAMPLE_SQL);
            case RESULT_SET -> new DelegatingResultSet((ResultSet) delegate, (Statement) parent);
            case DATABASE_META_DATA ->
                    new DelegatingDatabaseMetaData((DatabaseMetaData) delegate, (Connection) parent);
        };
    }

    static String signature(Method method) {
        return method.getName() + Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName)
                .collect(Collectors.joining(", ", "(", ")"));
    }
}
