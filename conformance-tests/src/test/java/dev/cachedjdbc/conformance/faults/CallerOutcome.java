package dev.cachedjdbc.conformance.faults;

import java.sql.SQLException;

/**
 * What one caller got from one execution, reduced to what the application can tell apart: the rows it read, or
 * the exception's class and SQLState. Two outcomes of the same kind are equal; the time taken is kept aside.
 */
record CallerOutcome(String kind, Throwable failure, long millis) {

    static CallerOutcome rows(String rows, long millis) {
        return new CallerOutcome("rows " + rows, null, millis);
    }

    static CallerOutcome failed(Throwable failure, long millis) {
        String state = failure instanceof SQLException sql ? " SQLState " + sql.getSQLState() : "";
        return new CallerOutcome(failure.getClass().getName() + state, failure, millis);
    }

    SQLException sqlFailure() {
        return failure instanceof SQLException sql ? sql : null;
    }

    @Override
    public String toString() {
        return kind + (failure == null ? "" : " (" + failure.getMessage() + ")") + " after " + millis + " ms";
    }
}
