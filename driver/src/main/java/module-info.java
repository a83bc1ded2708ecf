/**
 * The caching JDBC driver. Only the API package is exported: an application names the driver, the data source, the
 * cache's control and properties, and nothing else. The driver is provided to {@link java.sql.DriverManager} as a
 * service; on the class path the jar works the same through its {@code META-INF/services} entry. pgjdbc is read only
 * where it is present, for its own APIs that the driver hands out.
 */
module dev.cachedjdbc {
    requires transitive java.sql;
    requires java.sql.rowset;
    requires java.management;
    requires dev.cachedjdbc.analysis;
    requires com.github.benmanes.caffeine;
    requires static org.postgresql.jdbc;

    exports dev.cachedjdbc.driver;

    provides java.sql.Driver with dev.cachedjdbc.driver.CachedJdbcDriver;
}
