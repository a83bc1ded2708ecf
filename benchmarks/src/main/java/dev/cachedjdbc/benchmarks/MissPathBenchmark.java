package dev.cachedjdbc.benchmarks;

import dev.cachedjdbc.driver.CacheControl;
import java.sql.Connection;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * What the driver adds to a query it has to run: a miss with the statement's analysis and plan already warm.
 *
 * <p>Each cached call first marks the table as changed ({@link CacheControl#invalidateTable}, one version bump — what
 * a write made elsewhere costs), so the lookup finds the entry stale and the driver runs the whole miss: stale
 * entry dropped, version stamp taken, single-flight registration, the query, the capture of every row, the store.
 * This measures the miss and nothing else; cycling through more distinct keys than fit would add Caffeine's eviction
 * work and let the bound decide what is measured. The plain driver runs the same query.
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
    private String sql;
    private KeyCycle keys;
    private CacheCounters before;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        BenchmarkDatabase target = BenchmarkDatabase.named(database);
        plain = target.plain();
        ItemsTable.create(plain);
        cached = target.cached();
        control = cached.unwrap(CacheControl.class);
        sql = ItemsTable.queryFor(rows);
        keys = new KeyCycle(rows);
        before = CacheCounters.of(cached);
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        CacheCounters measured = CacheCounters.of(cached).since(before);
        if (measured.hits() > 0 || measured.loads() != measured.misses()) {
            throw new IllegalStateException("a miss benchmark did not miss on every call: " + measured);
        }
        cached.close();
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
}
