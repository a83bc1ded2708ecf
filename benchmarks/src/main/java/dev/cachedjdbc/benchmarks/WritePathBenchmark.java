package dev.cachedjdbc.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * An autocommit update by primary key through the caching driver against the same update through the database's
 * driver: the cost of invalidation (write scope, version bumps, the dependency check). Cached results of the table
 * exist while it runs, as they would in an application. The same update in a transaction of its own, committed,
 * shows what announcing writes to other instances costs ({@code cache.coherence}: auto is notify on PostgreSQL and
 * local on H2; the {@code …Local} variants turn announcing off).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class WritePathBenchmark {

    @Param({"h2", "postgresql"})
    public String database;

    private Connection plain;
    private Connection cached;
    private Connection cachedLocal;
    private Connection plainInTransactions;
    private Connection cachedInTransactions;
    private Connection cachedLocalInTransactions;
    private int nextKey;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        BenchmarkDatabase target = BenchmarkDatabase.named(database);
        plain = target.plain();
        ItemsTable.create(plain);
        cached = target.cached();
        cachedLocal = target.cached("local");
        plainInTransactions = target.plain();
        cachedInTransactions = target.cached();
        cachedLocalInTransactions = target.cached("local");
        for (Connection connection : new Connection[] {plainInTransactions, cachedInTransactions,
                cachedLocalInTransactions}) {
            connection.setAutoCommit(false);
        }
        KeyCycle keys = new KeyCycle(1);
        for (int i = 0; i < KeyCycle.KEYS; i++) {
            ItemsTable.load(cached, ItemsTable.BY_KEY, 1, keys.key(i));
        }
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        cached.close();
        cachedLocal.close();
        plainInTransactions.close();
        cachedInTransactions.close();
        cachedLocalInTransactions.close();
        ItemsTable.drop(plain);
        plain.close();
    }

    @Benchmark
    public int plainDriver() throws SQLException {
        return update(plain);
    }

    @Benchmark
    public int cachedDriver() throws SQLException {
        return update(cached);
    }

    @Benchmark
    public int cachedDriverLocal() throws SQLException {
        return update(cachedLocal);
    }

    @Benchmark
    public int plainTransaction() throws SQLException {
        return updateAndCommit(plainInTransactions);
    }

    @Benchmark
    public int cachedTransaction() throws SQLException {
        return updateAndCommit(cachedInTransactions);
    }

    @Benchmark
    public int cachedTransactionLocal() throws SQLException {
        return updateAndCommit(cachedLocalInTransactions);
    }

    private int updateAndCommit(Connection connection) throws SQLException {
        int updated = update(connection);
        connection.commit();
        return updated;
    }

    private int update(Connection connection) throws SQLException {
        nextKey = nextKey % ItemsTable.ROWS + 1;
        try (PreparedStatement update = connection.prepareStatement(ItemsTable.UPDATE_BY_KEY)) {
            update.setInt(1, nextKey);
            return update.executeUpdate();
        }
    }
}
