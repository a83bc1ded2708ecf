package dev.cachedjdbc.result;

/**
 * A cell held a value that cannot be kept safely beyond the life of its result set: a LOB, a SQLXML, a struct, a
 * stream, or a class whose mutability is unknown. The result is then streamed to the caller instead of cached.
 */
final class UnsnapshottableValueException extends Exception {

    private final Class<?> valueClass;

    UnsnapshottableValueException(Class<?> valueClass) {
        super("a value of " + valueClass.getName() + " cannot be kept beyond its result set");
        this.valueClass = valueClass;
    }

    Class<?> valueClass() {
        return valueClass;
    }
}
