package dev.cachedjdbc.vendor.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import org.postgresql.copy.CopyDual;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.copy.CopyOperation;
import org.postgresql.copy.CopyOut;
import org.postgresql.core.BaseConnection;
import org.postgresql.util.ByteStreamWriter;

/**
 * pgjdbc's copy API, with every COPY run as the caching connection runs a statement of its text: COPY … FROM writes
 * its table (invalidating before and after in autocommit, joining the transaction's writes otherwise), COPY (query)
 * TO reads, and may write where its query calls users' code. A copy operation handed out to be fed or read piece by
 * piece holds its writes open until it ends (endCopy, cancelCopy, the end of its data, or a failure that ends it).
 */
final class RoutedCopyManager extends CopyManager {

    private final CopyManager copies;
    private final WriteRoute route;

    RoutedCopyManager(BaseConnection connection, WriteRoute route) throws SQLException {
        super(connection);
        this.copies = connection.getCopyAPI();
        this.route = route;
    }

    @Override
    public CopyIn copyIn(String sql) throws SQLException {
        WriteRoute.Held held = route.hold(sql);
        return held(() -> copies.copyIn(sql), CopyIn.class, held);
    }

    @Override
    public CopyOut copyOut(String sql) throws SQLException {
        WriteRoute.Held held = route.hold(sql);
        return held(() -> copies.copyOut(sql), CopyOut.class, held);
    }

    @Override
    public CopyDual copyDual(String sql) throws SQLException {
        WriteRoute.Held held = route.hold(sql);
        return held(() -> copies.copyDual(sql), CopyDual.class, held);
    }

    @Override
    public long copyOut(String sql, Writer to) throws SQLException, IOException {
        return routed(sql, () -> copies.copyOut(sql, to));
    }

    @Override
    public long copyOut(String sql, OutputStream to) throws SQLException, IOException {
        return routed(sql, () -> copies.copyOut(sql, to));
    }

    @Override
    public long copyIn(String sql, Reader from) throws SQLException, IOException {
        return routed(sql, () -> copies.copyIn(sql, from));
    }

    @Override
    public long copyIn(String sql, Reader from, int bufferSize) throws SQLException, IOException {
        return routed(sql, () -> copies.copyIn(sql, from, bufferSize));
    }

    @Override
    public long copyIn(String sql, InputStream from) throws SQLException, IOException {
        return routed(sql, () -> copies.copyIn(sql, from));
    }

    @Override
    public long copyIn(String sql, InputStream from, int bufferSize) throws SQLException, IOException {
        return routed(sql, () -> copies.copyIn(sql, from, bufferSize));
    }

    @Override
    public long copyIn(String sql, ByteStreamWriter from) throws SQLException, IOException {
        return routed(sql, () -> copies.copyIn(sql, from));
    }

    /** A whole copy, from a source or into a sink, that the caller's thread runs to its end. */
    @FunctionalInterface
    private interface Transfer {
        long run() throws SQLException, IOException;
    }

    private long routed(String sql, Transfer transfer) throws SQLException, IOException {
        try {
            return route.run(sql, () -> {
                try {
                    return transfer.run();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static <T extends CopyOperation> T held(WriteRoute.Work<T> start, Class<T> type, WriteRoute.Held held)
            throws SQLException {
        T operation;
        try {
            operation = start.run();
        } catch (SQLException | RuntimeException | Error e) {
            held.end();
            throw e;
        }
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                new HeldOperation(operation, held)));
    }

    /** A copy operation whose held writes end when it does. */
    private static final class HeldOperation implements InvocationHandler {
        private final CopyOperation operation;
        private final WriteRoute.Held held;

        HeldOperation(CopyOperation operation, WriteRoute.Held held) {
            this.operation = operation;
            this.held = held;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "HeldOperation[" + operation + "]";
                };
            }
            Object result;
            try {
                result = method.invoke(operation, args);
            } catch (InvocationTargetException e) {
                if (!operation.isActive()) {
                    held.end();
                }
                throw e.getCause();
            }
            String name = method.getName();
            if (name.equals("endCopy") || name.equals("cancelCopy")
                    || (name.equals("readFromCopy") && result == null) || !operation.isActive()) {
                held.end();
            }
            return result;
        }
    }
}
