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
 * What each {@code cache.coherence} mode costs a writer on PostgreSQL, in one run: an update by primary key in
 * autocommit, and the same update in a transaction of its own, committed, through the plain driver and through the
 * caching driver with {@code local} (hears only its own JVM), {@code notify} (announces on LISTEN/NOTIFY) and
 * {@code logical} (follows logical decoding; the writer announces nothing, the server decodes). Cached results of the
 * table exist while it runs, as they would in an application. Needs the PostgreSQL of {@link BenchmarkDatabase} with
 * {@code wal_level=logical}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CoherenceWriteBenchmark {

    @Param({"plain", "local", "notify", "logical"})
    public String coherence;

    private Connection autocommit;
    private Connection inTransactions;
    private int nextKey;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        BenchmarkDatabase target = BenchmarkDatabase.named("postgresql");
        try (Connection plain = target.plain()) {
            ItemsTable.create(plain);
        }
        autocommit = connect(target);
        inTransactions = connect(target);
        inTransactions.setAutoCommit(false);
        KeyCycle keys = new KeyCycle(1);
        for (int i = 0; i < KeyCycle.KEYS; i++) {
            ItemsTable.load(autocommit, ItemsTable.BY_KEY, 1, keys.key(i));
        }
    }

    private Connection connect(BenchmarkDatabase target) throws SQLException {
        return coherence.equals("plain") ? target.plain() : target.cached(coherence);
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        autocommit.close();
        inTransactions.close();
    }

    @Benchmark
    public int autocommitUpdate() throws SQLException {
        return update(autocommit);
    }

    @Benchmark
    public int transactionUpdate() throws SQLException {
        int updated = update(inTransactions);
        inTransactions.commit();
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
