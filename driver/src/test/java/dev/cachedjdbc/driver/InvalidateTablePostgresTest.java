package dev.cachedjdbc.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Invalidation by name on PostgreSQL, which folds unquoted names to lower case and also reads a Unicode-escaped
 * quoted name. The tables live in the schemas inv_a and inv_s, with inv_a first on the search path.
 */
class InvalidateTablePostgresTest extends InvalidateTableContractTest {

    @Override
    String plainUrl() {
        return postgresUrl() + (postgresUrl().contains("?") ? "&" : "?") + "currentSchema=inv_a";
    }

    @Override
    Properties credentials() {
        return TestDatabases.postgresCredentials();
    }

    @BeforeEach
    @AfterEach
    void dropSchemas() throws SQLException {
        closeConnections();
        run("drop schema if exists inv_a cascade", "drop schema if exists inv_s cascade");
    }

    @Test
    void aUnicodeEscapedNameIsTheTableItSpells() throws SQLException {
        Connection reader = readerWithStaleReads();
        invalidate(reader, "inv_s.U&\"Mixed\\0020Case\"");
        assertThat(first(reader, MIXED)).isEqualTo("2");
        assertThat(first(reader, DOTTED)).as("no other table is invalidated").isEqualTo("1");
        assertThat(first(reader, B_OF_A)).isEqualTo("1");
    }
}
