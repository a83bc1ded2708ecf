package dev.cachedjdbc.driver;

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
 */
public class CachedDataSource implements DataSource {

    private final CachedJdbcDriver driver = CachedJdbcDriver.register();
    private final Properties properties = new Properties();
    private String url;
    private int loginTimeoutSeconds;
    private PrintWriter logWriter;

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
        Connection connection = driver.connect(url, info);
        if (connection == null) {
            throw new SQLException("CachedDataSource url must start with " + CachedUrl.PREFIX + ": " + url, "08001");
        }
        return connection;
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
