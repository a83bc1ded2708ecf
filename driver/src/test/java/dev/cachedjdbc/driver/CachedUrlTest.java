package dev.cachedjdbc.driver;

import dev.cachedjdbc.analysis.TableKey;
import dev.cachedjdbc.config.CacheSettings;
import dev.cachedjdbc.config.CachedUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CachedUrlTest {

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:cached:postgresql://h/db", "jdbc:cached:h2:mem:demo", "jdbc:cached:x"})
    void acceptsUrlsWithThePrefix(String url) {
        assertThat(CachedUrl.accepts(url)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:postgresql://h/db", "jdbc:h2:mem:cached", "JDBC:CACHED:h2:mem:x", "jdbc:cache:h2",
            "cached:h2:mem:x", ""})
    void refusesUrlsWithoutThePrefix(String url) {
        assertThat(CachedUrl.accepts(url)).isFalse();
    }

    @Test
    void acceptsIsNullSafe() {
        assertThat(CachedUrl.accepts(null)).isFalse();
    }

    static Stream<Arguments> urls() {
        return Stream.of(
                // query strings
                split("jdbc:cached:postgresql://h:5432/db?cache.ttl=30s&ssl=false",
                        "jdbc:postgresql://h:5432/db?ssl=false", "cache.ttl", "30s"),
                split("jdbc:cached:postgresql://h:5432/db?cache.ttl=30s",
                        "jdbc:postgresql://h:5432/db", "cache.ttl", "30s"),
                split("jdbc:cached:postgresql://h/db?ssl=false&cache.ttl=30s&sslmode=disable",
                        "jdbc:postgresql://h/db?ssl=false&sslmode=disable", "cache.ttl", "30s"),
                split("jdbc:cached:postgresql://h/db?ssl=false&sslmode=disable&cache.ttl=30s",
                        "jdbc:postgresql://h/db?ssl=false&sslmode=disable", "cache.ttl", "30s"),
                split("jdbc:cached:postgresql://h/db?cache.ttl=30s&cache.maxBytes=1GB&user=app",
                        "jdbc:postgresql://h/db?user=app", "cache.ttl", "30s", "cache.maxBytes", "1GB"),
                split("jdbc:cached:mysql://h/db?a=1&cache.ttl=1s&b=2&cache.jmx=false&c=3",
                        "jdbc:mysql://h/db?a=1&b=2&c=3", "cache.ttl", "1s", "cache.jmx", "false"),
                split("jdbc:cached:postgresql://h1:5432,h2:5433/db?targetServerType=primary&cache.ttl=5m",
                        "jdbc:postgresql://h1:5432,h2:5433/db?targetServerType=primary", "cache.ttl", "5m"),
                // percent-encoded values are decoded for the cache only
                split("jdbc:cached:postgresql://h/db?cache.excludeTables=orders%2Caudit.events&options=-c%20x%3Dy",
                        "jdbc:postgresql://h/db?options=-c%20x%3Dy", "cache.excludeTables", "orders,audit.events"),
                split("jdbc:cached:postgresql://h/db?cache.excludeTables=%22Gr%C3%B6%C3%9Fe%22",
                        "jdbc:postgresql://h/db", "cache.excludeTables", "\"Größe\""),
                split("jdbc:cached:postgresql://h/db?cache.ttl=PT%2B30S", "jdbc:postgresql://h/db", "cache.ttl",
                        "PT+30S"),
                split("jdbc:cached:postgresql://h/db?cache.ttl=PT+30S", "jdbc:postgresql://h/db", "cache.ttl",
                        "PT+30S"),
                // H2-style settings
                split("jdbc:cached:h2:mem:demo;cache.ttl=30s;DB_CLOSE_DELAY=-1",
                        "jdbc:h2:mem:demo;DB_CLOSE_DELAY=-1", "cache.ttl", "30s"),
                split("jdbc:cached:h2:mem:demo;DB_CLOSE_DELAY=-1;cache.ttl=30s",
                        "jdbc:h2:mem:demo;DB_CLOSE_DELAY=-1", "cache.ttl", "30s"),
                split("jdbc:cached:h2:mem:demo;MODE=PostgreSQL;cache.ttl=30s;DB_CLOSE_DELAY=-1;cache.jmx=false",
                        "jdbc:h2:mem:demo;MODE=PostgreSQL;DB_CLOSE_DELAY=-1", "cache.ttl", "30s", "cache.jmx", "false"),
                split("jdbc:cached:h2:mem:demo;cache.ttl=30s", "jdbc:h2:mem:demo", "cache.ttl", "30s"),
                split("jdbc:cached:h2:mem:demo;INIT=CREATE SCHEMA s\\;SET SCHEMA s;cache.ttl=2s",
                        "jdbc:h2:mem:demo;INIT=CREATE SCHEMA s\\;SET SCHEMA s", "cache.ttl", "2s"),
                split("jdbc:cached:h2:./data/cache.db;cache.ttl=2s", "jdbc:h2:./data/cache.db", "cache.ttl", "2s"),
                // SQL Server-style settings
                split("jdbc:cached:sqlserver://h;databaseName=x;cache.ttl=5s",
                        "jdbc:sqlserver://h;databaseName=x", "cache.ttl", "5s"),
                split("jdbc:cached:sqlserver://h:1433;cache.ttl=5s;databaseName=x;encrypt=false",
                        "jdbc:sqlserver://h:1433;databaseName=x;encrypt=false", "cache.ttl", "5s"),
                // no parameters at all
                split("jdbc:cached:postgresql://h:5432/db", "jdbc:postgresql://h:5432/db"),
                split("jdbc:cached:h2:mem:demo", "jdbc:h2:mem:demo"),
                split("jdbc:cached:postgresql://h/db?ssl=true&user=app", "jdbc:postgresql://h/db?ssl=true&user=app"),
                split("jdbc:cached:h2:mem:demo;DB_CLOSE_DELAY=-1", "jdbc:h2:mem:demo;DB_CLOSE_DELAY=-1"),
                // nested wrappers and drivers this code has never heard of
                split("jdbc:cached:p6spy:postgresql://h/db?cache.ttl=1s&ssl=false",
                        "jdbc:p6spy:postgresql://h/db?ssl=false", "cache.ttl", "1s"),
                split("jdbc:cached:p6spy:h2:mem:demo;cache.ttl=1s", "jdbc:p6spy:h2:mem:demo", "cache.ttl", "1s"),
                split("jdbc:cached:somedb://anywhere/x?a=b&cache.ttl=1s", "jdbc:somedb://anywhere/x?a=b",
                        "cache.ttl", "1s"),
                split("jdbc:cached:db2://h:50000/db:user=u;cache.ttl=1s;", "jdbc:db2://h:50000/db:user=u;",
                        "cache.ttl", "1s"),
                // whatever the letter case, a cache. name stays with the cache (where CacheSettings refuses it)
                split("jdbc:cached:h2:mem:demo;CACHE.TTL=1s", "jdbc:h2:mem:demo", "CACHE.TTL", "1s"),
                split("jdbc:cached:h2:mem:demo; cache.ttl = 1s ;X=1", "jdbc:h2:mem:demo;X=1", "cache.ttl", " 1s "),
                // the last of repeated values counts
                split("jdbc:cached:h2:mem:demo;cache.ttl=1s;cache.ttl=2s", "jdbc:h2:mem:demo", "cache.ttl", "2s"),
                // an empty value is a value (the settings decide whether it is a valid one)
                split("jdbc:cached:postgresql://h/db?cache.excludeTables=&a=1", "jdbc:postgresql://h/db?a=1",
                        "cache.excludeTables", ""));
    }

    @ParameterizedTest
    @MethodSource("urls")
    void splitsTheUrlIntoTheDelegateUrlAndTheCacheProperties(String url, String delegateUrl,
            Map<String, String> cacheProperties) throws Exception {
        CachedUrl parsed = CachedUrl.parse(url, new Properties());

        assertThat(parsed.delegateUrl()).isEqualTo(delegateUrl);
        assertThat(parsed.cacheProperties()).containsExactlyInAnyOrderEntriesOf(cacheProperties);
        assertThat(parsed.delegateProperties()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("urls")
    void theDelegateNeverSeesACacheName(String url) throws Exception {
        Properties info = new Properties(properties("cache.parseTimeout", "1s"));
        info.setProperty("cache.ttl", "9s");
        info.setProperty("Cache.Jmx", "false");
        info.setProperty("user", "app");

        CachedUrl parsed = CachedUrl.parse(url, info);

        assertThat(parsed.delegateUrl().toLowerCase(Locale.ROOT))
                .doesNotContain("?cache.", "&cache.", ";cache.", "; cache.");
        assertThat(parsed.delegateProperties().keySet())
                .noneSatisfy(name -> assertThat(name.toString().toLowerCase(Locale.ROOT)).startsWith("cache."));
        assertThat(parsed.delegateProperties().stringPropertyNames()).containsExactly("user");
    }

    @Test
    void cachePropertiesComeFromTheConnectionPropertiesAndTheUrlOverridesThem() throws Exception {
        Properties info = properties("cache.ttl", "10s", "cache.maxBytes", "1MB", "user", "app", "password", "pw");

        CachedUrl parsed = CachedUrl.parse("jdbc:cached:h2:mem:demo;cache.ttl=20s", info);

        assertThat(parsed.cacheProperties())
                .containsExactlyInAnyOrderEntriesOf(Map.of("cache.ttl", "20s", "cache.maxBytes", "1MB"));
        assertThat(parsed.delegateProperties())
                .containsExactlyInAnyOrderEntriesOf(Map.of("user", "app", "password", "pw"));
        assertThat(parsed.delegateUrl()).isEqualTo("jdbc:h2:mem:demo");
    }

    @Test
    void connectionPropertyValuesAreNotPercentDecoded() throws Exception {
        Properties info = properties("cache.excludeTables", "a%2Cb", "password", "p%41ss");

        CachedUrl parsed = CachedUrl.parse("jdbc:cached:h2:mem:demo", info);

        assertThat(parsed.cacheProperties().getProperty("cache.excludeTables")).isEqualTo("a%2Cb");
        assertThat(parsed.delegateProperties().getProperty("password")).isEqualTo("p%41ss");
    }

    @Test
    void inheritedConnectionPropertiesReachTheirSide() throws Exception {
        Properties defaults = properties("user", "app", "cache.ttl", "3s");
        Properties info = new Properties(defaults);
        info.setProperty("password", "pw");

        CachedUrl parsed = CachedUrl.parse("jdbc:cached:h2:mem:demo", info);

        assertThat(parsed.delegateProperties())
                .containsExactlyInAnyOrderEntriesOf(Map.of("user", "app", "password", "pw"));
        assertThat(parsed.cacheProperties()).containsExactlyInAnyOrderEntriesOf(Map.of("cache.ttl", "3s"));
    }

    @Test
    void entriesThatAreNotStringsPassAsTheyAreOrBecomeTextForTheCache() throws Exception {
        Properties info = new Properties();
        Object marker = new Object();
        info.put("socketFactoryArg", marker);
        info.put(42, "numeric key");
        info.put("cache.maxResultRows", 500);

        CachedUrl parsed = CachedUrl.parse("jdbc:cached:h2:mem:demo", info);

        assertThat(parsed.delegateProperties()).containsOnlyKeys("socketFactoryArg", 42);
        assertThat(parsed.delegateProperties().get("socketFactoryArg")).isSameAs(marker);
        assertThat(parsed.cacheProperties().getProperty("cache.maxResultRows")).isEqualTo("500");
    }

    @Test
    void theGivenPropertiesAreLeftUnchanged() throws Exception {
        Properties info = properties("cache.ttl", "10s", "user", "app");

        CachedUrl.parse("jdbc:cached:h2:mem:demo;cache.jmx=false", info);

        assertThat(info).containsExactlyInAnyOrderEntriesOf(Map.of("cache.ttl", "10s", "user", "app"));
    }

    @Test
    void nullConnectionPropertiesAreNone() throws Exception {
        CachedUrl parsed = CachedUrl.parse("jdbc:cached:h2:mem:demo;cache.ttl=1s", null);

        assertThat(parsed.delegateProperties()).isEmpty();
        assertThat(parsed.cacheProperties()).containsExactlyInAnyOrderEntriesOf(Map.of("cache.ttl", "1s"));
    }

    @Test
    void returnedPropertiesAreCopiesThatCannotChangeTheParsedUrl() throws Exception {
        CachedUrl parsed = CachedUrl.parse("jdbc:cached:h2:mem:demo;cache.ttl=1s", properties("user", "app"));

        parsed.delegateProperties().setProperty("user", "intruder");
        parsed.cacheProperties().setProperty("cache.ttl", "1h");

        assertThat(parsed.delegateProperties().getProperty("user")).isEqualTo("app");
        assertThat(parsed.cacheProperties().getProperty("cache.ttl")).isEqualTo("1s");
    }

    @Test
    void theSplitCachePropertiesGiveTheSettings() throws Exception {
        CachedUrl parsed = CachedUrl.parse("jdbc:cached:postgresql://h/db?cache.ttl=30s&cache.excludeTables="
                + "Orders%2Caudit.Events&ssl=false", properties("cache.maxResultRows", "5"));

        CacheSettings settings = CacheSettings.from(parsed.cacheProperties());

        assertThat(settings.ttl()).hasSeconds(30);
        assertThat(settings.excludeTables()).extracting(TableKey::name).containsExactlyInAnyOrder("orders", "events");
        assertThat(settings.maxResultRows()).isEqualTo(5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:postgresql://h/db", "JDBC:CACHED:h2:mem:x"})
    void parsingAUrlOfAnotherDriverFails(String url) {
        assertThatThrownBy(() -> CachedUrl.parse(url, null))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("does not start with jdbc:cached:");
    }

    @Test
    void parsingNullFails() {
        assertThatThrownBy(() -> CachedUrl.parse(null, null)).isInstanceOf(SQLException.class);
    }

    @Test
    void aUrlNamingNoDatabaseFails() {
        assertThatThrownBy(() -> CachedUrl.parse("jdbc:cached:", null))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("names no database");
    }

    @Test
    void aRepeatedCachePrefixFails() {
        assertThatThrownBy(() -> CachedUrl.parse("jdbc:cached:cached:h2:mem:x", null))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("repeats jdbc:cached:");
    }

    @Test
    void aRepeatedJdbcPrefixFails() {
        assertThatThrownBy(() -> CachedUrl.parse("jdbc:cached:jdbc:postgresql://h/db", null))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("repeats jdbc:");
    }

    @Test
    void aCacheParameterWithoutValueFails() {
        assertThatThrownBy(() -> CachedUrl.parse("jdbc:cached:h2:mem:x;cache.jmx;A=1", null))
                .isInstanceOf(SQLDataException.class)
                .hasMessageContaining("cache.jmx has no value")
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22023");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1%", "1%2", "%zz", "%C3", "%FF%FE"})
    void aBadlyPercentEncodedCacheValueFailsNamingIt(String value) {
        assertThatThrownBy(() -> CachedUrl.parse("jdbc:cached:postgresql://h/db?cache.ttl=" + value, null))
                .isInstanceOf(SQLDataException.class)
                .hasMessageContaining("cache.ttl")
                .hasMessageContaining("\"" + value + "\"")
                .hasMessageContaining("percent-encoded")
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22023");
    }

    @Test
    void errorsDoNotRepeatTheUrlWhichMayHoldAPassword() {
        assertThatThrownBy(() -> CachedUrl.parse("jdbc:postgresql://h/db?password=secret", null))
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> CachedUrl.parse("jdbc:cached:postgresql://h/db?password=secret&cache.ttl=%", null))
                .hasMessageNotContaining("secret");
    }

    private static Arguments split(String url, String delegateUrl, String... cacheNamesAndValues) {
        Map<String, String> cacheProperties = new java.util.LinkedHashMap<>();
        for (int i = 0; i < cacheNamesAndValues.length; i += 2) {
            cacheProperties.put(cacheNamesAndValues[i], cacheNamesAndValues[i + 1]);
        }
        return Arguments.of(url, delegateUrl, cacheProperties);
    }

    private static Properties properties(String... namesAndValues) {
        Properties properties = new Properties();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            properties.setProperty(namesAndValues[i], namesAndValues[i + 1]);
        }
        return properties;
    }
}
