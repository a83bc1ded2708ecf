package dev.cachedjdbc.postgres;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import org.postgresql.PGConnection;
import org.postgresql.PGStatement;
import org.postgresql.core.BaseConnection;

/**
 * The pgjdbc interfaces the driver hands out in place of pgjdbc's own objects, so that unwrapping to them does not
 * lead around the cache: a {@link PGConnection} whose copy API runs through the connection's write path and whose
 * fastpath API counts as unseen access, and a {@link PGStatement} that offers only what that interface offers.
 */
public final class PostgresHandOut {

    private PostgresHandOut() {
    }

    /**
     * What to hand out for {@code unwrapped}, reached by {@code unwrap(iface)}; null when it is none of these
     * interfaces, and the caller decides.
     */
    public static Object handOut(Class<?> iface, Object unwrapped, WriteRoute route) {
        if (iface == PGConnection.class && unwrapped instanceof BaseConnection connection) {
            return Proxy.newProxyInstance(PGConnection.class.getClassLoader(), new Class<?>[] {PGConnection.class},
                    new ConnectionHandler(connection, route));
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

    /** pgjdbc's connection behind {@link PGConnection} alone, with COPY through the write path. */
    private static final class ConnectionHandler extends Forwarding {
        private final BaseConnection connection;
        private final WriteRoute route;

        ConnectionHandler(BaseConnection connection, WriteRoute route) {
            super(connection);
            this.connection = connection;
            this.route = route;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "getCopyAPI" -> {
                    return new RoutedCopyManager(connection, route);
                }
                case "getFastpathAPI" -> {
                    // Fastpath calls any function by its oid, a statement the driver never sees.
                    Object fastpath = super.invoke(proxy, method, args);
                    route.unseenAccess();
                    return fastpath;
                }
                default -> {
                    return super.invoke(proxy, method, args);
                }
            }
        }
    }
}
