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
 * A statement the driver has never seen: every call sends a new text (a literal changes), so the caching driver
 * analyses it cold (lexing, parsing, the table walk), misses, runs it and stores the result. The plain driver gets
 * the same new text, which it and the database also meet for the first time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FirstSightBenchmark {

    private static final String TEMPLATE = "SELECT id, name, price, stock FROM bm_items WHERE id = ? AND name <> 'absent %d'";

    @Param({"h2", "postgresql"})
    public String database;

    private Connection plain;
    private Connection cached;
    private long sequence;
    private int nextKey;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        BenchmarkDatabase target = BenchmarkDatabase.named(database);
        plain = target.plain();
        ItemsTable.create(plain);
        cached = target.cached();
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        cached.close();
        ItemsTable.drop(plain);
        plain.close();
    }

    @Benchmark
    public int plainDriver(Blackhole sink) throws SQLException {
        return ItemsTable.query(plain, nextText(), 1, nextKey(), sink);
    }

    @Benchmark
    public int cachedDriver(Blackhole sink) throws SQLException {
        return ItemsTable.query(cached, nextText(), 1, nextKey(), sink);
    }

    private String nextText() {
        return String.format(TEMPLATE, sequence++);
    }

    private int nextKey() {
        nextKey = nextKey % ItemsTable.ROWS + 1;
        return nextKey;
    }
}
