package dev.cachedjdbc.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.analysis.TableKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Readers and writers of reviews on real threads, with no scripted order, confined by the composite key (item, user),
 * by item alone, by user alone, by another column, or not at all. Reads by user begin only once writes are under
 * way, so that their column set is registered while writes are open. Whatever the interleaving, a read that begins
 * after a write of one of its rows committed must see that write or a later one.
 */
class ConcurrentReadersAndWritersByColumnsTest {

    private static final TableKey REVIEW = TableKey.of("review");
    private static final int ITEMS = 3;
    private static final int USERS = 3;
    private static final int WRITES_PER_WRITER = 500;
    private static final int WRITERS = 2;
    private static final int READERS = 2;
    private static final int READS_BETWEEN_WRITES = 4;

    private final ExecutorService threads = Executors.newFixedThreadPool(READERS + WRITERS);
    private final TableVersions versions = new TableVersions();
    private final QueryCache<String, String> cache = TestCaches.cache(TestCaches.plainSettings(), versions);
    /** The database: each review's version, item-major. */
    private final AtomicLongArray rows = new AtomicLongArray(ITEMS * USERS);
    /** Per review, the highest version whose write has committed. */
    private final AtomicLongArray committed = new AtomicLongArray(ITEMS * USERS);
    private final AtomicLong writesDone = new AtomicLong();
    private final AtomicLong readsDone = new AtomicLong();
    private final AtomicInteger writersDone = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> staleReads = new ConcurrentLinkedQueue<>();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    private static int row(int item, int user) {
        return item * USERS + user;
    }

    private static RowSelection by(String column, long value) {
        return RowSelection.of(column, value);
    }

    @Test
    void noReadReturnsAReviewOlderThanTheLastCommitOfItBeforeTheReadBegan() throws Exception {
        List<Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            workers.add(threads.submit(this::writeRandomly));
        }
        for (int i = 0; i < READERS; i++) {
            workers.add(threads.submit(this::readRandomly));
        }
        for (Future<?> worker : workers) {
            worker.get(Waiting.PATIENCE.toSeconds() * 4, TimeUnit.SECONDS);
        }

        assertThat(staleReads).isEmpty();
        assertThat(cache.statistics().hits()).as("the cache served reads, not only the database").isPositive();
    }

    private void writeRandomly() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try {
            for (int n = 0; n < WRITES_PER_WRITER; n++) {
                long readsBefore = readsDone.get();
                // Lets the readers fill and hit between writes instead of only ever missing.
                Waiting.until("readers progress", () -> readsDone.get() - readsBefore >= READS_BETWEEN_WRITES);
                int item = random.nextInt(ITEMS);
                int user = random.nextInt(USERS);
                List<Integer> written = new ArrayList<>();
                try (WriteScope write = versions.openWriteScope()) {
                    switch (random.nextInt(5)) {
                        case 0, 1 -> {
                            write.addRows(REVIEW, List.of(RowSelection.of(Map.of("i_id", new long[] {item},
                                    "u_id", new long[] {user}))), null);
                            written.add(row(item, user));
                        }
                        case 2 -> {
                            write.addRows(REVIEW, List.of(by("i_id", item)), null);
                            for (int u = 0; u < USERS; u++) {
                                written.add(row(item, u));
                            }
                        }
                        case 3 -> {
                            // Confined by a column no read is confined by: it may be any review.
                            write.addRows(REVIEW, List.of(by("rating", random.nextInt(5))), null);
                            written.add(row(item, user));
                        }
                        default -> {
                            write.add(List.of(REVIEW));
                            written.add(row(item, user));
                        }
                    }
                    for (int index : written) {
                        long version = rows.incrementAndGet(index);
                        committed.accumulateAndGet(index, version, Math::max);
                    }
                }
                writesDone.incrementAndGet();
            }
        } finally {
            writersDone.incrementAndGet();
        }
    }

    private void readRandomly() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (writersDone.get() < WRITERS) {
            int kind = random.nextInt(writesDone.get() < WRITES_PER_WRITER / 3 ? 2 : 3);
            int value = random.nextInt(ITEMS);
            List<Integer> read = new ArrayList<>();
            RowSelection rows;
            String key;
            if (kind == 0) {
                int user = random.nextInt(USERS);
                read.add(row(value, user));
                rows = RowSelection.of(Map.of("i_id", new long[] {value}, "u_id", new long[] {user}));
                key = "pair " + value + " " + user;
            } else if (kind == 1) {
                for (int u = 0; u < USERS; u++) {
                    read.add(row(value, u));
                }
                rows = by("i_id", value);
                key = "item " + value;
            } else {
                for (int i = 0; i < ITEMS; i++) {
                    read.add(row(i, value));
                }
                rows = by("u_id", value);
                key = "user " + value;
            }
            long[] committedBefore = new long[read.size()];
            for (int i = 0; i < read.size(); i++) {
                committedBefore[i] = committed.get(read.get(i));
            }
            String result = cache.getIfFresh(key);
            try {
                if (result == null) {
                    result = cache.load(key, TableReads.builder().rows(REVIEW, rows).build(),
                            TestLoader.running(() -> query(read))).row();
                }
            } catch (Exception e) {
                staleReads.add("read failed: " + e);
                return;
            }
            readsDone.incrementAndGet();
            String[] versionsRead = result.split(",");
            for (int i = 0; i < read.size(); i++) {
                if (Long.parseLong(versionsRead[i]) < committedBefore[i]) {
                    staleReads.add(key + " read version " + versionsRead[i] + " of review " + read.get(i) + " after "
                            + committedBefore[i] + " committed");
                }
            }
        }
    }

    private String query(List<Integer> read) {
        StringBuilder result = new StringBuilder();
        for (int index : read) {
            result.append(result.length() == 0 ? "" : ",").append(rows.get(index));
        }
        return result.toString();
    }
}
