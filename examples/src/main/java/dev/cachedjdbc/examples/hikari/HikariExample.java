package dev.cachedjdbc.examples.hikari;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.cachedjdbc.driver.CacheControl;
import dev.cachedjdbc.driver.CacheStatistics;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * HikariCP: the pool keeps its settings; the JDBC URL gains {@code cached:}, and cache properties are data-source
 * properties like the database driver's own. The cache is shared by every connection of the pool.
 */
public final class HikariExample {

    static final String URL = "jdbc:cached:h2:mem:hikari_example;DB_CLOSE_DELAY=-1";

    private HikariExample() {
    }

    public static void main(String[] args) throws SQLException {
        CacheStatistics statistics = run(URL);
        System.out.println("cache hits: " + statistics.hits() + ", database loads: " + statistics.loads());
    }

    static HikariConfig poolConfig(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.addDataSourceProperty("cache.ttl", "30s");
        config.setMaximumPoolSize(4);
        return config;
    }

    /** Reads one row on two connections borrowed one after the other: the second read is answered from memory. */
    public static CacheStatistics run(String url) throws SQLException {
        try (HikariDataSource pool = new HikariDataSource(poolConfig(url))) {
            try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("create table city (id int primary key, name varchar(40))");
                statement.execute("insert into city values (1, 'Lisbon'), (2, 'Oslo')");
            }
            for (int read = 1; read <= 2; read++) {
                try (Connection connection = pool.getConnection();
                     PreparedStatement query = connection.prepareStatement("select name from city where id = ?")) {
                    query.setInt(1, 2);
                    try (ResultSet rows = query.executeQuery()) {
                        rows.next();
                        System.out.println("read " + read + ": " + rows.getString("name"));
                    }
                }
            }
            try (Connection connection = pool.getConnection()) {
                return connection.unwrap(CacheControl.class).statistics();
            }
        }
    }
}
