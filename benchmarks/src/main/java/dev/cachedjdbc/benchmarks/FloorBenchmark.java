package dev.cachedjdbc.benchmarks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.math.BigDecimal;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The least any in-memory result cache can cost: one Caffeine lookup by SQL text and parameters, then a walk over
 * prebuilt rows reading the same four columns the JDBC benchmarks read. No JDBC, no freshness check, no copies;
 * the caching driver's hit is measured against it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FloorBenchmark {

    @Param({"1", "10", "100", "1000"})
    public int rows;

    private record Key(String sql, int firstKey, int lastKey) {
    }

    private Cache<Key, Object[][]> cache;
    private String sql;
    private KeyCycle keys;

    @Setup(Level.Trial)
    public void fill() {
        cache = Caffeine.newBuilder().maximumSize(10_000).build();
        sql = ItemsTable.queryFor(rows);
        keys = new KeyCycle(rows);
        for (int i = 0; i < KeyCycle.KEYS; i++) {
            int first = keys.key(i);
            Object[][] result = new Object[rows][];
            for (int row = 0; row < rows; row++) {
                int id = first + row;
                result[row] = new Object[] {id, "item number " + id, BigDecimal.valueOf(id % 10_000, 2), id % 97};
            }
            cache.put(new Key(sql, first, first + rows), result);
        }
    }

    @Benchmark
    public int lookupAndWalk(Blackhole sink) {
        int first = keys.next();
        Object[][] result = cache.getIfPresent(new Key(sql, first, first + rows));
        for (Object[] row : result) {
            sink.consume(((Integer) row[0]).intValue());
            sink.consume((String) row[1]);
            sink.consume((BigDecimal) row[2]);
            sink.consume(((Integer) row[3]).intValue());
        }
        return result.length;
    }
}
