package dev.cachedjdbc.examples.jdbc;

import dev.cachedjdbc.driver.CacheControl;
import dev.cachedjdbc.driver.CacheStatistics;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Plain JDBC: the only change is the URL, {@code jdbc:h2:…} became {@code jdbc:cached:h2:…}. */
public final class PlainJdbcExample {

    static final String URL = "jdbc:cached:h2:mem:plain_jdbc_example;DB_CLOSE_DELAY=-1";

    private PlainJdbcExample() {
    }

    public static void main(String[] args) throws SQLException {
        CacheStatistics statistics = run(URL);
        System.out.println("cache hits: " + statistics.hits() + ", database loads: " + statistics.loads());
    }

    /** Reads one row twice: the first read goes to the database, the second is answered from memory. */
    public static CacheStatistics run(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("create table city (id int primary key, name varchar(40))");
                statement.execute("insert into city values (1, 'Lisbon'), (2, 'Oslo')");
            }
            try (PreparedStatement query = connection.prepareStatement("select name from city where id = ?")) {
                query.setInt(1, 1);
                for (int read = 1; read <= 2; read++) {
                    try (ResultSet rows = query.executeQuery()) {
                        rows.next();
                        System.out.println("read " + read + ": " + rows.getString("name"));
                    }
                }
            }
            return connection.unwrap(CacheControl.class).statistics();
        }
    }
}
