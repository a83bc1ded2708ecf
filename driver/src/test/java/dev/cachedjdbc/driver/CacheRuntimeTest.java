package dev.cachedjdbc.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachedjdbc.analysis.Dialect;
import dev.cachedjdbc.analysis.SqlAnalyzer;
import dev.cachedjdbc.runtime.CacheMBeans;
import dev.cachedjdbc.runtime.CacheRuntime;
import dev.cachedjdbc.runtime.DatabaseRuntime;
import dev.cachedjdbc.schema.SchemaDependencies;
import dev.cachedjdbc.testing.TestDatabases;
import dev.cachedjdbc.vendor.DatabaseSupport;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** What a runtime owns, what its owner releases by closing it, and what connections of one runtime share. */
class CacheRuntimeTest {

    private static final String READ = "select v from runtime_t";

    @Test
    void closingADataSourceThatOwnsItsRuntimeUnregistersItsMBeans() throws Exception {
        CachedDataSource dataSource = dataSource(databaseWithOneRow("own_jmx"));
        dataSource.setOwnRuntime(true);
        String identity;
        try (Connection connection = dataSource.getConnection()) {
            read(connection);
            identity = connection.unwrap(CacheControl.class).databaseIdentity();
            assertThat(mbeansOf(identity)).hasSize(1);
        }

        dataSource.close();

        assertThat(mbeansOf(identity)).isEmpty();
        assertThatThrownBy(dataSource::getConnection).isInstanceOf(SQLException.class).hasMessageContaining("closed");
    }

    @Test
    void connectionsOpenWhenTheirRuntimeClosesKeepWorking() throws Exception {
        CachedDataSource dataSource = dataSource(databaseWithOneRow("own_open"));
        dataSource.setOwnRuntime(true);
        try (Connection connection = dataSource.getConnection()) {
            read(connection);

            dataSource.close();

            assertThat(read(connection)).isEqualTo(1);
            assertThat(statistics(connection).hits()).isEqualTo(1);
        }
    }

    @Test
    void twoRuntimesDoNotShareCachedResults() throws Exception {
        String url = databaseWithOneRow("two_runtimes");
        try (CachedDataSource first = dataSource(url); CachedDataSource second = dataSource(url)) {
            first.setOwnRuntime(true);
            second.setOwnRuntime(true);
            try (Connection one = first.getConnection(); Connection other = second.getConnection()) {
                read(one);
                read(one);
                read(other);

                assertThat(statistics(one).loads()).isEqualTo(1);
                assertThat(statistics(one).hits()).isEqualTo(1);
                assertThat(statistics(other).loads()).as("the other runtime's result is not this one's").isEqualTo(1);
                assertThat(statistics(other).hits()).isZero();
            }
        }
    }

    @Test
    void theDefaultRuntimeIsSharedByDriverManagerAndDataSourcesThatOwnNone() throws Exception {
        String url = databaseWithOneRow("default_runtime");
        try (CachedDataSource dataSource = dataSource(url);
             Connection viaDriverManager = DriverManager.getConnection(url);
             Connection viaDataSource = dataSource.getConnection()) {
            read(viaDriverManager);
            read(viaDataSource);

            assertThat(statistics(viaDataSource).loads()).isEqualTo(1);
            assertThat(statistics(viaDataSource).hits()).as("the data source's read hits the driver's cache").isEqualTo(1);
        }
    }

    @Test
    void closingADataSourceThatSharesTheDefaultRuntimeLeavesTheDriversCaches() throws Exception {
        String url = databaseWithOneRow("default_close");
        CachedDataSource dataSource = dataSource(url);
        try (Connection connection = dataSource.getConnection()) {
            read(connection);
        }

        dataSource.close();

        assertThatThrownBy(dataSource::getConnection).isInstanceOf(SQLException.class).hasMessageContaining("closed");
        try (Connection connection = DriverManager.getConnection(url)) {
            read(connection);
            assertThat(statistics(connection).hits()).isEqualTo(1);
            assertThat(mbeansOf(connection.unwrap(CacheControl.class).databaseIdentity())).hasSize(1);
        }
    }

