package dev.cachedjdbc.driver;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.cachedjdbc.config.CachedUrl;
import dev.cachedjdbc.runtime.CacheRuntime;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A DataSource over the {@code jdbc:cached:} driver, for pools and frameworks configured with a data source class
 * name (HikariCP's {@code dataSourceClassName=dev.cachedjdbc.driver.CachedDataSource} with
 * {@code dataSource.url}, {@code dataSource.user}, {@code dataSource.password}).
 *
 * <p>By default its connections share the driver's caches with every other connection of the JVM made through
 * {@link java.sql.DriverManager} or another such data source. With {@link #setOwnRuntime(boolean) ownRuntime} it
 * keeps caches of its own instead, which {@link #close()} releases, JMX MBeans included.
 */
public class CachedDataSource implements DataSource, AutoCloseable {

    static {
        CachedJdbcDriver.register();
    }

    private final Properties properties = new Properties();
    private String url;
    private int loginTimeoutSeconds;
    private PrintWriter logWriter;
    private boolean ownRuntime;
    /** Made at the first connection when {@link #ownRuntime}; null until then, and always without it. */
    private CacheRuntime runtime;
    private boolean closed;

    public String getUrl() {
        return url;
    }

    /** A {@code jdbc:cached:} URL. */
    public void setUrl(String url) {
        this.url = url;
    }

    public String getUser() {
        return properties.getProperty("user");
    }

    public void setUser(String user) {
        setProperty("user", user);
    }

    public void setPassword(String password) {
        setProperty("password", password);
    }

    /** Any connection property: the cache's own ({@code cache.ttl} …) or the delegate driver's. */
    public void setProperty(String name, String value) {
        if (value == null) {
            properties.remove(name);
        } else {
            properties.setProperty(name, value);
        }
    }

    public void setProperties(Properties more) {
        more.forEach((name, value) -> properties.setProperty(String.valueOf(name), String.valueOf(value)));
    }

    public synchronized boolean isOwnRuntime() {
        return ownRuntime;
    }

    /**
     * Whether this data source keeps caches of its own (default: false, it shares the driver's). Its caches are then
     * invalidated only by writes through its own connections (and by hand), not by writes through other connections
     * of the JVM: use it when this data source is the one way this JVM writes its databases, or where caches must
     * be released with the data source (an application redeployed in a container, a test). Set before the first
     * connection.
     */
    public synchronized void setOwnRuntime(boolean ownRuntime) {
        if (runtime != null) {
            throw new IllegalStateException("ownRuntime must be set before the first connection");
        }
        this.ownRuntime = ownRuntime;
    }

    /**
     * Refuses new connections from now on and, when this data source has caches of its own, drops them and
     * unregisters their JMX MBeans. Connections already open keep working. The driver's shared caches stay as they
     * are. Idempotent.
     */
    @Override
    public synchronized void close() {
        closed = true;
        if (runtime != null) {
            runtime.close();
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        return connect((Properties) properties.clone());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        Properties withCredentials = (Properties) properties.clone();
        if (username != null) {
            withCredentials.setProperty("user", username);
        }
        if (password != null) {
            withCredentials.setProperty("password", password);
        }
        return connect(withCredentials);
    }

    private Connection connect(Properties info) throws SQLException {
        if (url == null) {
            throw new SQLException("CachedDataSource needs a url (jdbc:cached:…)", "08001");
        }
        if (!CachedUrl.accepts(url)) {
            throw new SQLException("CachedDataSource url must start with " + CachedUrl.PREFIX + ": " + url, "08001");
        }
        return runtime().connect(url, info);
    }

    private synchronized CacheRuntime runtime() throws SQLException {
        if (closed) {
            throw new SQLException("CachedDataSource is closed", "08001");
        }
        if (!ownRuntime) {
            return CachedJdbcDriver.defaultRuntime();
        }
        if (runtime == null) {
            runtime = new CacheRuntime(Ticker.systemTicker());
        }
        return runtime;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeoutSeconds = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeoutSeconds;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return Logger.getLogger("dev.cachedjdbc");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("CachedDataSource does not wrap " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
