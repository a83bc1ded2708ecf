package dev.cachedjdbc.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachedjdbc.jdbc.WrappedType.Handling;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Calls every method of every delegating class on a wrapper around a recording fake and checks what reached the
 * fake: pass-through methods must hand on the very arguments and return the very result, and every method must let
 * the delegate's exception out as the same instance.
 */
class DelegatingMethodsReachTheDelegateTest {

    @TestFactory
    Stream<DynamicTest> passThroughMethodsHandTheSameArgumentsToTheDelegateAndReturnItsResult() {
        return Arrays.stream(WrappedType.values()).flatMap(type -> type.methods(Handling.PASSES_THROUGH).stream()
                .map(method -> DynamicTest.dynamicTest(name(type, method), () -> assertPassesThrough(type, method))));
    }

    @TestFactory
    Stream<DynamicTest> everyMethodLetsTheDelegatesExceptionOutUnchanged() {
        return Arrays.stream(WrappedType.values()).flatMap(type -> type.methods().stream()
                .map(method -> DynamicTest.dynamicTest(name(type, method),
                        () -> assertRethrowsUnchanged(type, method))));
    }

    private static void assertPassesThrough(WrappedType type, Method method) throws Exception {
        Object delegate = RecordingDelegate.create(type.jdbcInterface);
        AbstractWrapper<?> wrapper = type.wrap(delegate, type.sampleParent());
        Object[] arguments = SampleValues.argumentsFor(method);

        Object result = invoke(method, wrapper, arguments);

        RecordingDelegate recording = RecordingDelegate.of(delegate);
        RecordingDelegate.Call call = recording.onlyCall();
        assertThat(call.methodName()).isEqualTo(method.getName());
        assertThat(call.parameterTypes()).containsExactly(method.getParameterTypes());
        for (int position = 0; position < arguments.length; position++) {
            if (method.getParameterTypes()[position].isPrimitive()) {
                assertThat(call.arguments()[position]).as("argument %d", position).isEqualTo(arguments[position]);
            } else {
                assertThat(call.arguments()[position]).as("argument %d", position).isSameAs(arguments[position]);
            }
        }
        if (method.getReturnType().isPrimitive()) {
            assertThat(result).isEqualTo(recording.lastAnswer());
        } else {
            assertThat(result).isSameAs(recording.lastAnswer());
        }
    }

    private static void assertRethrowsUnchanged(WrappedType type, Method method) throws Exception {
        List<Throwable> failures = new ArrayList<>();
        failures.add(new IllegalStateException("unchecked failure of the delegate"));
        for (Class<?> declared : method.getExceptionTypes()) {
            failures.add((Throwable) declared.getDeclaredConstructor().newInstance());
        }
        for (Throwable failure : failures) {
            Object delegate = RecordingDelegate.create(type.jdbcInterface);
            RecordingDelegate.of(delegate).failWith(failure);
            AbstractWrapper<?> wrapper = type.wrap(delegate, type.sampleParent());

            assertThatThrownBy(() -> invoke(method, wrapper, SampleValues.argumentsFor(method)))
                    .isSameAs(failure);
        }
    }

    /** Calls the method as the application would, so what the wrapper throws is thrown here unchanged. */
    static Object invoke(Method method, Object target, Object[] arguments) throws Exception {
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            Throwable thrown = e.getCause();
            if (thrown instanceof Exception exception) {
                throw exception;
            }
            throw (Error) thrown;
        }
    }

    static String name(WrappedType type, Method method) {
        return type.jdbcInterface.getSimpleName() + "." + WrappedType.signature(method);
    }
}
