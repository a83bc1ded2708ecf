package dev.cachedjdbc.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Invalidation by name on H2 with DATABASE_TO_UPPER=FALSE, which keeps unquoted names as written: the driver reads
 * a name with H2's usual rule (upper case), and still reaches the table, because a key does not depend on case.
 */
class InvalidateTableH2KeepingCaseTest extends InvalidateTableContractTest {

    private final String url = TestDatabases.uniqueH2Url("inv_case") + ";DATABASE_TO_UPPER=FALSE";

    @Override
    String plainUrl() {
        return url;
    }

    @Override
    Properties credentials() {
        return new Properties();
    }

    @Test
    void aNameStoredInMixedCaseIsReachedUnquotedInAnyCase() throws SQLException {
        run("create table Orders (v int)", "insert into Orders values (1)");
        Connection reader = cached();
        assertThat(first(reader, "select v from Orders")).isEqualTo("1");
        try (Connection connection = direct(); var statement = connection.createStatement()) {
            statement.executeUpdate("update Orders set v = 2");
        }
        assertThat(first(reader, "select v from Orders")).as("served from the cache").isEqualTo("1");
        invalidate(reader, "ORDERS");
        assertThat(first(reader, "select v from Orders")).isEqualTo("2");
    }
}
