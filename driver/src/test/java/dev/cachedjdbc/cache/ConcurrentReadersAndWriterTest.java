package dev.cachedjdbc.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.analysis.TableKey;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Readers and a writer on real threads, with no scripted order: whatever the interleaving, a read that begins
 * after a write committed must see that write or a later one.
 */
class ConcurrentReadersAndWriterTest {

    private static final List<TableKey> ORDERS = List.of(TableKey.of("orders"));
    private static final int WRITES = 500;
    private static final int READS_BETWEEN_WRITES = 8;
    private static final int READERS = 2;

    private final ExecutorService threads = Executors.newFixedThreadPool(READERS + 1);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void noReadReturnsARowOlderThanTheLastCommitBeforeItBegan() throws Exception {
        TableVersions versions = new TableVersions();
        QueryCache<String, String> cache = TestCaches.cache(TestCaches.plainSettings(), versions);
        FakeDatabase database = new FakeDatabase();
        database.commit("orders", "0");
        AtomicLong lastCommitted = new AtomicLong();
        AtomicLong readsDone = new AtomicLong();
        AtomicBoolean writerDone = new AtomicBoolean();
        ConcurrentLinkedQueue<String> staleReads = new ConcurrentLinkedQueue<>();
        TestLoader readingOrders = TestLoader.running(() -> database.query("orders"));

        Runnable reader = () -> {
            try {
                while (!writerDone.get()) {
                    long committedBefore = lastCommitted.get();
                    String row = cache.getIfFresh("q");
                    if (row == null) {
                        row = cache.load("q", ORDERS, readingOrders).row();
                    }
                    if (Long.parseLong(row) < committedBefore) {
                        staleReads.add("read " + row + " after " + committedBefore + " committed");
                    }
                    readsDone.incrementAndGet();
                }
            } catch (Exception e) {
                staleReads.add("reader failed: " + e);
            }
        };
        List<Future<?>> readers = List.of(threads.submit(reader), threads.submit(reader));
        Future<?> writer = threads.submit(() -> {
            try {
                for (long n = 1; n <= WRITES; n++) {
                    long readsBefore = readsDone.get();
                    // Lets the readers fill and hit between writes instead of only ever missing.
                    Waiting.until("readers progress", () -> readsDone.get() - readsBefore >= READS_BETWEEN_WRITES);
                    try (WriteScope write = versions.openWriteScope()) {
                        write.add(ORDERS);
                        database.commit("orders", Long.toString(n));
                        lastCommitted.set(n);
                    }
                }
            } finally {
                writerDone.set(true);
            }
        });

        writer.get(Waiting.PATIENCE.toSeconds(), TimeUnit.SECONDS);
        for (Future<?> each : readers) {
            each.get(Waiting.PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }

        assertThat(staleReads).isEmpty();
        assertThat(cache.statistics().hits()).as("the cache served reads, not only the database").isPositive();
    }
}
