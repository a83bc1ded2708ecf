package dev.cachedjdbc.examples.demo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.SplittableRandom;

/**
 * The demo's shop: products, their reviews and orders, under names that start with {@code demo_} so that they
 * never meet anyone else's tables on a shared server. Created and filled through the plain driver, dropped at the end.
 */
public final class DemoShop {

    public static final int PRODUCTS = 10_000;
    static final int REVIEWS_PER_PRODUCT = 5;

    /** A product page: the product with its review count and average rating. */
    static final String PRODUCT_PAGE = "select p.id, p.name, p.price_cents, count(r.id) as reviews,"
            + " avg(r.rating) as rating from demo_product p left join demo_review r on r.product_id = p.id"
            + " where p.id = ? group by p.id, p.name, p.price_cents";
    /** The shop's front page: a scan and aggregate over every review, the kind of query a stampede hurts. */
    static final String BEST_RATED = "select r.product_id, count(*) as reviews, avg(r.rating) as rating"
            + " from demo_review r group by r.product_id order by rating desc, r.product_id fetch first 10 rows only";
    static final String PRICE = "select price_cents from demo_product where id = ?";
    static final String PLACE_ORDER = "insert into demo_order (id, product_id, quantity) values (?, ?, ?)";
    static final String CHANGE_PRICE = "update demo_product set price_cents = ? where id = ?";

    private static final String[] TABLES = {"demo_order", "demo_review", "demo_product"};
    private static final int BATCH = 1_000;

    private final DemoOptions options;

    public DemoShop(DemoOptions options) {
        this.options = options;
    }

    public Connection plain() throws SQLException {
        return DriverManager.getConnection(options.plainUrl(), options.credentials());
    }

    public Connection cached() throws SQLException {
        return cached(new Properties());
    }

    /** A connection through the caching driver, with cache properties ({@code cache.ttl} …) added. */
    public Connection cached(Properties cacheProperties) throws SQLException {
        Properties properties = options.credentials();
        properties.putAll(cacheProperties);
        return DriverManager.getConnection(options.cachedUrl(), properties);
    }

    public void create() throws SQLException {
        drop();
        try (Connection connection = plain(); Statement statement = connection.createStatement()) {
            statement.execute("create table demo_product (id int primary key, name varchar(80) not null,"
                    + " price_cents int not null)");
            statement.execute("create table demo_review (id int primary key, product_id int not null,"
                    + " rating int not null, body varchar(200))");
            statement.execute("create index demo_review_product on demo_review (product_id)");
            statement.execute("create table demo_order (id bigint primary key, product_id int not null,"
                    + " quantity int not null)");
            fill(connection);
        }
    }

    public void drop() throws SQLException {
        try (Connection connection = plain(); Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                statement.execute("drop table if exists " + table);
            }
        }
    }

    public String databaseName() throws SQLException {
        try (Connection connection = plain()) {
            var metaData = connection.getMetaData();
            return metaData.getDatabaseProductName() + " " + metaData.getDatabaseProductVersion();
        }
    }

    private static void fill(Connection connection) throws SQLException {
        SplittableRandom random = new SplittableRandom(42);
        connection.setAutoCommit(false);
        try (PreparedStatement products = connection.prepareStatement(
                     "insert into demo_product (id, name, price_cents) values (?, ?, ?)");
             PreparedStatement reviews = connection.prepareStatement(
                     "insert into demo_review (id, product_id, rating, body) values (?, ?, ?, ?)")) {
            int reviewId = 0;
            for (int product = 1; product <= PRODUCTS; product++) {
                products.setInt(1, product);
                products.setString(2, "Product " + product);
                products.setInt(3, 199 + random.nextInt(20_000));
                products.addBatch();
                for (int i = 0; i < REVIEWS_PER_PRODUCT; i++) {
                    reviews.setInt(1, ++reviewId);
                    reviews.setInt(2, product);
                    reviews.setInt(3, 1 + random.nextInt(5));
                    reviews.setString(4, "Review " + reviewId + " of product " + product);
                    reviews.addBatch();
                }
                if (product % (BATCH / REVIEWS_PER_PRODUCT) == 0) {
                    products.executeBatch();
                    reviews.executeBatch();
                    connection.commit();
                }
            }
            products.executeBatch();
            reviews.executeBatch();
            connection.commit();
        } finally {
            connection.setAutoCommit(true);
        }
    }
}
