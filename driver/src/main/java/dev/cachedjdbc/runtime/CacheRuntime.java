package dev.cachedjdbc.runtime;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.cachedjdbc.analysis.SqlAnalyzer;
import dev.cachedjdbc.coherence.ChangeFeed;
import dev.cachedjdbc.coherence.FeedContext;
import dev.cachedjdbc.config.CacheSettings;
import dev.cachedjdbc.config.Coherence;
import dev.cachedjdbc.config.CachedUrl;
import dev.cachedjdbc.config.DriverSettings;
import dev.cachedjdbc.connection.CachingConnection;
import dev.cachedjdbc.driver.CachedDataSource;
import dev.cachedjdbc.driver.CachedJdbcDriver;
import dev.cachedjdbc.vendor.DatabaseSupport;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Everything the driver keeps between connections, owned by one object: the state of each database (by server
 * identity), the SQL analysers of each parse timeout, the MBeans of the caches, and the one clock they all read.
 * Connections made through one runtime to one database share its caches and invalidation; two runtimes share
 * nothing. {@link CachedJdbcDriver} holds the default runtime; a {@link CachedDataSource} may own one of its own.
 *
 * <p>Closing a runtime unregisters its MBeans and forgets its databases: connections already open keep working on
 * the state they hold, and new connections are refused.
 */
public final class CacheRuntime implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(CacheRuntime.class.getName());

    private final Ticker ticker;
    private final CacheMBeans mbeans = new CacheMBeans();
    private final ConcurrentMap<String, DatabaseRuntime> databases = new ConcurrentHashMap<>();
    private final ConcurrentMap<Duration, SqlAnalyzer> analyzers = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** @param ticker the clock of every cache and catalog age of this runtime */
    public CacheRuntime(Ticker ticker) {
        this.ticker = Objects.requireNonNull(ticker, "ticker");
    }

    /**
     * Opens {@code jdbc:<rest>} for a {@code jdbc:cached:<rest>} URL through {@link DriverManager} and wraps it,
     * unless its settings turn the cache off. The caller has checked that the URL is a cached one.
     */
    public Connection connect(String url, Properties info) throws SQLException {
        ensureOpen();
        CachedUrl parsed = CachedUrl.parse(url, info == null ? new Properties() : info);
        CacheSettings settings = CacheSettings.from(parsed.cacheProperties());
        Connection delegate = DriverManager.getConnection(parsed.delegateUrl(), parsed.delegateProperties());
        if (!settings.enabled()) {
            return delegate;
        }
        try {
            FeedContext.Opener opener = added -> {
                Properties properties = new Properties();
                properties.putAll(parsed.delegateProperties());
                properties.putAll(added);
                return DriverManager.getConnection(parsed.delegateUrl(), properties);
            };
            return wrap(delegate, settings, DriverSettings.digest(parsed.delegateUrl(), parsed.delegateProperties()),
                    opener);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(delegate, e);
            throw e;
        }
    }

    private Connection wrap(Connection delegate, CacheSettings settings, String driverSettings,
            FeedContext.Opener opener) throws SQLException {
        DatabaseMetaData metaData = delegate.getMetaData();
        DatabaseSupport support = DatabaseSupport.forProduct(metaData.getDatabaseProductName());
        String identity = support.identity(delegate);
        databases.values().removeIf(DatabaseRuntime::retired);
        DatabaseRuntime database = databases.computeIfAbsent(identity,
                id -> new DatabaseRuntime(id, support, ticker, mbeans));
        SqlAnalyzer analyzer = analyzers.computeIfAbsent(settings.parseTimeout(),
                timeout -> new SqlAnalyzer(timeout, SqlAnalyzer.DEFAULT_MAX_CACHED_STATEMENTS, ticker));
        CacheHandle cache = database.cache(metaData.getUserName(), settings, driverSettings);
        return new CachingConnection(delegate, database, cache, analyzer, feed(delegate, database, settings, opener));
    }

    /**
     * The change feed this connection announces to and whose proof its hits need; null with {@code local}. Asked for
     * {@code notify} or {@code logical} explicitly where there is no such feed, the connection is refused: a cache
     * that cannot hear other instances must not claim to.
     */
    private static ChangeFeed feed(Connection delegate, DatabaseRuntime database, CacheSettings settings,
            FeedContext.Opener opener) throws SQLException {
        Coherence mode = settings.coherence().on(database.dialect());
        if (!mode.hasFeed()) {
            return null;
        }
        ChangeFeed feed = database.feed(delegate, mode, settings.maxStaleness(), opener);
        if (feed == null && settings.coherence() != Coherence.AUTO) {
            String channel = mode == Coherence.LOGICAL ? "logical decoding" : "LISTEN/NOTIFY";
            throw new SQLException("cache.coherence=" + mode + " needs PostgreSQL through pgjdbc (" + channel + "); "
                    + database.identity() + " has no such channel. Use cache.coherence=local for a single instance"
                    + " that is the only writer.", "08001");
        }
        if (feed == null && database.firstWithoutFeed()) {
            LOG.log(Level.WARNING, () -> "No change channel for " + database.identity() + " (its driver is not"
                    + " pgjdbc): the cache hears only this JVM's writes, as with cache.coherence=local");
        }
        return feed;
    }

    private static void closeQuietly(Connection delegate, Exception failure) {
        try {
            delegate.close();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private void ensureOpen() throws SQLException {
        if (closed) {
            throw new SQLException("These caches were closed with the data source that owned them", "08001");
        }
    }

    /** Unregisters the MBeans of this runtime's caches and forgets its databases. Idempotent. */
    @Override
    public void close() {
        closed = true;
        mbeans.unregisterAll();
        databases.values().forEach(DatabaseRuntime::closeFeed);
        databases.clear();
        analyzers.clear();
    }
}
