package dev.cachedjdbc.conformance.clients;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.cachedjdbc.driver.CacheControl;
import dev.cachedjdbc.driver.CacheStatistics;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** HikariCP pools configured the way an application configures them: a URL, credentials, driver properties. */
final class Pools {

    /** The cache settings the clients run with, given as pool data-source properties. */
    static final String CACHE_TTL = "5m";
    static final String CACHE_TTL_JITTER = "0.1";

    private Pools() {
    }

    static HikariDataSource hikari(ScenarioDatabase database, String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(database.user());
        config.setPassword(database.password());
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(1);
        if (url.startsWith("jdbc:cached:")) {
            config.addDataSourceProperty("cache.ttl", CACHE_TTL);
            config.addDataSourceProperty("cache.ttlJitter", CACHE_TTL_JITTER);
        }
        return new HikariDataSource(config);
    }

    /** The cache statistics as an application reads them: from a pooled connection, unwrapped. */
    static CacheStatistics statisticsOf(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.unwrap(CacheControl.class).statistics();
        } catch (SQLException e) {
            throw new IllegalStateException("the pool's connections do not reach a cache", e);
        }
    }
}
