package dev.cachedjdbc.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a cached one-row result really retains on the heap, measured, against what the cache counts it at: the count
 * must cover the heap it stands for, so that cache.maxBytes bounds memory, and overstate it less than twice. It
 * overstates by design: text at two bytes a character and references at eight, as if neither compact strings nor
 * compressed references applied (a JVM may run without either). The row is a key-value store's: an integer key and
 * ten text columns of 100 characters, read by key.
 */
class EntryFootprintPostgresTest extends OneDatabaseTest {

    private static final int ENTRIES = 10_000;
    private static final int FIELDS = 10;

    @Override
    String plainUrl() {
        return postgresUrl();
    }

    @Override
    Properties credentials() {
        return TestDatabases.postgresCredentials();
    }

    @AfterEach
    void dropTable() throws SQLException {
        closeConnections();
        try (Connection connection = direct(); Statement statement = connection.createStatement()) {
            statement.execute("drop table if exists fp_usertable");
        }
    }

    @Test
    void theEstimateOfAOneRowEntryCoversWhatItRetainsAndAtMostAQuarterMore() throws SQLException {
        StringBuilder columns = new StringBuilder("ycsb_key int primary key");
        StringBuilder values = new StringBuilder("x");
        for (int field = 0; field < FIELDS; field++) {
            columns.append(", field").append(field).append(" varchar(100)");
            values.append(", repeat(chr(").append(97 + field).append("), 100)");
        }
        try (Connection connection = direct(); Statement statement = connection.createStatement()) {
            statement.execute("drop table if exists fp_usertable");
            statement.execute("create table fp_usertable (" + columns + ")");
            statement.execute("insert into fp_usertable select " + values + " from generate_series(1, " + ENTRIES
                    + ") x");
        }
        Connection connection = cachedWithoutCounting();
        try (PreparedStatement read = connection.prepareStatement("select * from fp_usertable where ycsb_key = ?")) {
            readByKey(read, 1);
            long entriesBefore = SharedMetadataContractTest.stats(connection).entries();
            long weightBefore = SharedMetadataContractTest.stats(connection).estimatedBytes();
            long heapBefore = usedHeapAfterCollection();
            for (int key = 2; key <= ENTRIES; key++) {
                readByKey(read, key);
            }
            long heapAfter = usedHeapAfterCollection();
            CacheStatistics statistics = SharedMetadataContractTest.stats(connection);

            // A change of the catalog noticed meanwhile (the table was just created elsewhere) may drop an entry or
            // a few; the figures are per entry actually held.
            long stored = statistics.entries() - entriesBefore;
            assertThat(stored).as("entries stored").isGreaterThan(ENTRIES * 9L / 10);
            long retainedPerEntry = (heapAfter - heapBefore) / stored;
            long estimatePerEntry = (statistics.estimatedBytes() - weightBefore) / stored;
            System.out.printf("one-row entry: estimate %d bytes, retained %d bytes (ratio %.2f); "
                            + "entries per 64 MiB by the estimate: %d%n", estimatePerEntry, retainedPerEntry,
                    (double) estimatePerEntry / retainedPerEntry, (64L << 20) / estimatePerEntry);
            assertThat(estimatePerEntry).as("the estimate covers the heap").isGreaterThanOrEqualTo(retainedPerEntry);
            // Within a quarter: an estimate far above the heap shrinks the cache below what the bound allows.
            assertThat(estimatePerEntry).as("the estimate is at most a quarter above the heap")
                    .isLessThanOrEqualTo(retainedPerEntry * 5 / 4);
        }
    }

    private static void readByKey(PreparedStatement read, int key) throws SQLException {
        read.setInt(1, key);
        try (ResultSet row = read.executeQuery()) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString("field3")).hasSize(100);
        }
    }

    /** The heap in use once a full collection has settled it: a few collections until two agree within 64 KiB. */
    private static long usedHeapAfterCollection() {
        Runtime runtime = Runtime.getRuntime();
        long last = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 10; attempt++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            long used = runtime.totalMemory() - runtime.freeMemory();
            if (Math.abs(used - last) < 64 * 1024) {
                return used;
            }
            last = used;
        }
        return last;
    }
}
