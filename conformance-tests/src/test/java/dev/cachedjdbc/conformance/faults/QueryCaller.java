package dev.cachedjdbc.conformance.faults;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One application thread with its own connection, running one query in the background so that a test can stage a
 * fault while the query waits, then collect what the caller got and how long it took.
 */
final class QueryCaller implements AutoCloseable {

    private final String name;
    private final Connection connection;
    private final int backendPid;
    private volatile Statement statement;
    private CompletableFuture<CallerOutcome> outcome;

    QueryCaller(String name, Connection connection) throws SQLException {
        this.name = name;
        this.connection = connection;
        this.backendPid = PostgresAdmin.backendPid(connection);
    }

    Connection connection() {
        return connection;
    }

    int backendPid() {
        return backendPid;
    }

    /** Runs the query on a thread of its own; {@code setup} prepares the statement first (a query timeout, say). */
    void start(String sql, StatementSetup setup) throws SQLException {
        Statement created = connection.createStatement();
        setup.apply(created);
        statement = created;
        outcome = CompletableFuture.supplyAsync(() -> run(created, sql), command -> {
            Thread thread = new Thread(command, "sk-fault-" + name);
            thread.setDaemon(true);
            thread.start();
        });
    }

    void start(String sql) throws SQLException {
        start(sql, statement -> { });
    }

    /** The statement the query runs on, for {@link Statement#cancel()}. */
    Statement statement() {
        return statement;
    }

    boolean finished() {
        return outcome != null && outcome.isDone();
    }

    /** What the caller got; fails the test when the query has not ended within the bound. */
    CallerOutcome outcome(Duration bound) throws InterruptedException {
        try {
            return outcome.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(name + " still waits " + bound + " after it should have ended");
        } catch (ExecutionException e) {
            throw new AssertionError(name + " failed unexpectedly", e.getCause());
        }
    }

    private static CallerOutcome run(Statement statement, String sql) {
        long start = System.nanoTime();
        try (ResultSet rows = statement.executeQuery(sql)) {
            List<String> read = new ArrayList<>();
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                StringBuilder row = new StringBuilder();
                for (int column = 1; column <= columns; column++) {
                    row.append(column == 1 ? "" : "|").append(rows.getString(column));
                }
                read.add(row.toString());
            }
            return CallerOutcome.rows(read.toString(), elapsedMillis(start));
        } catch (SQLException | RuntimeException e) {
            return CallerOutcome.failed(e, elapsedMillis(start));
        }
    }

    private static long elapsedMillis(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // a connection the test had terminated cannot be closed cleanly, and need not be
        }
    }

    @FunctionalInterface
    interface StatementSetup {
        void apply(Statement statement) throws SQLException;
    }
}
