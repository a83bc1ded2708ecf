package dev.cachedjdbc.driver;

import dev.cachedjdbc.connection.CachingConnection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachedjdbc.testing.TestDatabases;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.h2.jdbc.JdbcConnection;
import org.junit.jupiter.api.Test;

/** The java.sql.Driver contract: which URLs it takes, what it tells about its properties, how it fails. */
class DriverContractTest {

    private static final String H2 = TestDatabases.uniqueH2Url("contract");

    @Test
    void isFoundByDriverManagerThroughServiceLoading() throws SQLException {
        assertThat(DriverManager.getDriver("jdbc:cached:" + H2.substring(5))).isInstanceOf(CachedJdbcDriver.class);
    }

    @Test
    void acceptsOnlyCachedUrlsAndAnswersNullForOthers() throws SQLException {
        Driver driver = new CachedJdbcDriver();
        assertThat(driver.acceptsURL("jdbc:cached:h2:mem:x")).isTrue();
        assertThat(driver.acceptsURL(H2)).isFalse();
        assertThat(driver.acceptsURL(null)).isFalse();
        assertThat(driver.connect(H2, new Properties())).isNull();
    }

    @Test
    void connectionIsACachingWrapperThatUnwrapsToTheDelegate() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:cached:" + H2.substring(5))) {
            assertThat(connection).isInstanceOf(CachingConnection.class);
            assertThat(connection.unwrap(JdbcConnection.class)).isInstanceOf(JdbcConnection.class);
            assertThat(connection.isWrapperFor(JdbcConnection.class)).isTrue();
            assertThat(connection.unwrap(CacheControl.class).databaseIdentity()).isNotBlank();
        }
    }

    @Test
    void invalidPropertyValuesFailTheConnectionNamingPropertyAndValue() {
        Properties properties = new Properties();
        properties.setProperty("cache.ttl", "banana");
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:cached:" + H2.substring(5), properties))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("cache.ttl")
                .hasMessageContaining("banana");
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:cached:" + H2.substring(5) + ";cache.ttlJitter=1.5"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("cache.ttlJitter")
                .hasMessageContaining("1.5");
    }

    @Test
    void propertyInfoListsEveryCachePropertyThenTheDelegatesOwn() throws SQLException {
        DriverPropertyInfo[] info = new CachedJdbcDriver().getPropertyInfo("jdbc:cached:" + H2.substring(5), new Properties());
        List<String> names = Arrays.stream(info).map(property -> property.name).toList();
        List<String> cacheNames = Arrays.stream(CacheProperty.values()).map(CacheProperty::propertyName).toList();
        assertThat(names.subList(0, cacheNames.size())).isEqualTo(cacheNames);
        DriverPropertyInfo ttl = info[names.indexOf("cache.ttl")];
        assertThat(ttl.value).isEqualTo("60s");
        assertThat(ttl.description).isNotBlank();
    }

    @Test
    void dataSourceOpensCachingConnections() throws SQLException {
        CachedDataSource dataSource = new CachedDataSource();
        dataSource.setUrl("jdbc:cached:" + H2.substring(5));
        dataSource.setProperty("cache.ttl", "5s");
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select 1")) {
            assertThat(connection.isWrapperFor(CacheControl.class)).isTrue();
            assertThat(rows.next()).isTrue();
        }
        CachedDataSource misconfigured = new CachedDataSource();
        misconfigured.setUrl(H2);
        assertThatThrownBy(misconfigured::getConnection).isInstanceOf(SQLException.class).hasMessageContaining("jdbc:cached:");
    }

    @Test
    void cacheStatisticsArePublishedOverJmx() throws Exception {
        String url = "jdbc:cached:" + TestDatabases.uniqueH2Url("jmx").substring(5);
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute("create table jmx_t (v int)");
            statement.execute("insert into jmx_t values (1)");
            statement.executeQuery("select v from jmx_t").close();
            statement.executeQuery("select v from jmx_t").close();
            String identity = connection.unwrap(CacheControl.class).databaseIdentity();
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            Set<ObjectName> names = server.queryNames(new ObjectName("dev.cachedjdbc:type=QueryCache,*"), null);
            ObjectName mine = names.stream()
                    .filter(name -> ObjectName.unquote(name.getKeyProperty("database")).equals(identity))
                    .findFirst().orElseThrow();
            assertThat((Long) server.getAttribute(mine, "Hits")).isEqualTo(1L);
            assertThat((Long) server.getAttribute(mine, "Entries")).isGreaterThanOrEqualTo(1L);
            server.invoke(mine, "invalidateAll", new Object[0], new String[0]);
            statement.executeQuery("select v from jmx_t").close();
            assertThat((Long) server.getAttribute(mine, "Hits")).isEqualTo(1L);
        }
    }

    @Test
    void jmxCanBeTurnedOff() throws Exception {
        String url = "jdbc:cached:" + TestDatabases.uniqueH2Url("nojmx").substring(5) + ";cache.jmx=false";
        try (Connection connection = DriverManager.getConnection(url)) {
            String identity = connection.unwrap(CacheControl.class).databaseIdentity();
            Set<ObjectName> names = ManagementFactory.getPlatformMBeanServer()
                    .queryNames(new ObjectName("dev.cachedjdbc:type=QueryCache,*"), null);
            assertThat(names).noneMatch(name -> ObjectName.unquote(name.getKeyProperty("database")).equals(identity));
        }
    }
}
