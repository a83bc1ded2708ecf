package dev.cachedjdbc.driver;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.cachedjdbc.config.CachedUrl;
import dev.cachedjdbc.runtime.CacheRuntime;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The {@code jdbc:cached:} driver. {@code jdbc:cached:<rest>} opens {@code jdbc:<rest>} through {@link DriverManager},
 * so it stacks on any driver on the class path, and wraps the connection. The database is identified by what its
 * server says, never by the URL text. Every instance connects through one default {@link CacheRuntime}, so that all
 * connections of the JVM made through {@link DriverManager} share caches and invalidation.
 */
public final class CachedJdbcDriver implements Driver {

    public static final int MAJOR_VERSION = 0;
    public static final int MINOR_VERSION = 1;

    /** Never closed: DriverManager's connections may be opened until the JVM ends. */
    private static final CacheRuntime DEFAULT_RUNTIME = new CacheRuntime(Ticker.systemTicker());
    private static final CachedJdbcDriver INSTANCE = new CachedJdbcDriver();

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
        return DEFAULT_RUNTIME.connect(url, info);
    }

    /** The runtime of every connection made through this driver and of data sources that own none. */
    static CacheRuntime defaultRuntime() {
        return DEFAULT_RUNTIME;
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
