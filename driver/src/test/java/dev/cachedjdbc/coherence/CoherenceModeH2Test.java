package dev.cachedjdbc.coherence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachedjdbc.driver.CacheControl;
import dev.cachedjdbc.driver.CoherenceStatus;
import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Where no change channel exists, auto means local, and asking for notify explicitly is refused with the reason. */
class CoherenceModeH2Test {

    private static String cachedH2Url() {
        return "jdbc:cached:" + TestDatabases.uniqueH2Url("coh_mode").substring("jdbc:".length());
    }

    @Test
    void autoIsLocalOnH2() throws SQLException {
        try (Connection connection = DriverManager.getConnection(cachedH2Url())) {
            assertThat(connection.unwrap(CacheControl.class).coherence()).isEqualTo(CoherenceStatus.LOCAL);
        }
    }

    @Test
    void notifyAskedForOnH2IsRefusedWithTheReason() {
        Properties properties = new Properties();
        properties.setProperty("cache.coherence", "notify");

        assertThatThrownBy(() -> DriverManager.getConnection(cachedH2Url(), properties).close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("cache.coherence=notify")
                .hasMessageContaining("cache.coherence=local");
    }

    @Test
    void anUnknownModeIsRefusedWithTheAcceptedValues() {
        Properties properties = new Properties();
        properties.setProperty("cache.coherence", "gossip");

        assertThatThrownBy(() -> DriverManager.getConnection(cachedH2Url(), properties).close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("cache.coherence")
                .hasMessageContaining("notify");
    }
}