    @Test
    void ownRuntimeCannotChangeOnceADataSourceHasConnected() throws Exception {
        try (CachedDataSource dataSource = dataSource(databaseWithOneRow("own_late"))) {
            dataSource.setOwnRuntime(true);
            dataSource.getConnection().close();

            assertThatThrownBy(() -> dataSource.setOwnRuntime(false)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void theRuntimesClockDecidesWhenAnEntryExpires() throws Exception {
        FakeTicker ticker = new FakeTicker();
        Properties properties = new Properties();
        properties.setProperty("cache.ttl", "10s");
        properties.setProperty("cache.ttlJitter", "0");
        try (CacheRuntime runtime = new CacheRuntime(ticker);
             Connection connection = runtime.connect(databaseWithOneRow("clock_ttl"), properties)) {
            read(connection);
            ticker.advance(Duration.ofSeconds(9));
            read(connection);
            assertThat(statistics(connection).hits()).isEqualTo(1);

            ticker.advance(Duration.ofSeconds(1));
            read(connection);

            assertThat(statistics(connection).hits()).isEqualTo(1);
            assertThat(statistics(connection).loads()).isEqualTo(2);
        }
    }

    @Test
    void theRuntimesClockDecidesWhenTheCatalogIsReadAgain() throws Exception {
        FakeTicker ticker = new FakeTicker();
        DatabaseRuntime database =
                new DatabaseRuntime("clock_catalog", DatabaseSupport.of(Dialect.H2), ticker, new CacheMBeans());
        SqlAnalyzer analyzer = new SqlAnalyzer(Duration.ofSeconds(1), 100);
        Duration ttl = Duration.ofSeconds(60);
        try (Connection connection = DriverManager.getConnection(TestDatabases.uniqueH2Url("clock_catalog"))) {
            database.refreshDependenciesIfDue(connection, analyzer, ttl);
            SchemaDependencies first = database.dependencies();
            assertThat(database.dependenciesKnown()).isTrue();

            ticker.advance(ttl.minusNanos(1));
            database.refreshDependenciesIfDue(connection, analyzer, ttl);
            assertThat(database.dependencies()).as("not due yet").isSameAs(first);

            ticker.advance(Duration.ofNanos(1));
            database.refreshDependenciesIfDue(connection, analyzer, ttl);
            assertThat(database.dependencies()).as("read again").isNotSameAs(first);
        }
    }

    @Test
    void aCatalogReadThatBeganBeforeDdlNeverReplacesOneThatBeganAfterIt() throws Exception {
        DatabaseRuntime database =
                new DatabaseRuntime("racing_catalog", DatabaseSupport.of(Dialect.H2), new FakeTicker(), new CacheMBeans());
        SqlAnalyzer analyzer = new SqlAnalyzer(Duration.ofSeconds(1), 100);
        Duration ttl = Duration.ofSeconds(60);
        String url = TestDatabases.uniqueH2Url("racing_catalog");
        CountDownLatch slowReadBegan = new CountDownLatch(1);
        CountDownLatch slowReadMayGoOn = new CountDownLatch(1);
        try (Connection fast = DriverManager.getConnection(url); Connection slow = DriverManager.getConnection(url)) {
            Connection stalling = stallingAfterAutoCommitCheck(slow, slowReadBegan, slowReadMayGoOn);
            Thread background = new Thread(() -> database.refreshDependenciesIfDue(stalling, analyzer, ttl));
            background.start();
            assertThat(slowReadBegan.await(10, TimeUnit.SECONDS)).isTrue();

            database.schemaChanged();
            database.refreshDependenciesIfDue(fast, analyzer, ttl);
            SchemaDependencies afterDdl = database.dependencies();
            assertThat(database.dependenciesKnown()).isTrue();

            slowReadMayGoOn.countDown();
            background.join(10_000);
            assertThat(background.isAlive()).isFalse();
            assertThat(database.dependencies()).as("the read that began after the DDL stays").isSameAs(afterDdl);
            assertThat(database.dependenciesKnown()).as("the catalog stays known").isTrue();
        }
    }

    /** The connection, whose first call after {@code getAutoCommit} waits until the test lets it go on. */
    private static Connection stallingAfterAutoCommitCheck(Connection connection, CountDownLatch began,
            CountDownLatch mayGoOn) {
        AtomicBoolean stalled = new AtomicBoolean();
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, arguments) -> {
                    if (!method.getName().equals("getAutoCommit") && stalled.compareAndSet(false, true)) {
                        began.countDown();
                        mayGoOn.await(10, TimeUnit.SECONDS);
                    }
                    try {
                        return method.invoke(connection, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static CachedDataSource dataSource(String url) {
        CachedDataSource dataSource = new CachedDataSource();
        dataSource.setUrl(url);
        return dataSource;
    }

    /** A cached URL of a fresh H2 database holding runtime_t with one row. */
    private static String databaseWithOneRow(String prefix) throws SQLException {
        String plain = TestDatabases.uniqueH2Url(prefix);
        try (Connection connection = DriverManager.getConnection(plain); Statement statement = connection.createStatement()) {
            statement.execute("create table runtime_t (v int)");
            statement.execute("insert into runtime_t values (1)");
        }
        return "jdbc:cached:" + plain.substring("jdbc:".length());
    }

    private static int read(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(READ)) {
            assertThat(rows.next()).isTrue();
            return rows.getInt(1);
        }
    }

    private static CacheStatistics statistics(Connection connection) throws SQLException {
        return connection.unwrap(CacheControl.class).statistics();
    }

    private static Set<ObjectName> mbeansOf(String identity) throws MalformedObjectNameException {
        return ManagementFactory.getPlatformMBeanServer().queryNames(new ObjectName(
                "dev.cachedjdbc:type=QueryCache,database=" + ObjectName.quote(identity) + ",*"), null);
    }
}
