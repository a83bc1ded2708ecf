package dev.cachedjdbc.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The databases the benchmarks compare on: embedded H2 and the PostgreSQL server named by the same environment
 * variables the tests read ({@code CACHED_JDBC_PG_URL}, {@code CACHED_JDBC_PG_USER}, {@code CACHED_JDBC_PG_PASSWORD};
 * 127.0.0.1:5432, database test, user postgres by default). One instance is one database that both the plain and the
 * caching driver reach, so a benchmark compares the two on the same data in the same run.
 */
public final class BenchmarkDatabase {

    /**
     * Benchmark entries must not expire while they are measured: a miss in a hit benchmark would measure the
     * database. Writes through the driver still invalidate at once.
     */
    public static final String BENCHMARK_TTL = "1h";

    private static final String PG_URL = env("CACHED_JDBC_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String PG_USER = env("CACHED_JDBC_PG_USER", "postgres");
    private static final String PG_PASSWORD = env("CACHED_JDBC_PG_PASSWORD", "");
    private static final AtomicLong H2_NAMES = new AtomicLong();

    private final String name;
    private final String plainUrl;
    private final String cachedUrl;
    private final Properties credentials;

    private BenchmarkDatabase(String name, String plainUrl, String cachedUrl, Properties credentials) {
        this.name = name;
        this.plainUrl = plainUrl;
        this.cachedUrl = cachedUrl;
        this.credentials = credentials;
    }

    /** "h2" for a new embedded in-memory database, "postgresql" for the server. */
    public static BenchmarkDatabase named(String name) {
        return named(name, BENCHMARK_TTL);
    }

    public static BenchmarkDatabase named(String name, String cacheTtl) {
        switch (name) {
            case "h2": {
                String database = "h2:mem:bm_" + ProcessHandle.current().pid() + "_" + H2_NAMES.incrementAndGet()
                        + ";DB_CLOSE_DELAY=-1";
                return new BenchmarkDatabase(name, "jdbc:" + database,
                        "jdbc:cached:" + database + ";cache.ttl=" + cacheTtl, new Properties());
            }
            case "postgresql": {
                String rest = PG_URL.substring("jdbc:".length());
                String separator = rest.contains("?") ? "&" : "?";
                return new BenchmarkDatabase(name, PG_URL, "jdbc:cached:" + rest + separator + "cache.ttl=" + cacheTtl,
                        postgresCredentials());
            }
            default:
                throw new IllegalArgumentException("Unknown database " + name + " (h2 or postgresql)");
        }
    }

    /**
     * The PostgreSQL server with the caching driver at its default settings, as an application that only changes its
     * URL gets it: for workloads whose figures are meant to be what users see, expiry included.
     */
    public static BenchmarkDatabase postgresqlWithDefaultCacheSettings() {
        return new BenchmarkDatabase("postgresql", PG_URL, "jdbc:cached:" + PG_URL.substring("jdbc:".length()),
                postgresCredentials());
    }

    private static Properties postgresCredentials() {
        Properties credentials = new Properties();
        credentials.setProperty("user", PG_USER);
        credentials.setProperty("password", PG_PASSWORD);
        return credentials;
    }

    public String name() {
        return name;
    }

    public String plainUrl() {
        return plainUrl;
    }

    public String cachedUrl() {
        return cachedUrl;
    }

    public Properties credentials() {
        return (Properties) credentials.clone();
    }

    public Connection plain() throws SQLException {
        return DriverManager.getConnection(plainUrl, credentials());
    }

    public Connection cached() throws SQLException {
        return DriverManager.getConnection(cachedUrl, credentials());
    }

    /** A caching connection with this {@code cache.coherence} (auto, local or notify). */
    public Connection cached(String coherence) throws SQLException {
        return cachedWith("cache.coherence", coherence);
    }

    /** A caching connection with one cache property set (its cache is not that of the other connections). */
    public Connection cachedWith(String property, String value) throws SQLException {
        Properties properties = credentials();
        properties.setProperty(property, value);
        return DriverManager.getConnection(cachedUrl, properties);
    }

    public boolean isPostgres() {
        return name.equals("postgresql");
    }

    private static String env(String variable, String fallback) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? fallback : value;
    }
}
