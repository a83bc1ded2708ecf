package dev.cachedjdbc.cache;

/** A failure of a test query, standing in for the database's own exceptions. */
final class QueryFailure extends Exception {

    private final boolean copy;

    QueryFailure(String message, boolean copy) {
        super(message);
        this.copy = copy;
    }

    boolean isCopy() {
        return copy;
    }
}
