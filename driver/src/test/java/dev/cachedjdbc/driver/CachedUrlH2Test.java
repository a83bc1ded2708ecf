package dev.cachedjdbc.driver;

import dev.cachedjdbc.config.CacheSettings;
import dev.cachedjdbc.config.CachedUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** H2 refuses settings it does not know, so it shows whether any cache setting reached the database driver. */
class CachedUrlH2Test {

    @Test
    void h2RefusesACacheSettingLeftInItsUrl() {
        String h2Url = TestDatabases.uniqueH2Url("config") + ";cache.ttl=30s";

        assertThatThrownBy(() -> DriverManager.getConnection(h2Url, new Properties()).close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("CACHE.TTL");
    }

    @Test
    void h2ConnectsWithTheDelegateUrlAndPropertiesOfACachedUrl() throws Exception {
        String h2Url = TestDatabases.uniqueH2Url("config");
        String cachedUrl = CachedUrl.PREFIX + h2Url.substring("jdbc:".length()).replace(";", ";cache.ttl=30s;")
                + ";cache.jmx=false;MODE=PostgreSQL";
        Properties info = new Properties();
        info.setProperty("user", "sa");
        info.setProperty("cache.maxBytes", "1MB");

        CachedUrl parsed = CachedUrl.parse(cachedUrl, info);

        try (Connection connection = DriverManager.getConnection(parsed.delegateUrl(), parsed.delegateProperties());
             Statement statement = connection.createStatement();
             ResultSet mode = statement.executeQuery(
                     "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'MODE'")) {
            assertThat(mode.next()).isTrue();
            assertThat(mode.getString(1)).isEqualTo("PostgreSQL");
        }
        assertThat(CacheSettings.from(parsed.cacheProperties()).jmx()).isFalse();
    }
}
