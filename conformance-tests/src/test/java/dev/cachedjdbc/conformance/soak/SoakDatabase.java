package dev.cachedjdbc.conformance.soak;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.cachedjdbc.testing.TestDatabases;
import java.util.Properties;

/** A database the soak runs against, reachable both plainly and through the caching driver. */
public record SoakDatabase(String name, String plainUrl, Properties credentials) {

    public static SoakDatabase h2() {
        return new SoakDatabase("h2", TestDatabases.uniqueH2Url("sk_soak"), new Properties());
    }

    /** Skips the calling test where PostgreSQL does not answer (fails it where PostgreSQL is required). */
    public static SoakDatabase postgres() {
        TestDatabases.assumePostgres();
        return new SoakDatabase("postgresql", TestDatabases.PG_URL, TestDatabases.postgresCredentials());
    }

    public String cachedUrl() {
        return "jdbc:cached:" + plainUrl.substring("jdbc:".length());
    }

    public HikariDataSource cachedPool(String poolName, int size) {
        return pool(cachedUrl(), poolName, size);
    }

    public HikariDataSource plainPool(String poolName, int size) {
        return pool(plainUrl, poolName, size);
    }

    private HikariDataSource pool(String url, String poolName, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(poolName);
        config.setJdbcUrl(url);
        config.setDataSourceProperties(credentials);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        config.setConnectionTimeout(10_000);
        return new HikariDataSource(config);
    }
}
