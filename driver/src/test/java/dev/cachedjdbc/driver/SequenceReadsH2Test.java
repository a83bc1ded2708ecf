package dev.cachedjdbc.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * H2 cannot read a sequence as a relation: its values are read with NEXT VALUE FOR and CURRENT VALUE FOR, which are
 * never cached, so every read sees the sequence move.
 */
class SequenceReadsH2Test extends OneDatabaseTest {

    private final String url = TestDatabases.uniqueH2Url("seqr");

    @Override
    String plainUrl() {
        return url;
    }

    @Override
    Properties credentials() {
        return new Properties();
    }

    @BeforeEach
    void createSequence() throws SQLException {
        run("create sequence counter");
    }

    @Test
    void nextAndCurrentValuesAreNeverCached() throws SQLException {
        Connection reader = cached();
        assertThat(first(reader, "select next value for counter")).isEqualTo("1");
        assertThat(first(reader, "select current value for counter")).isEqualTo("1");
        assertThat(first(reader, "select next value for counter")).isEqualTo("2");
        assertThat(first(reader, "select current value for counter")).isEqualTo("2");
    }
}
