package dev.cachedjdbc.benchmarks;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The table the JMH benchmarks read and write: {@code bm_items}, integer keys 1..{@link #ROWS} with a text, a
 * decimal and an integer column, so that a row costs what a typical entity row costs to read.
 */
public final class ItemsTable {

    public static final String TABLE = "bm_items";
    public static final int ROWS = 20_000;

    /** A primary-key lookup: the query a 1-row result comes from. */
    public static final String BY_KEY = "SELECT id, name, price, stock FROM bm_items WHERE id = ?";
    /** A range of keys: the query results of more rows come from. */
    public static final String KEY_RANGE = "SELECT id, name, price, stock FROM bm_items WHERE id >= ? AND id < ? ORDER BY id";
    public static final String UPDATE_BY_KEY = "UPDATE bm_items SET stock = stock + 1 WHERE id = ?";

    private ItemsTable() {
    }

    /** Drops and refills the table through this connection. */
    public static void create(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + TABLE);
            statement.execute("CREATE TABLE " + TABLE
                    + " (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL, price DECIMAL(10,2) NOT NULL, stock INT NOT NULL)");
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + TABLE + " (id, name, price, stock) VALUES (?, ?, ?, ?)")) {
            for (int id = 1; id <= ROWS; id++) {
                insert.setInt(1, id);
                insert.setString(2, "item number " + id);
                insert.setBigDecimal(3, BigDecimal.valueOf(id % 10_000, 2));
                insert.setInt(4, id % 97);
                insert.addBatch();
                if (id % 1000 == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
            connection.commit();
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE " + TABLE);
        } catch (SQLException notPostgres) {
            // H2 keeps its own statistics; only PostgreSQL needs them refreshed for the planner
        }
    }

    public static void drop(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + TABLE);
        }
    }

    /** The query that returns {@code rows} rows starting at a key. */
    public static String queryFor(int rows) {
        return rows == 1 ? BY_KEY : KEY_RANGE;
    }

    /** Binds the parameters of {@link #queryFor(int)}. */
    public static void bind(PreparedStatement statement, int rows, int firstKey) throws SQLException {
        statement.setInt(1, firstKey);
        if (rows != 1) {
            statement.setInt(2, firstKey + rows);
        }
    }

    /**
     * The whole cycle an application goes through for one query: prepare, bind, execute, read every column of
     * every row, close. Returns the number of rows read.
     */
    public static int query(Connection connection, String sql, int rows, int firstKey, Blackhole sink)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, rows, firstKey);
            try (ResultSet result = statement.executeQuery()) {
                return readAll(result, sink);
            }
        }
    }

    /** The same cycle outside a measurement (loading entries, checking results): returns the number of rows. */
    public static int load(Connection connection, String sql, int rows, int firstKey) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, rows, firstKey);
            try (ResultSet result = statement.executeQuery()) {
                int read = 0;
                while (result.next()) {
                    if (result.getInt(1) != firstKey + read || result.getString(2) == null
                            || result.getBigDecimal(3) == null) {
                        throw new IllegalStateException("unexpected row " + read + " for key " + firstKey);
                    }
                    read++;
                }
                return read;
            }
        }
    }

    public static int readAll(ResultSet result, Blackhole sink) throws SQLException {
        int read = 0;
        while (result.next()) {
            sink.consume(result.getInt(1));
            sink.consume(result.getString(2));
            sink.consume(result.getBigDecimal(3));
            sink.consume(result.getInt(4));
            read++;
        }
        return read;
    }
}
