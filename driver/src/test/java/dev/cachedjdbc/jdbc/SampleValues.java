package dev.cachedjdbc.jdbc;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.net.MalformedURLException;
import java.net.URL;
import java.sql.Date;
import java.sql.SQLWarning;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.Properties;

/**
 * Distinct values of any type that appears in the wrapped JDBC interfaces, for calling methods reflectively and
 * for answering them from a fake delegate. Reference values are fresh objects, so passing one through can be
 * checked by identity; primitive values depend on the position, so swapped arguments show.
 */
final class SampleValues {

    private SampleValues() {
    }

    static Object[] argumentsFor(Method method) {
        Class<?>[] types = method.getParameterTypes();
        Object[] arguments = new Object[types.length];
        for (int position = 0; position < types.length; position++) {
            arguments[position] = of(types[position], position);
        }
        return arguments;
    }

    /** What a fake delegate answers: a value that no argument of the same call can be confused with. */
    static Object resultFor(Method method) {
        Class<?> type = method.getReturnType();
        return type == void.class ? null : of(type, 90);
    }

    static Object of(Class<?> type, int position) {
        if (type.isPrimitive()) {
            return primitive(type, position);
        }
        if (type.isArray()) {
            return array(type.getComponentType(), position);
        }
        if (type.isEnum()) {
            return type.getEnumConstants()[position % type.getEnumConstants().length];
        }
        if (type.isInterface()) {
            return inert(type, "sample " + type.getSimpleName() + " #" + position);
        }
        return instance(type, position);
    }

    /** An object of the interface that answers every call with null, zero or false. */
    static <T> T inert(Class<T> type, String description) {
        return type.cast(Proxy.newProxyInstance(SampleValues.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, arguments) -> {
                    switch (method.getName()) {
                        case "toString":
                            if (method.getParameterCount() == 0) {
                                return description;
                            }
                            break;
                        case "hashCode":
                            if (method.getParameterCount() == 0) {
                                return System.identityHashCode(proxy);
                            }
                            break;
                        case "equals":
                            if (method.getParameterCount() == 1 && method.getParameterTypes()[0] == Object.class) {
                                return proxy == arguments[0];
                            }
                            break;
                        default:
                            break;
                    }
                    return zeroOf(method.getReturnType());
                }));
    }

    static Object zeroOf(Class<?> type) {
        if (!type.isPrimitive() || type == void.class) {
            return null;
        }
        if (type == boolean.class) {
            return false;
        }
        return primitive(type, 0);
    }

    private static Object primitive(Class<?> type, int position) {
        if (type == boolean.class) {
            return position % 2 == 0;
        }
        if (type == int.class) {
            return 100 + position;
        }
        if (type == long.class) {
            return 2_000_000_000_000L + position;
        }
        if (type == short.class) {
            return (short) (300 + position);
        }
        if (type == byte.class) {
            return (byte) (40 + position);
        }
        if (type == float.class) {
            return 5.25f + position;
        }
        if (type == double.class) {
            return 6.75 + position;
        }
        if (type == char.class) {
            return (char) ('a' + position);
        }
        throw new AssertionError("No sample value for " + type);
    }

    private static Object array(Class<?> componentType, int position) {
        if (componentType == int.class) {
            return new int[] {position, position + 1};
        }
        if (componentType == long.class) {
            return new long[] {position, position + 1L};
        }
        if (componentType == byte.class) {
            return new byte[] {(byte) position};
        }
        if (componentType == String.class) {
            return new String[] {"column-" + position};
        }
        if (componentType == Object.class) {
            return new Object[] {new Object()};
        }
        throw new AssertionError("No sample value for " + componentType + "[]; teach SampleValues about it");
    }

    private static Object instance(Class<?> type, int position) {
        if (type == String.class) {
            return "sample-" + position;
        }
        if (type == Object.class) {
            return new Object();
        }
        if (type == Class.class) {
            return String.class;
        }
        if (type == BigDecimal.class) {
            return new BigDecimal(position + ".5");
        }
        if (type == Date.class) {
            return new Date(86_400_000L * position);
        }
        if (type == Time.class) {
            return new Time(1_000L * position);
        }
        if (type == Timestamp.class) {
            return new Timestamp(1_000_000L * position);
        }
        if (type == Calendar.class) {
            return Calendar.getInstance();
        }
        if (type == InputStream.class) {
            return new ByteArrayInputStream(new byte[] {(byte) position});
        }
        if (type == Reader.class) {
            return new StringReader("reader-" + position);
        }
        if (type == Properties.class) {
            return new Properties();
        }
        if (type == SQLWarning.class) {
            return new SQLWarning("warning-" + position);
        }
        if (type == URL.class) {
            try {
                return new URL("http://sample.invalid/" + position);
            } catch (MalformedURLException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("No sample value for " + type + "; teach SampleValues about it");
    }
}
