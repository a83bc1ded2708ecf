package dev.cachedjdbc.driver;

import dev.cachedjdbc.config.CacheSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.sql.DriverPropertyInfo;
import java.util.Arrays;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class CachePropertyTest {

    @ParameterizedTest
    @EnumSource(CacheProperty.class)
    void everyPropertyIsDescribedWithItsAcceptedValues(CacheProperty property) {
        assertThat(property.description()).isNotBlank();
        assertThat(property.acceptedValues()).isNotBlank();
    }

    @ParameterizedTest
    @EnumSource(CacheProperty.class)
    void everyNameCarriesThePrefixTheDriverKeepsToItself(CacheProperty property) {
        assertThat(property.propertyName()).startsWith(CacheProperty.NAME_PREFIX);
        assertThat(CacheProperty.isCacheName(property.propertyName())).isTrue();
    }

    @Test
    void namesAreUnique() {
        assertThat(Arrays.stream(CacheProperty.values()).map(CacheProperty::propertyName)).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @EnumSource(CacheProperty.class)
    void everyDefaultParses(CacheProperty property) {
        Properties properties = new Properties();
        properties.setProperty(property.propertyName(), property.defaultValue());

        assertThatCode(() -> CacheSettings.from(properties)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @EnumSource(CacheProperty.class)
    void everyDefaultGivenExplicitlyYieldsTheDefaultSettings(CacheProperty property) throws Exception {
        Properties properties = new Properties();
        properties.setProperty(property.propertyName(), property.defaultValue());

        assertThat(CacheSettings.from(properties)).isEqualTo(CacheSettings.defaults());
    }

    @ParameterizedTest
    @EnumSource(CacheProperty.class)
    void choicesWhereGivenIncludeTheDefaultAndEachOfThemParses(CacheProperty property) throws Exception {
        String[] choices = property.choices();
        if (choices == null) {
            return;
        }
        assertThat(choices).contains(property.defaultValue());
        for (String choice : choices) {
            Properties properties = new Properties();
            properties.setProperty(property.propertyName(), choice);
            assertThatCode(() -> CacheSettings.from(properties)).as(choice).doesNotThrowAnyException();
        }
    }

    @Test
    void onlyTheOnOffPropertiesAndTheCoherenceModeHaveChoices() {
        assertThat(Arrays.stream(CacheProperty.values()).filter(property -> property.choices() != null))
                .containsExactly(CacheProperty.ENABLED, CacheProperty.REFRESH_AHEAD, CacheProperty.ISOLATED_TRANSACTIONS,
                        CacheProperty.COHERENCE, CacheProperty.ADMISSION, CacheProperty.JMX);
        assertThat(CacheProperty.JMX.choices()).containsExactly("true", "false");
        assertThat(CacheProperty.COHERENCE.choices()).containsExactly("auto", "local", "notify", "logical");
    }

    @Test
    void choicesCannotBeChangedThroughTheReturnedArray() {
        CacheProperty.ENABLED.choices()[0] = "changed";

        assertThat(CacheProperty.ENABLED.choices()).containsExactly("true", "false");
    }

    @Test
    void forNameFindsEveryPropertyByItsExactName() {
        for (CacheProperty property : CacheProperty.values()) {
            assertThat(CacheProperty.forName(property.propertyName())).contains(property);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cache.TTL", "Cache.ttl", "cache.ttl ", "ttl", "cache.", ""})
    void forNameIsCaseSensitiveAndExact(String name) {
        assertThat(CacheProperty.forName(name)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"cache.ttl", "cache.anything", "CACHE.ttl", "Cache.Whatever", "cache."})
    void everyNameWithTheCachePrefixInAnyCaseBelongsToTheDriver(String name) {
        assertThat(CacheProperty.isCacheName(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"user", "cacheTtl", "cache", "prepStmtCacheSize", "CACHE_SIZE", "x.cache.ttl"})
    void namesWithoutTheCachePrefixBelongToTheDatabaseDriver(String name) {
        assertThat(CacheProperty.isCacheName(name)).isFalse();
    }

    @Test
    void isCacheNameIsNullSafe() {
        assertThat(CacheProperty.isCacheName(null)).isFalse();
    }

    @Test
    void propertyInfoDescribesEveryPropertyWithItsDefaultWhenNoneIsGiven() {
        DriverPropertyInfo[] infos = CacheProperty.propertyInfo(new Properties());

        assertThat(infos).hasSize(CacheProperty.values().length);
        for (int i = 0; i < infos.length; i++) {
            CacheProperty property = CacheProperty.values()[i];
            assertThat(infos[i].name).isEqualTo(property.propertyName());
            assertThat(infos[i].value).isEqualTo(property.defaultValue());
            assertThat(infos[i].description).isEqualTo(property.description());
            assertThat(infos[i].choices).isEqualTo(property.choices());
            assertThat(infos[i].required).isFalse();
        }
    }

    @Test
    void propertyInfoReportsTheGivenValueEvenWhenItIsInvalid() {
        Properties given = new Properties();
        given.setProperty("cache.ttl", "5m");
        given.setProperty("cache.maxBytes", "banana");

        DriverPropertyInfo[] infos = CacheProperty.propertyInfo(given);

        assertThat(infos[CacheProperty.TTL.ordinal()].value).isEqualTo("5m");
        assertThat(infos[CacheProperty.MAX_BYTES.ordinal()].value).isEqualTo("banana");
        assertThat(infos[CacheProperty.ENABLED.ordinal()].value).isEqualTo(CacheProperty.ENABLED.defaultValue());
    }

    @Test
    void propertyInfoAcceptsNull() {
        assertThat(CacheProperty.propertyInfo(null)).extracting(info -> info.value)
                .containsExactly(Arrays.stream(CacheProperty.values()).map(CacheProperty::defaultValue).toArray(String[]::new));
    }
}
