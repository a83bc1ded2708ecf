package dev.cachedjdbc.conformance.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.cachedjdbc.driver.CacheStatistics;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Cache settings given to HikariCP as data-source properties reach the driver, and mistakes in them show at once. */
class PoolPropertiesTest {

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void aResultLimitGivenToThePoolDecidesWhatIsCached(TestedDatabase kind) throws SQLException {
        try (ScenarioDatabase database = kind.create("orm_pool");
             HikariDataSource pool = new HikariDataSource(config(database, "cache.maxResultRows", "1"))) {
            try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("create table orm_pool_item (id int primary key)");
                statement.execute("insert into orm_pool_item values (1), (2)");
            }
            String oneRow = "select id from orm_pool_item where id = 1";
            String twoRows = "select id from orm_pool_item order by id";
            read(pool, oneRow);
            read(pool, twoRows);

            CacheStatistics before = Pools.statisticsOf(pool);
            read(pool, oneRow);
            CacheStatistics afterOneRow = Pools.statisticsOf(pool);
            read(pool, twoRows);
            CacheStatistics afterTwoRows = Pools.statisticsOf(pool);

            assertThat(afterOneRow.hits() - before.hits()).as("the one-row result was cached").isEqualTo(1);
            assertThat(afterTwoRows.hits() - afterOneRow.hits()).as("the two-row result was not").isZero();
            assertThat(afterTwoRows.loads() - afterOneRow.loads()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void aMisspeltCachePropertyStopsThePoolFromStartingAndIsNamed(TestedDatabase kind) {
        try (ScenarioDatabase database = kind.create("orm_pool")) {
            HikariConfig config = config(database, "cache.tll", "30s");
            assertThatThrownBy(() -> new HikariDataSource(config).close())
                    .hasRootCauseInstanceOf(SQLException.class)
                    .rootCause()
                    .hasMessageContaining("cache.tll")
                    .asInstanceOf(InstanceOfAssertFactories.type(SQLException.class))
                    .extracting(SQLException::getSQLState)
                    .isEqualTo("22023");
        }
    }

    private static HikariConfig config(ScenarioDatabase database, String property, String value) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database.cachedUrl());
        config.setUsername(database.user());
        config.setPassword(database.password());
        config.setMaximumPoolSize(2);
        config.addDataSourceProperty(property, value);
        return config;
    }

    private static void read(HikariDataSource pool, String sql) throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                rows.getInt(1);
            }
        }
    }
}
