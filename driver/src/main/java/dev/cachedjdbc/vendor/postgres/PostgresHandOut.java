package dev.cachedjdbc.vendor.postgres;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Wrapper;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.PGStatement;
import org.postgresql.core.BaseConnection;

/**
 * The pgjdbc interfaces the driver hands out in place of pgjdbc's own objects, so that unwrapping to them does not
 * lead around the cache: a {@link PGConnection} whose copy API runs through the connection's write path and whose
 * fastpath API counts as unseen access, and a {@link PGStatement} that offers only what that interface offers.
 *
 * <p>The connection stand-in is a whole {@link BaseConnection}, as pgjdbc's own connection is, so that code which
 * casts what it unwrapped ({@code new CopyManager((BaseConnection) c.unwrap(PGConnection.class))}, or back to
 * {@link Connection}) keeps working: its JDBC methods are the caching connection's, so statements made through it
 * stay in the driver's sight; pgjdbc's internals that run SQL or reach the wire (its query executor, say) are
 * pgjdbc's and count as unseen access; settings that change how pgjdbc renders values make the connection stop
 * using the cache.
 */
public final class PostgresHandOut {

    private PostgresHandOut() {
    }

    /**
     * What to hand out for {@code unwrapped}, reached by {@code unwrap(iface)}; null when it is none of these
     * interfaces, and the caller decides.
     */
    public static Object handOut(Class<?> iface, Object unwrapped, WriteRoute route, Connection caching) {
        if ((iface == PGConnection.class || iface == BaseConnection.class) && unwrapped instanceof BaseConnection connection) {
            return Proxy.newProxyInstance(BaseConnection.class.getClassLoader(), new Class<?>[] {BaseConnection.class},
                    new ConnectionHandler(connection, route, caching));
        }
        if (iface == PGStatement.class && unwrapped instanceof PGStatement statement) {
            return Proxy.newProxyInstance(PGStatement.class.getClassLoader(), new Class<?>[] {PGStatement.class},
                    new Forwarding(statement));
        }
        return null;
    }

    /** Passes every call to the object it stands for, with that object's own exceptions. */
    private static class Forwarding implements InvocationHandler {
        private final Object target;

        Forwarding(Object target) {
            this.target = target;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> getClass().getSimpleName() + "[" + target + "]";
                };
            }
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    /**
     * pgjdbc's connection behind the caching one: JDBC calls go to the caching connection, pgjdbc's own to pgjdbc's,
     * with COPY through the write path and everything that runs SQL around the driver counted as unseen access.
     */
    private static final class ConnectionHandler extends Forwarding {

        /** BaseConnection's calls that run SQL or hand out the wire: the driver cannot see what they do. */
        private static final Set<String> AROUND_THE_DRIVER = Set.of("execSQLQuery", "execSQLUpdate",
                "getQueryExecutor", "getReplicationProtocol", "createQuery", "getFastpathAPI");
        /** pgjdbc settings under which it renders values otherwise: binary transfer, its own types for a type. */
        private static final Set<String> RENDERING_SETTINGS = Set.of("setPrepareThreshold", "addDataType");

        private final BaseConnection connection;
        private final WriteRoute route;
        private final Connection caching;

        ConnectionHandler(BaseConnection connection, WriteRoute route, Connection caching) {
            super(connection);
            this.connection = connection;
            this.route = route;
            this.caching = caching;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            Class<?> declaring = method.getDeclaringClass();
            if (declaring == Connection.class || declaring == Wrapper.class || declaring == AutoCloseable.class) {
                try {
                    return method.invoke(caching, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
            String name = method.getName();
            if (name.equals("getCopyAPI")) {
                return new RoutedCopyManager(connection, route);
            }
            Object result = super.invoke(proxy, method, args);
            if (AROUND_THE_DRIVER.contains(name)) {
                route.unseenAccess();
            } else if (RENDERING_SETTINGS.contains(name)) {
                route.renderingSettingsChanged();
            }
            return result;
        }
    }
}
