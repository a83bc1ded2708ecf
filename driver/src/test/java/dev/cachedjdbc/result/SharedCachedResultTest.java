package dev.cachedjdbc.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One CachedResult serves many hits: each hit's result set is independent and none copies the rows. */
class SharedCachedResultTest {

    private H2Results h2;
    private CachedResult result;

    @BeforeEach
    void capture() throws SQLException {
        h2 = new H2Results().numbered("numbers", 100);
        result = h2.capture("SELECT id, label FROM numbers ORDER BY id");
    }

    @AfterEach
    void close() throws SQLException {
        h2.close();
    }

    @Test
    void twoResultSetsOverOneResultMoveReadAndCloseIndependently() throws SQLException {
        CachedResultSet first = new CachedResultSet(result, null, ResultSet.TYPE_FORWARD_ONLY);
        CachedResultSet second = new CachedResultSet(result, null, ResultSet.TYPE_SCROLL_INSENSITIVE);
        first.next();
        first.next();
        first.next();
        assertThat(second.isBeforeFirst()).isTrue();
        second.last();
        assertThat(first.getInt(1)).isEqualTo(3);
        assertThat(second.getInt(1)).isEqualTo(100);

        assertThat(first.getString(2)).isNull();
        assertThat(second.getString(2)).isEqualTo("row 100");
        assertThat(first.wasNull()).isTrue();
        assertThat(second.wasNull()).isFalse();

        first.close();
        assertThat(second.isClosed()).isFalse();
        assertThat(second.previous()).isTrue();
        assertThat(second.getInt("id")).isEqualTo(99);
        second.close();
    }

    @Test
    void aNewResultSetSharesTheCapturedValuesRatherThanCopyingThem() throws SQLException {
        try (CachedResultSet first = new CachedResultSet(result, null, ResultSet.TYPE_FORWARD_ONLY);
             CachedResultSet second = new CachedResultSet(result, null, ResultSet.TYPE_FORWARD_ONLY)) {
            first.next();
            second.next();
            // Immutable values come straight from the shared snapshot: the very same objects, row after row.
            assertThat(first.getObject(2)).isSameAs(second.getObject(2));
            assertThat(first.getString(2)).isSameAs(second.getString(2));
        }
    }

    @Test
    void manyThreadsReadOneResultConcurrentlyAndAllSeeEveryRow() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Long>> readers = new ArrayList<>();
            for (int reader = 0; reader < 16; reader++) {
                readers.add(() -> {
                    long checksum = 0;
                    for (int pass = 0; pass < 50; pass++) {
                        try (CachedResultSet rows = new CachedResultSet(result, null, ResultSet.TYPE_FORWARD_ONLY)) {
                            while (rows.next()) {
                                String label = rows.getString("label");
                                checksum += rows.getInt("id") * 31L + (label == null ? 7 : label.length());
                            }
                        }
                    }
                    return checksum;
                });
            }
            long expected = 0;
            for (int id = 1; id <= 100; id++) {
                expected += id * 31L + (id % 3 == 0 ? 7 : ("row " + id).length());
            }
            for (Future<Long> checksum : threads.invokeAll(readers)) {
                assertThat(checksum.get()).isEqualTo(expected * 50);
            }
        } finally {
            threads.shutdown();
            assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }
}
