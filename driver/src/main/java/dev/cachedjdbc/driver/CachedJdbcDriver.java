package dev.cachedjdbc.driver;

import dev.cachedjdbc.analysis.Dialect;
import dev.cachedjdbc.analysis.SqlAnalyzer;
import dev.cachedjdbc.schema.DatabaseIdentity;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.logging.Logger;

/**
 * The {@code jdbc:cached:} driver. {@code jdbc:cached:<rest>} opens {@code jdbc:<rest>} through {@link DriverManager},
 * so it stacks on any driver on the class path, and wraps the connection. The database is identified by what its
 * server says, never by the URL text.
 */
public final class CachedJdbcDriver implements Driver {

    public static final int MAJOR_VERSION = 0;
    public static final int MINOR_VERSION = 1;

    private static final CachedJdbcDriver INSTANCE = new CachedJdbcDriver();
    private static final ConcurrentMap<String, DatabaseRuntime> DATABASES = new ConcurrentHashMap<>();
    private static final ConcurrentMap<Duration, SqlAnalyzer> ANALYZERS = new ConcurrentHashMap<>();

    static {
        try {
            DriverManager.registerDriver(INSTANCE);
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        CachedUrl parsed = CachedUrl.parse(url, info == null ? new Properties() : info);
        CacheSettings settings = CacheSettings.from(parsed.cacheProperties());
        Connection delegate = DriverManager.getConnection(parsed.delegateUrl(), parsed.delegateProperties());
        if (!settings.enabled()) {
            return delegate;
        }
        try {
            return wrap(delegate, settings, DriverSettings.digest(parsed.delegateUrl(), parsed.delegateProperties()));
        } catch (SQLException | RuntimeException e) {
            closeQuietly(delegate, e);
            throw e;
        }
    }

    private static Connection wrap(Connection delegate, CacheSettings settings, String driverSettings)
            throws SQLException {
        DatabaseMetaData metaData = delegate.getMetaData();
        Dialect dialect = Dialect.fromProductName(metaData.getDatabaseProductName());
        String identity = DatabaseIdentity.of(delegate, dialect);
        DatabaseRuntime database = DATABASES.computeIfAbsent(identity, id -> new DatabaseRuntime(id, dialect));
        SqlAnalyzer analyzer = ANALYZERS.computeIfAbsent(settings.parseTimeout(),
                timeout -> new SqlAnalyzer(timeout, SqlAnalyzer.DEFAULT_MAX_CACHED_STATEMENTS));
        CacheHandle cache = database.cache(metaData.getUserName(), settings, driverSettings);
        return new CachingConnection(delegate, database, cache, analyzer);
    }

    private static void closeQuietly(Connection delegate, Exception failure) {
        try {
            delegate.close();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    @Override
    public boolean acceptsURL(String url) {
        return CachedUrl.accepts(url);
    }

    /** Every cache property with its current value, default, description and choices, then the delegate's own. */
    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return new DriverPropertyInfo[0];
        }
        CachedUrl parsed = CachedUrl.parse(url, info == null ? new Properties() : info);
        List<DriverPropertyInfo> all = new ArrayList<>(Arrays.asList(CacheProperty.propertyInfo(parsed.cacheProperties())));
        try {
            Driver delegate = DriverManager.getDriver(parsed.delegateUrl());
            all.addAll(Arrays.asList(delegate.getPropertyInfo(parsed.delegateUrl(), parsed.delegateProperties())));
        } catch (SQLException e) {
            // no driver for the delegate URL on the class path: the cache properties are still worth listing
        }
        return all.toArray(new DriverPropertyInfo[0]);
    }

    @Override
    public int getMajorVersion() {
        return MAJOR_VERSION;
    }

    @Override
    public int getMinorVersion() {
        return MINOR_VERSION;
    }

    /** Not JDBC compliant in its own right: compliance is the delegate's. */
    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return Logger.getLogger("dev.cachedjdbc");
    }

    /** Makes sure the driver is registered; for code that cannot rely on service loading. */
    public static CachedJdbcDriver register() {
        return INSTANCE;
    }
}
