package dev.cachedjdbc.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A fake driver object: records every call made on it and answers with a fresh sample value (remembered, so the
 * caller's result can be compared with it), with a value set for a method name, or by throwing a set exception.
 */
final class RecordingDelegate implements InvocationHandler {

    record Call(String methodName, List<Class<?>> parameterTypes, Object[] arguments) {
    }

    private final String description;
    private final List<Call> calls = new ArrayList<>();
    private final Map<String, Object> answersByMethodName = new HashMap<>();
    private Throwable failure;
    private Object lastAnswer;

    private RecordingDelegate(String description) {
        this.description = description;
    }

    /** A recording fake of the interface; its handler is reachable through {@link #of(Object)}. */
    static <T> T create(Class<T> type) {
        RecordingDelegate handler = new RecordingDelegate("recording " + type.getSimpleName());
        return type.cast(Proxy.newProxyInstance(RecordingDelegate.class.getClassLoader(), new Class<?>[] {type},
                handler));
    }

    static RecordingDelegate of(Object fake) {
        return (RecordingDelegate) Proxy.getInvocationHandler(fake);
    }

    /** Every later call to a method of this name answers {@code answer} (which may be null). */
    RecordingDelegate answer(String methodName, Object answer) {
        answersByMethodName.put(methodName, answer);
        return this;
    }

    /** Every later call throws {@code failure}. */
    RecordingDelegate failWith(Throwable failure) {
        this.failure = failure;
        return this;
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    Call onlyCall() {
        if (calls.size() != 1) {
            throw new AssertionError("Expected exactly one call on the delegate but saw " + calls.stream()
                    .map(call -> call.methodName() + call.parameterTypes()).toList());
        }
        return calls.get(0);
    }

    Object lastAnswer() {
        return lastAnswer;
    }

    void forgetCalls() {
        calls.clear();
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] arguments) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "toString" -> description;
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == arguments[0];
                default -> throw new AssertionError("Unexpected Object method " + method);
            };
        }
        Object[] recorded = arguments == null ? new Object[0] : arguments.clone();
        calls.add(new Call(method.getName(), Arrays.asList(method.getParameterTypes()), recorded));
        if (failure != null) {
            throw failure;
        }
        lastAnswer = answersByMethodName.containsKey(method.getName())
                ? answersByMethodName.get(method.getName())
                : SampleValues.resultFor(method);
        return lastAnswer;
    }
}
