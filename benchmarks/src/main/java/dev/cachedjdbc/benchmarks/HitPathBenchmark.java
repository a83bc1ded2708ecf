package dev.cachedjdbc.benchmarks;

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
 * A cached read against the same read through the database's own driver: prepare, bind, execute, read all rows,
 * close. Every key the cached variants ask for is loaded before measuring, and the tear-down checks that no
 * measured call missed.
 *
 * <p>{@code cachedNewSqlString} passes a new String instance with the same text on every call, as ORMs that build
 * their SQL per call do: the driver then cannot reuse the text's cached hash code.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HitPathBenchmark {

    @Param({"h2", "postgresql"})
    public String database;

    @Param({"1", "10", "100", "1000"})
    public int rows;

    private Connection plain;
    private Connection cached;
    private String sql;
    private KeyCycle keys;
    private CacheCounters before;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        BenchmarkDatabase target = BenchmarkDatabase.named(database);
        plain = target.plain();
        ItemsTable.create(plain);
        cached = target.cached();
        sql = ItemsTable.queryFor(rows);
        keys = new KeyCycle(rows);
        for (int i = 0; i < KeyCycle.KEYS; i++) {
            int read = ItemsTable.load(cached, sql, rows, keys.key(i));
            if (read != rows) {
                throw new IllegalStateException("expected " + rows + " rows, read " + read);
            }
        }
        before = CacheCounters.of(cached);
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        CacheCounters measured = CacheCounters.of(cached).since(before);
        if (measured.misses() > 0) {
            throw new IllegalStateException("a hit benchmark missed " + measured.misses() + " times: " + measured);
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
    public int cachedSameSqlString(Blackhole sink) throws SQLException {
        return ItemsTable.query(cached, sql, rows, keys.next(), sink);
    }

    @Benchmark
    public int cachedNewSqlString(Blackhole sink) throws SQLException {
        return ItemsTable.query(cached, new String(sql), rows, keys.next(), sink);
    }
}
