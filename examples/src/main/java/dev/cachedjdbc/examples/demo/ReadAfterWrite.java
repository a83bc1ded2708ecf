package dev.cachedjdbc.examples.demo;

import dev.cachedjdbc.driver.CacheControl;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** One connection writes a price that another connection had cached; the very next read must show the new price. */
final class ReadAfterWrite {

    static final int PRODUCT = 1;

    private final DemoShop shop;

    ReadAfterWrite(DemoShop shop) {
        this.shop = shop;
    }

    /**
     * @param cachedBefore      the price as the reader had it cached
     * @param servedFromCache   whether the read before the write really was a cache hit
     * @param written           the price the writer set
     * @param readAfter         what the reader got on its next read
     * @param loadedAfterWrite  whether that read went to the database
     */
    record Outcome(int cachedBefore, boolean servedFromCache, int written, int readAfter, boolean loadedAfterWrite) {
        boolean fresh() {
            return readAfter == written;
        }
    }

    Outcome run() throws SQLException {
        try (Connection reader = shop.cached(); Connection writer = shop.cached()) {
            CacheControl cache = reader.unwrap(CacheControl.class);
            price(reader);
            long hitsBefore = cache.statistics().hits();
            int cachedBefore = price(reader);
            boolean servedFromCache = cache.statistics().hits() > hitsBefore;

            int written = cachedBefore + 100;
            try (PreparedStatement update = writer.prepareStatement(DemoShop.CHANGE_PRICE)) {
                update.setInt(1, written);
                update.setInt(2, PRODUCT);
                update.executeUpdate();
            }
            long loadsBefore = cache.statistics().loads();
            int readAfter = price(reader);
            boolean loadedAfterWrite = cache.statistics().loads() > loadsBefore;
            return new Outcome(cachedBefore, servedFromCache, written, readAfter, loadedAfterWrite);
        }
    }

    private static int price(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(DemoShop.PRICE)) {
            query.setInt(1, PRODUCT);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
