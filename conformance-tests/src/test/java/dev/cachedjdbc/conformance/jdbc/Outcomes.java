package dev.cachedjdbc.conformance.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Describes what a JDBC call gave as one line of text — the Java class and the value, or the kind of failure and its
 * SQLState — so that a call through the caching driver and the same call on the database's own driver can be compared
 * exactly, and a difference shows which call and which value differ.
 */
final class Outcomes {

    private Outcomes() {
    }

    /** A call that may fail as JDBC fails. */
    @FunctionalInterface
    interface JdbcCall {
        Object call() throws Exception;
    }

    static String of(JdbcCall call) {
        try {
            return value(call.call());
        } catch (Exception e) {
            return failure(e);
        }
    }

    /**
     * What a call gave, or how it failed in full: the java.sql class of the failure, its SQLState and its vendor code,
     * so that a caller that catches SQLSyntaxErrorException or tests getErrorCode would see no difference. The
     * outcome is a value (a line of text), so that it is written down like one.
     */
    static Object detailed(JdbcCall call) {
        try {
            return call.call();
        } catch (SQLException e) {
            Class<?> kind = e.getClass();
            while (!kind.getName().startsWith("java.sql.")) {
                kind = kind.getSuperclass();
            }
            return "failed: " + kind.getSimpleName() + "[" + e.getSQLState() + ", code " + e.getErrorCode() + "]";
        } catch (Exception e) {
            return "threw " + e;
        }
    }

    /**
     * A failure by its kind and SQLState. The message is left out: it is the database driver's wording, and the
     * caching driver is only held to failing in the same way with the same code.
     */
    static String failure(Throwable failure) {
        Throwable cause = failure;
        if (cause instanceof java.lang.reflect.InvocationTargetException wrapped && wrapped.getCause() != null) {
            cause = wrapped.getCause();
        }
        if (cause instanceof SQLFeatureNotSupportedException) {
            return "unsupported";
        }
        if (cause instanceof SQLException sql) {
            return "SQLException[" + sql.getSQLState() + "]";
        }
        return "threw " + cause.getClass().getName();
    }

    /**
     * The Java class and the value; arrays, LOBs and streams by their content. A JDBC Array, Blob or Clob and a stream
     * are named by their interface: the caller can rely on nothing more, and a cached result must hand out its own
     * copy, which cannot be the database driver's class.
     */
    static String value(Object value) throws SQLException {
        if (value == null) {
            return "null";
        }
        return typeName(value) + ":" + content(value);
    }

    /** Whether an outcome line is a refusal (a failure) rather than a value. */
    static boolean isFailure(String outcome) {
        return outcome.startsWith("SQLException[") || outcome.startsWith("unsupported") || outcome.startsWith("threw ");
    }

    private static String typeName(Object value) {
        for (Class<?> handedOut : new Class<?>[] {java.sql.Array.class, Blob.class, Clob.class, Reader.class,
                InputStream.class}) {
            if (handedOut.isInstance(value)) {
                return handedOut.getName();
            }
        }
        return value.getClass().getName();
    }

    private static String content(Object value) throws SQLException {
        if (value instanceof byte[] bytes) {
            return HexFormat.of().formatHex(bytes);
        }
        if (value.getClass().isArray()) {
            StringBuilder text = new StringBuilder("[");
            for (int i = 0; i < Array.getLength(value); i++) {
                text.append(i == 0 ? "" : ", ").append(value(Array.get(value, i)));
            }
            return text.append(']').toString();
        }
        if (value instanceof java.sql.Array array) {
            return "baseType=" + array.getBaseType() + " baseTypeName=" + array.getBaseTypeName() + " elements="
                    + value(array.getArray());
        }
        if (value instanceof Blob blob) {
            return HexFormat.of().formatHex(blob.getBytes(1, (int) blob.length()));
        }
        if (value instanceof Clob clob) {
            return clob.getSubString(1, (int) clob.length());
        }
        if (value instanceof InputStream stream) {
            return HexFormat.of().formatHex(readAll(stream));
        }
        if (value instanceof Reader reader) {
            return readAll(reader);
        }
        if (value instanceof java.util.Date date) {
            // toString shows the local reading, getTime the instant: both must agree.
            return date + " @" + date.getTime();
        }
        if (value instanceof Map<?, ?> map) {
            return new TreeMap<>(map).toString();
        }
        return value.toString();
    }

    private static byte[] readAll(InputStream stream) {
        try (stream) {
            return stream.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readAll(Reader reader) {
        try (reader) {
            StringBuilder text = new StringBuilder();
            char[] buffer = new char[4096];
            for (int read; (read = reader.read(buffer)) >= 0; ) {
                text.append(buffer, 0, read);
            }
            return text.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
