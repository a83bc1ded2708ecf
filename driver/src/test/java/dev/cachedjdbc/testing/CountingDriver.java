package dev.cachedjdbc.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * A test driver for {@code jdbc:counting:<rest>} URLs that opens {@code jdbc:<rest>} and counts every query the
 * database really executes, and every statement the database's driver prepares, by SQL text. The caching driver stacks
 * on it ({@code jdbc:cached:counting:h2:mem:x}), so a test sees exactly what reached the database. A hook can hold a
 * query after the database answered it, before its rows reach the caller, to stage interleavings.
 */
public final class CountingDriver implements Driver {

    private static final String PREFIX = "jdbc:counting:";
    private static final ConcurrentHashMap<String, AtomicInteger> EXECUTIONS = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<String, AtomicInteger> PREPARATIONS = new ConcurrentHashMap<>();
    private static volatile QueryHook afterQuery = sql -> { };
    private static volatile CommitHook beforeCommit = () -> { };
    private static volatile boolean refusingConnections;
    /** A property value that makes a new connection fail while set (name=value), or null. */
    private static volatile String[] refusedProperty;

    static {
        try {
            DriverManager.registerDriver(new CountingDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Loads the class so that the driver is registered. */
    public static void register() {
    }

    /** Queries executed with exactly this text since the last reset. */
    public static int executions(String sql) {
        AtomicInteger count = EXECUTIONS.get(sql);
        return count == null ? 0 : count.get();
    }

    /** Queries executed since the last reset whose text passes the test. */
    public static int executionsWhere(Predicate<String> text) {
        int executions = 0;
        for (var counted : EXECUTIONS.entrySet()) {
            if (text.test(counted.getKey())) {
                executions += counted.getValue().get();
            }
        }
        return executions;
    }

    /** Statements prepared with exactly this text (any prepareStatement or prepareCall) since the last reset. */
    public static int preparations(String sql) {
        AtomicInteger count = PREPARATIONS.get(sql);
        return count == null ? 0 : count.get();
    }

    public static void reset() {
        EXECUTIONS.clear();
        PREPARATIONS.clear();
        afterQuery = sql -> { };
        beforeCommit = () -> { };
        refusingConnections = false;
        refusedProperty = null;
    }

    /** While set, every new connection opened with this property value fails as if the server refused it. */
    public static void refuseConnectionsWith(String property, String value) {
        refusedProperty = property == null ? null : new String[] {property, value};
    }

    /** While on, every new connection fails as if the server could not be reached; open ones are left alone. */
    public static void refuseConnections(boolean refuse) {
        refusingConnections = refuse;
    }

    /** Runs after the database returned a result set for a query, on the querying thread, before the caller sees it. */
    public static void afterQuery(QueryHook hook) {
        afterQuery = hook;
    }

    /** Runs on the committing thread when {@code Connection.commit()} is called, before the database commits. */
    public static void beforeCommit(CommitHook hook) {
        beforeCommit = hook;
    }

    /** A step staged before a commit reaches the database; it may block. */
    @FunctionalInterface
    public interface CommitHook {
        void run() throws SQLException;
    }

    /** A step staged after the database answered a query; it may block, or fail the query as the database would. */
    @FunctionalInterface
    public interface QueryHook {
        void accept(String sql) throws SQLException;
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        String[] refused = refusedProperty;
        if (refusingConnections || (refused != null && info != null && refused[1].equals(info.getProperty(refused[0])))) {
            throw new SQLException("connection refused by the test", "08001");
        }
        Connection real = DriverManager.getConnection("jdbc:" + url.substring(PREFIX.length()), info);
        return proxy(Connection.class, real, new CountingHandler(real));
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        return new DriverPropertyInfo[0];
    }

    @Override
    public int getMajorVersion() {
        return 1;
    }

    @Override
    public int getMinorVersion() {
        return 0;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    private static <T> T proxy(Class<T> type, Object target, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(CountingDriver.class.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static void count(String sql) {
        EXECUTIONS.computeIfAbsent(sql, s -> new AtomicInteger()).incrementAndGet();
    }

    /** Counts statement executions; wraps statements so that their executions are seen too. */
    private static final class CountingHandler implements InvocationHandler {
        private static final Set<String> EXECUTING = Set.of("executeQuery", "execute", "executeUpdate",
                "executeLargeUpdate", "executeBatch", "executeLargeBatch");

        private final Object target;
        private final String preparedSql;

        CountingHandler(Object target) {
            this(target, null);
        }

        CountingHandler(Object target, String preparedSql) {
            this.target = target;
            this.preparedSql = preparedSql;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getName().equals("unwrap") && args != null && ((Class<?>) args[0]).isInstance(target)) {
                return target;
            }
            if (method.getName().equals("isWrapperFor") && args != null && ((Class<?>) args[0]).isInstance(target)) {
                return true;
            }
            if (method.getName().equals("commit") && target instanceof Connection && args == null) {
                beforeCommit.run();
            }
            String sql = null;
            if (EXECUTING.contains(method.getName())) {
                sql = args != null && args.length > 0 && args[0] instanceof String text ? text : preparedSql;
                if (sql != null) {
                    count(sql);
                }
            }
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (result instanceof ResultSet && sql != null) {
                afterQuery.accept(sql);
            }
            if (result instanceof PreparedStatement prepared && args != null && args[0] instanceof String text) {
                PREPARATIONS.computeIfAbsent(text, s -> new AtomicInteger()).incrementAndGet();
                Class<?> type = result instanceof java.sql.CallableStatement ? java.sql.CallableStatement.class
                        : PreparedStatement.class;
                return Proxy.newProxyInstance(CountingDriver.class.getClassLoader(), new Class<?>[] {type},
                        new CountingHandler(prepared, text));
            }
            if (result instanceof Statement statement && !(result instanceof PreparedStatement)) {
                return proxy(Statement.class, statement, new CountingHandler(statement));
            }
            return result;
        }
    }
}
