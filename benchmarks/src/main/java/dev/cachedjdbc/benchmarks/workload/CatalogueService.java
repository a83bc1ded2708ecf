package dev.cachedjdbc.benchmarks.workload;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The service under load: a catalogue table {@code bm_catalogue} whose items are read by key and updated by key,
 * and an order table {@code bm_orders} that orders are inserted into. Every catalogue update raises the item's
 * version, so that a read can tell whether it saw the latest committed write.
 */
final class CatalogueService {

    static final String TABLE = "bm_catalogue";
    static final String ORDERS = "bm_orders";
    private static final String READ = "SELECT id, name, price, version FROM bm_catalogue WHERE id = ?";
    private static final String WRITE =
            "UPDATE bm_catalogue SET version = version + 1, price = price + 0.01 WHERE id = ? RETURNING version";

    private final DataSource pool;
    private final DataSource catalogueWrites;

    CatalogueService(DataSource pool) {
        this(pool, pool);
    }

    /**
     * @param catalogueWrites where catalogue updates go: the same pool, or (to show that the freshness check catches
     *                        stale reads) a pool the caching driver does not see
     */
    CatalogueService(DataSource pool, DataSource catalogueWrites) {
        this.pool = pool;
        this.catalogueWrites = catalogueWrites;
    }

    /** Creates and fills the table through the pool, so that the driver under test sees the DDL. */
    void createCatalogue(int items) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE IF EXISTS " + TABLE);
                statement.execute("DROP TABLE IF EXISTS " + ORDERS);
                statement.execute("CREATE TABLE " + TABLE + " (id INT PRIMARY KEY, name VARCHAR(60) NOT NULL,"
                        + " price NUMERIC(12,2) NOT NULL, version BIGINT NOT NULL)");
                statement.execute("CREATE TABLE " + ORDERS + " (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                        + " item_id INT NOT NULL, quantity INT NOT NULL)");
            }
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO " + TABLE + " (id, name, price, version) VALUES (?, ?, ?, 0)")) {
                for (int id = 1; id <= items; id++) {
                    insert.setInt(1, id);
                    insert.setString(2, "catalogue item " + id);
                    insert.setBigDecimal(3, BigDecimal.valueOf(100 + id % 5_000, 2));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            connection.commit();
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute("ANALYZE " + TABLE);
            }
        }
    }

    void dropCatalogue() throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + TABLE);
            statement.execute("DROP TABLE IF EXISTS " + ORDERS);
        }
    }

    /** The version of an item as this read saw it. */
    long readVersion(int id) throws SQLException {
        try (Connection connection = pool.getConnection();
             PreparedStatement read = connection.prepareStatement(READ)) {
            read.setInt(1, id);
            try (ResultSet row = read.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("item " + id + " is missing");
                }
                row.getString(2);
                row.getBigDecimal(3);
                return row.getLong(4);
            }
        }
    }

    /** Records an order for an item: a write that does not touch the catalogue. */
    void placeOrder(int itemId) throws SQLException {
        try (Connection connection = pool.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO bm_orders (item_id, quantity) VALUES (?, ?)")) {
            insert.setInt(1, itemId);
            insert.setInt(2, 1);
            insert.executeUpdate();
        }
    }

    /** Raises an item's version in one autocommit statement; returns the version it committed. */
    long write(int id) throws SQLException {
        try (Connection connection = catalogueWrites.getConnection();
             PreparedStatement write = connection.prepareStatement(WRITE)) {
            write.setInt(1, id);
            try (ResultSet row = write.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
