package dev.cachedjdbc.driver;

import dev.cachedjdbc.analysis.TableKey;
import dev.cachedjdbc.config.CacheSettings;
import dev.cachedjdbc.config.Coherence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CacheSettingsTest {

    private static final long KB = 1024;
    private static final long MB = 1024 * KB;
    private static final long GB = 1024 * MB;

    @Test
    void noPropertiesGiveTheDefaults() throws Exception {
        assertThat(CacheSettings.from(new Properties())).isEqualTo(CacheSettings.defaults());
        assertThat(CacheSettings.from(null)).isEqualTo(CacheSettings.defaults());
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        CacheSettings defaults = CacheSettings.defaults();

        assertThat(defaults.enabled()).isTrue();
        assertThat(defaults.ttl()).isEqualTo(Duration.ofMinutes(1));
        assertThat(defaults.ttlJitter()).isEqualTo(0.2);
        assertThat(defaults.refreshAhead()).isTrue();
        assertThat(defaults.maxBytes()).isEqualTo(64 * MB);
        assertThat(defaults.maxResultRows()).isEqualTo(10_000);
        assertThat(defaults.maxResultBytes()).isEqualTo(MB);
        assertThat(defaults.excludeTables()).isEmpty();
        assertThat(defaults.singleFlightTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.cacheRepeatableRead()).isFalse();
        assertThat(defaults.parseTimeout()).isEqualTo(Duration.ofMillis(200));
        assertThat(defaults.admission()).isTrue();
        assertThat(defaults.jmx()).isTrue();
    }

    @Test
    void eachPropertyReachesItsOwnSetting() throws Exception {
        CacheSettings settings = CacheSettings.from(properties(
                "cache.enabled", "false",
                "cache.ttl", "5m",
                "cache.ttlJitter", "0.5",
                "cache.refreshAhead", "false",
                "cache.maxBytes", "1GB",
                "cache.maxResultRows", "7",
                "cache.maxResultBytes", "512KB",
                "cache.excludeTables", "audit_log, sessions",
                "cache.singleFlightTimeout", "3s",
                "cache.cacheRepeatableRead", "true",
                "cache.parseTimeout", "50ms",
                "cache.coherence", "local",
                "cache.maxStaleness", "250ms",
                "cache.admission", "false",
                "cache.jmx", "false"));

        assertThat(settings).isEqualTo(new CacheSettings(false, Duration.ofMinutes(5), 0.5, false, GB, 7, 512 * KB,
                Set.of(TableKey.of("audit_log"), TableKey.of("sessions")), Duration.ofSeconds(3), true,
                Duration.ofMillis(50), Coherence.LOCAL, Duration.ofMillis(250), false, false));
    }

    @Test
    void namesWithoutTheCachePrefixAreLeftToTheDatabaseDriver() throws Exception {
        CacheSettings settings = CacheSettings.from(properties("user", "app", "password", "secret", "ttl", "x"));

        assertThat(settings).isEqualTo(CacheSettings.defaults());
    }

    @Test
    void propertiesInheritedAsDefaultsOfThePropertiesObjectAreRead() throws Exception {
        Properties inherited = new Properties(properties("cache.ttl", "2s"));

        assertThat(CacheSettings.from(inherited).ttl()).isEqualTo(Duration.ofSeconds(2));
    }

    static Stream<Arguments> durations() {
        return Stream.of(
                Arguments.of("250ms", Duration.ofMillis(250)),
                Arguments.of("30s", Duration.ofSeconds(30)),
                Arguments.of("5m", Duration.ofMinutes(5)),
                Arguments.of("1h", Duration.ofHours(1)),
                Arguments.of("2d", Duration.ofDays(2)),
                Arguments.of("PT30S", Duration.ofSeconds(30)),
                Arguments.of("PT1M30S", Duration.ofSeconds(90)),
                Arguments.of("pt0.5s", Duration.ofMillis(500)),
                Arguments.of("P1D", Duration.ofDays(1)),
                Arguments.of("30S", Duration.ofSeconds(30)),
                Arguments.of("10 s", Duration.ofSeconds(10)),
                Arguments.of(" 45s ", Duration.ofSeconds(45)),
                Arguments.of("1MS", Duration.ofMillis(1)));
    }

    @ParameterizedTest
    @MethodSource("durations")
    void everyDurationFormParsesToItsValue(String text, Duration expected) throws Exception {
        assertThat(CacheSettings.from(properties("cache.ttl", text)).ttl()).isEqualTo(expected);
        assertThat(CacheSettings.from(properties("cache.singleFlightTimeout", text)).singleFlightTimeout())
                .isEqualTo(expected);
        assertThat(CacheSettings.from(properties("cache.parseTimeout", text)).parseTimeout()).isEqualTo(expected);
    }

    static Stream<Arguments> sizes() {
        return Stream.of(
                Arguments.of("512KB", 512 * KB),
                Arguments.of("64MB", 64 * MB),
                Arguments.of("1GB", GB),
                Arguments.of("2TB", 2 * 1024 * GB),
                Arguments.of("1048576", MB),
                Arguments.of("0", 0L),
                Arguments.of("100B", 100L),
                Arguments.of("3KiB", 3 * KB),
                Arguments.of("5MiB", 5 * MB),
                Arguments.of("1GiB", GB),
                Arguments.of("64mb", 64 * MB),
                Arguments.of("16 MB", 16 * MB),
                Arguments.of("9223372036854775807", Long.MAX_VALUE));
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void everySizeFormParsesToItsValue(String text, long expected) throws Exception {
        assertThat(CacheSettings.from(properties("cache.maxBytes", text)).maxBytes()).isEqualTo(expected);
        assertThat(CacheSettings.from(properties("cache.maxResultBytes", text)).maxResultBytes()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"0, 0.0", "1, 1.0", "0.5, 0.5", ".25, 0.25", "1.0, 1.0", "0.05, 0.05", "-0, 0.0"})
    void jitterIsADecimalFromZeroToOne(String text, double expected) throws Exception {
        assertThat(CacheSettings.from(properties("cache.ttlJitter", text)).ttlJitter()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "1, 1", "250000, 250000", "2147483647, 2147483647"})
    void maxResultRowsIsACount(String text, int expected) throws Exception {
        assertThat(CacheSettings.from(properties("cache.maxResultRows", text)).maxResultRows()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"true, true", "false, false", "TRUE, true", "False, false"})
    void booleansAreTrueOrFalseInAnyCase(String text, boolean expected) throws Exception {
        assertThat(CacheSettings.from(properties("cache.enabled", text)).enabled()).isEqualTo(expected);
        assertThat(CacheSettings.from(properties("cache.cacheRepeatableRead", text)).cacheRepeatableRead())
                .isEqualTo(expected);
        assertThat(CacheSettings.from(properties("cache.jmx", text)).jmx()).isEqualTo(expected);
        assertThat(CacheSettings.from(properties("cache.admission", text)).admission()).isEqualTo(expected);
        assertThat(CacheSettings.from(properties("cache.refreshAhead", text)).refreshAhead()).isEqualTo(expected);
    }

    static Stream<Arguments> tableLists() {
        return Stream.of(
                Arguments.of("", Set.of()),
                Arguments.of("orders", Set.of("orders")),
                Arguments.of("Orders, AUDIT_LOG", Set.of("orders", "audit_log")),
                Arguments.of("public.orders,audit.Events", Set.of("orders", "events")),
                Arguments.of("db.public.orders", Set.of("orders")),
                Arguments.of("\"Line Items\"", Set.of("line items")),
                Arguments.of("\"Odd,Name\", `back.tick`, [Bracket Name]", Set.of("odd,name", "back.tick",
                        "bracket name")),
                Arguments.of("\"schema.with.dots\".\"T\"", Set.of("t")),
                Arguments.of("\"say \"\"hi\"\"\"", Set.of("say \"hi\"")),
                Arguments.of("orders,,sessions,", Set.of("orders", "sessions")),
                Arguments.of("orders, orders, ORDERS", Set.of("orders")));
    }

    @ParameterizedTest
    @MethodSource("tableLists")
    void excludedTablesBecomeLowerCaseBareNames(String text, Set<String> expected) throws Exception {
        assertThat(CacheSettings.from(properties("cache.excludeTables", text)).excludeTables())
                .extracting(TableKey::name).containsExactlyInAnyOrderElementsOf(expected);
    }

    static Stream<Arguments> invalidValues() {
        return Stream.of(
                Arguments.of("cache.ttl", "banana", "not a duration"),
                Arguments.of("cache.ttl", "0s", "greater than zero"),
                Arguments.of("cache.ttl", "-5s", "greater than zero"),
                Arguments.of("cache.ttl", "PT0S", "greater than zero"),
                Arguments.of("cache.ttl", "PT-1S", "greater than zero"),
                Arguments.of("cache.ttl", "30", "needs a unit"),
                Arguments.of("cache.ttl", "30sec", "unknown unit \"sec\""),
                Arguments.of("cache.ttl", "1.5s", "not a duration"),
                Arguments.of("cache.ttl", "P30X", "not an ISO-8601 duration"),
                Arguments.of("cache.ttl", "", "not a duration"),
                Arguments.of("cache.ttl", "99999999999999999999h", "too large"),
                Arguments.of("cache.ttl", "9223372036854775807d", "too large"),
                Arguments.of("cache.singleFlightTimeout", "0ms", "greater than zero"),
                Arguments.of("cache.parseTimeout", "soon", "not a duration"),
                Arguments.of("cache.ttlJitter", "1.5", "out of range"),
                Arguments.of("cache.ttlJitter", "-0.1", "out of range"),
                Arguments.of("cache.ttlJitter", "NaN", "not a decimal number"),
                Arguments.of("cache.ttlJitter", "0.5f", "not a decimal number"),
                Arguments.of("cache.ttlJitter", "20%", "not a decimal number"),
                Arguments.of("cache.maxBytes", "-1", "must not be negative"),
                Arguments.of("cache.maxBytes", "12XB", "unknown unit \"XB\""),
                Arguments.of("cache.maxBytes", "1.5GB", "not a size"),
                Arguments.of("cache.maxBytes", "lots", "not a size"),
                Arguments.of("cache.maxBytes", "9000000TB", "too large"),
                Arguments.of("cache.maxResultBytes", "-1KB", "must not be negative"),
                Arguments.of("cache.maxResultRows", "abc", "not a whole number"),
                Arguments.of("cache.maxResultRows", "-1", "must not be negative"),
                Arguments.of("cache.maxResultRows", "2147483648", "too large"),
                Arguments.of("cache.maxResultRows", "10k", "not a whole number"),
                Arguments.of("cache.enabled", "yes", "not a boolean"),
                Arguments.of("cache.jmx", "1", "not a boolean"),
                Arguments.of("cache.refreshAhead", "on", "not a boolean"),
                Arguments.of("cache.cacheRepeatableRead", "", "not a boolean"),
                Arguments.of("cache.excludeTables", "\"orders", "not closed"),
                Arguments.of("cache.excludeTables", "orders sessions", "separate names with commas"),
                Arguments.of("cache.excludeTables", "public.", "empty"),
                Arguments.of("cache.excludeTables", "\"\"", "empty"),
                Arguments.of("cache.excludeTables", "x\"orders\"", "quote in the middle"),
                Arguments.of("cache.excludeTables", "\"orders\"x", "after a quoted table name"));
    }

    @ParameterizedTest
    @MethodSource("invalidValues")
    void anInvalidValueFailsNamingPropertyValueReasonAndAcceptedForms(String name, String value, String reason) {
        CacheProperty property = CacheProperty.forName(name).orElseThrow();

        assertThatThrownBy(() -> CacheSettings.from(properties(name, value)))
                .isInstanceOf(SQLDataException.class)
                .hasMessageContaining(name)
                .hasMessageContaining("\"" + value + "\"")
                .hasMessageContaining(reason)
                .hasMessageContaining(property.acceptedValues())
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22023");
    }

    @ParameterizedTest
    @CsvSource({"cache.tll, cache.ttl", "cache.TTL, cache.ttl", "Cache.ttl, cache.ttl", "CACHE.JMX, cache.jmx",
            "cache.maxbytes, cache.maxBytes", "cache.ttljitter, cache.ttlJitter", "cache.enable, cache.enabled"})
    void anUnknownCacheNameFailsSuggestingTheNameMeant(String name, String meant) {
        assertThatThrownBy(() -> CacheSettings.from(properties(name, "30s")))
                .isInstanceOf(SQLDataException.class)
                .hasMessageContaining(name)
                .hasMessageContaining("\"30s\"")
                .hasMessageContaining("Did you mean " + meant + "?")
                .hasMessageContaining(CacheProperty.PARSE_TIMEOUT.propertyName())
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22023");
    }

    @Test
    void anUnknownCacheNameFarFromEveryPropertySuggestsNothingButListsThemAll() {
        assertThatThrownBy(() -> CacheSettings.from(properties("cache.compression", "on")))
                .isInstanceOf(SQLDataException.class)
                .hasMessageContaining("cache.compression")
                .hasMessageNotContaining("Did you mean")
                .satisfies(e -> {
                    for (CacheProperty property : CacheProperty.values()) {
                        assertThat(e).hasMessageContaining(property.propertyName());
                    }
                });
    }

    @Test
    void settingsWithEqualValuesAreEqual() throws Exception {
        CacheSettings one = CacheSettings.from(properties("cache.ttl", "60s", "cache.excludeTables", "a, b"));
        CacheSettings other = CacheSettings.from(properties("cache.ttl", "PT1M", "cache.excludeTables", "B,A"));

        assertThat(one).isEqualTo(other).hasSameHashCodeAs(other);
        assertThat(one).isNotEqualTo(CacheSettings.from(properties("cache.ttl", "61s", "cache.excludeTables", "a,b")));
    }

    @Test
    void excludedTablesAreCopiedLowerCasedAndUnmodifiable() {
        Set<TableKey> tables = new HashSet<>(Set.of(TableKey.of("Orders")));
        CacheSettings settings = withExcludedTables(tables);
        tables.add(TableKey.of("sessions"));

        assertThat(settings.excludeTables()).extracting(TableKey::name).containsExactly("orders");
        assertThatThrownBy(() -> settings.excludeTables().add(TableKey.of("x")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theConstructorRefusesWhatThePropertiesRefuse() {
        CacheSettings d = CacheSettings.defaults();
        assertThatIllegalArgumentException().isThrownBy(() -> new CacheSettings(d.enabled(), Duration.ZERO,
                d.ttlJitter(), d.refreshAhead(), d.maxBytes(), d.maxResultRows(), d.maxResultBytes(), d.excludeTables(),
                d.singleFlightTimeout(), d.cacheRepeatableRead(), d.parseTimeout(), d.coherence(),
                d.maxStaleness(), d.admission(), d.jmx()))
                .withMessageContaining("cache.ttl");
        assertThatIllegalArgumentException().isThrownBy(() -> new CacheSettings(d.enabled(), d.ttl(),
                Double.NaN, d.refreshAhead(), d.maxBytes(), d.maxResultRows(), d.maxResultBytes(), d.excludeTables(),
                d.singleFlightTimeout(), d.cacheRepeatableRead(), d.parseTimeout(), d.coherence(),
                d.maxStaleness(), d.admission(), d.jmx()))
                .withMessageContaining("cache.ttlJitter");
        assertThatIllegalArgumentException().isThrownBy(() -> new CacheSettings(d.enabled(), d.ttl(),
                d.ttlJitter(), d.refreshAhead(), -1, d.maxResultRows(), d.maxResultBytes(), d.excludeTables(),
                d.singleFlightTimeout(), d.cacheRepeatableRead(), d.parseTimeout(), d.coherence(),
                d.maxStaleness(), d.admission(), d.jmx()))
                .withMessageContaining("cache.maxBytes");
        assertThatIllegalArgumentException().isThrownBy(() -> new CacheSettings(d.enabled(), d.ttl(),
                d.ttlJitter(), d.refreshAhead(), d.maxBytes(), -1, d.maxResultBytes(), d.excludeTables(),
                d.singleFlightTimeout(), d.cacheRepeatableRead(), d.parseTimeout(), d.coherence(),
                d.maxStaleness(), d.admission(), d.jmx()))
                .withMessageContaining("cache.maxResultRows");
        assertThatIllegalArgumentException().isThrownBy(() -> new CacheSettings(d.enabled(), d.ttl(),
                d.ttlJitter(), d.refreshAhead(), d.maxBytes(), d.maxResultRows(), -1, d.excludeTables(),
                d.singleFlightTimeout(), d.cacheRepeatableRead(), d.parseTimeout(), d.coherence(),
                d.maxStaleness(), d.admission(), d.jmx()))
                .withMessageContaining("cache.maxResultBytes");
        assertThatIllegalArgumentException().isThrownBy(() -> new CacheSettings(d.enabled(), d.ttl(),
                d.ttlJitter(), d.refreshAhead(), d.maxBytes(), d.maxResultRows(), d.maxResultBytes(), d.excludeTables(),
                Duration.ofSeconds(-1), d.cacheRepeatableRead(), d.parseTimeout(), d.coherence(),
                d.maxStaleness(), d.admission(), d.jmx()))
                .withMessageContaining("cache.singleFlightTimeout");
        assertThatIllegalArgumentException().isThrownBy(() -> new CacheSettings(d.enabled(), d.ttl(),
                d.ttlJitter(), d.refreshAhead(), d.maxBytes(), d.maxResultRows(), d.maxResultBytes(), d.excludeTables(),
                d.singleFlightTimeout(), d.cacheRepeatableRead(), Duration.ZERO, d.coherence(), d.maxStaleness(),
                d.admission(), d.jmx()))
                .withMessageContaining("cache.parseTimeout");
        assertThatIllegalArgumentException().isThrownBy(() -> new CacheSettings(d.enabled(), d.ttl(),
                d.ttlJitter(), d.refreshAhead(), d.maxBytes(), d.maxResultRows(), d.maxResultBytes(), d.excludeTables(),
                d.singleFlightTimeout(), d.cacheRepeatableRead(), d.parseTimeout(), d.coherence(), Duration.ZERO,
                d.admission(), d.jmx()))
                .withMessageContaining("cache.maxStaleness");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -0.0})
    void zeroJitterEqualsWhateverItsSign(double jitter) {
        CacheSettings d = CacheSettings.defaults();
        CacheSettings settings = new CacheSettings(d.enabled(), d.ttl(), jitter, d.refreshAhead(), d.maxBytes(),
                d.maxResultRows(), d.maxResultBytes(), d.excludeTables(), d.singleFlightTimeout(),
                d.cacheRepeatableRead(), d.parseTimeout(), d.coherence(), d.maxStaleness(), d.admission(), d.jmx());

        assertThat(Double.doubleToRawLongBits(settings.ttlJitter())).isEqualTo(Double.doubleToRawLongBits(0.0));
    }

    private static CacheSettings withExcludedTables(Set<TableKey> tables) {
        CacheSettings d = CacheSettings.defaults();
        return new CacheSettings(d.enabled(), d.ttl(), d.ttlJitter(), d.refreshAhead(), d.maxBytes(), d.maxResultRows(),
                d.maxResultBytes(), tables, d.singleFlightTimeout(), d.cacheRepeatableRead(), d.parseTimeout(),
                d.coherence(), d.maxStaleness(), d.admission(), d.jmx());
    }

    private static Properties properties(String... namesAndValues) {
        Properties properties = new Properties();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            properties.setProperty(namesAndValues[i], namesAndValues[i + 1]);
        }
        return properties;
    }
}
