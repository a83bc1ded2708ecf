package dev.cachedjdbc.benchmarks;

import dev.cachedjdbc.driver.CacheControl;
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
    /** Executions through the caching driver while measuring: every one of them must have been a hit. */
    private long cachedCalls;

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
        cachedCalls = 0;
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        CacheCounters measured = CacheCounters.of(cached).since(before);
        if (measured.hits() != cachedCalls) {
            throw new IllegalStateException("a hit benchmark made " + cachedCalls + " cached calls but " + measured
                    + "; " + cached.unwrap(CacheControl.class).explain(sql));
        }
        cached.close();
        ItemsTable.drop(plain);
        plain.close();
    }

    @Benchmark
    public int plainDriver(Blackhole sink) throws SQLException {
        return ItemsTable.query(plain, sql, rows, keys.next(), sink);
    }

    /**
     * The database driver's own statement, which a hit still creates and closes: prepare, bind and close on the
     * plain driver without executing. Shows how much of a hit is spent below the caching driver.
     */
    @Benchmark
    public void plainPrepareBindClose() throws SQLException {
        try (PreparedStatement statement = plain.prepareStatement(sql)) {
            ItemsTable.bind(statement, rows, keys.next());
        }
    }

    @Benchmark
    public int cachedSameSqlString(Blackhole sink) throws SQLException {
        cachedCalls++;
        return ItemsTable.query(cached, sql, rows, keys.next(), sink);
    }

    @Benchmark
    public int cachedNewSqlString(Blackhole sink) throws SQLException {
        cachedCalls++;
        return ItemsTable.query(cached, new String(sql), rows, keys.next(), sink);
    }
}
