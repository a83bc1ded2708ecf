package dev.cachedjdbc.benchmarks;

import dev.cachedjdbc.driver.CacheControl;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * What the driver adds to a query it has to run: a miss with the statement's analysis and plan already warm.
 *
 * <p>Each cached call first marks the table as changed ({@link CacheControl#invalidateTable}, one version bump — what
 * a write made elsewhere costs), so the lookup finds the entry stale and the driver runs the whole miss: stale
 * entry dropped, version stamp taken, single-flight registration, the query, the capture of every row, the store.
 * This measures the miss and nothing else; cycling through more distinct keys than fit would add Caffeine's eviction
 * work and let the bound decide what is measured. The plain driver runs the same query.
 *
 * <p>A statement whose results are always stale before they are read is what {@code cache.admission} passes through
 * without capture after a few dozen executions: {@link #cachedMiss} runs with admission off, so that it measures the
 * captured miss, and {@link #bypassedMiss} with admission on, once the statement is passed through.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MissPathBenchmark {

    @Param({"h2", "postgresql"})
    public String database;

    @Param({"1", "100"})
    public int rows;

    private Connection plain;
    private Connection cached;
    private CacheControl control;
    private Connection admitting;
    private CacheControl admittingControl;
    private String sql;
    private KeyCycle keys;
    private CacheCounters before;
    private CacheCounters admittingBefore;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        BenchmarkDatabase target = BenchmarkDatabase.named(database);
        plain = target.plain();
        ItemsTable.create(plain);
        cached = target.cachedWith("cache.admission", "false");
        control = cached.unwrap(CacheControl.class);
        sql = ItemsTable.queryFor(rows);
        keys = new KeyCycle(rows);
        admitting = target.cached();
        admittingControl = admitting.unwrap(CacheControl.class);
        BypassedStatement.learn(admitting, sql, rows, keys);
        before = CacheCounters.of(cached);
        admittingBefore = CacheCounters.of(admitting);
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        for (CacheCounters measured : List.of(CacheCounters.of(cached).since(before),
                CacheCounters.of(admitting).since(admittingBefore))) {
            if (measured.hits() > 0 || measured.loads() != measured.misses()) {
                throw new IllegalStateException("a miss benchmark did not miss on every call: " + measured);
            }
        }
        if (!admittingControl.explain(sql).contains("not cached now")) {
            throw new IllegalStateException("the bypassed miss was admitted again: " + admittingControl.explain(sql));
        }
        cached.close();
        admitting.close();
        ItemsTable.drop(plain);
        plain.close();
    }

    @Benchmark
    public int plainDriver(Blackhole sink) throws SQLException {
        return ItemsTable.query(plain, sql, rows, keys.next(), sink);
    }

    @Benchmark
    public int cachedMiss(Blackhole sink) throws SQLException {
        control.invalidateTable(ItemsTable.TABLE);
        return ItemsTable.query(cached, sql, rows, keys.next(), sink);
    }

    /** The same miss of a statement that admission passes through: looked up, then run without capture. */
    @Benchmark
    public int bypassedMiss(Blackhole sink) throws SQLException {
        admittingControl.invalidateTable(ItemsTable.TABLE);
        return ItemsTable.query(admitting, sql, rows, keys.next(), sink);
    }
}
