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
 * A PostgreSQL sequence can be read as a relation, and its row changes with every nextval, setval and serial or
 * identity insert, none of which the driver sees as a write of it: such reads, and reads of views over a sequence,
 * always go to the database.
 */
class SequenceReadsPostgresTest extends OneDatabaseTest {

    @Override
    String plainUrl() {
        return postgresUrl();
    }

    @Override
    Properties credentials() {
        return TestDatabases.postgresCredentials();
    }

    @BeforeEach
    void createSequences() throws SQLException {
        run("drop schema if exists seqr cascade",
                "create schema seqr",
                "create sequence seqr.counter",
                "create view seqr.counter_view as select last_value, is_called from seqr.counter",
                "create view seqr.counter_view_view as select last_value from seqr.counter_view",
                "create table seqr.plain (x int)",
                "insert into seqr.plain values (7)",
                "create table seqr.ticket (id serial primary key, note text)",
                "create table seqr.badge (id int generated always as identity primary key, label text)");
    }

    @AfterEach
    void dropSequences() throws SQLException {
        closeConnections();
        run("drop schema if exists seqr cascade");
    }

    @Test
    void lastValueIsReadAgainAfterNextvalThroughTheDriver() throws SQLException {
        Connection reader = cached();
        Connection writer = cached();
        assertThat(first(reader, "select last_value from seqr.counter")).isEqualTo("1");
        first(writer, "select nextval('seqr.counter')");
        first(writer, "select nextval('seqr.counter')");
        assertThat(first(reader, "select last_value from seqr.counter")).isEqualTo("2");
    }

    @Test
    void isCalledIsReadAgainAfterTheFirstNextval() throws SQLException {
        Connection reader = cached();
        assertThat(first(reader, "select is_called from seqr.counter")).isEqualTo("f");
        first(cached(), "select nextval('seqr.counter')");
        assertThat(first(reader, "select is_called from seqr.counter")).isEqualTo("t");
    }

    @Test
    void setvalIsSeenByTheNextRead() throws SQLException {
        Connection reader = cached();
        assertThat(first(reader, "select last_value from seqr.counter")).isEqualTo("1");
        first(cached(), "select setval('seqr.counter', 42)");
        assertThat(first(reader, "select last_value from seqr.counter")).isEqualTo("42");
    }

    @Test
    void viewsOverASequenceAreReadAgain() throws SQLException {
        Connection reader = cached();
        assertThat(first(reader, "select is_called from seqr.counter_view")).isEqualTo("f");
        assertThat(first(reader, "select last_value from seqr.counter_view_view")).isEqualTo("1");
        first(cached(), "select setval('seqr.counter', 5)");
        assertThat(first(reader, "select is_called from seqr.counter_view")).isEqualTo("t");
        assertThat(first(reader, "select last_value from seqr.counter_view_view")).isEqualTo("5");
    }

    @Test
    void aJoinOfATableWithASequenceIsReadAgain() throws SQLException {
        Connection reader = cached();
        String join = "select p.x + c.last_value from seqr.plain p, seqr.counter c";
        assertThat(first(reader, join)).isEqualTo("8");
        first(cached(), "select setval('seqr.counter', 10)");
        assertThat(first(reader, join)).isEqualTo("17");
    }

    @Test
    void serialInsertsAdvanceTheSequenceTheNextReadSees() throws SQLException {
        Connection reader = cached();
        String read = "select last_value, is_called from seqr.ticket_id_seq";
        assertThat(first(reader, "select is_called from seqr.ticket_id_seq")).isEqualTo("f");
        Connection writer = cached();
        writer.createStatement().executeUpdate("insert into seqr.ticket (note) values ('a')");
        assertThat(first(reader, "select is_called from seqr.ticket_id_seq")).isEqualTo("t");
        assertThat(first(reader, read)).isEqualTo("1");
        writer.createStatement().executeUpdate("insert into seqr.ticket (note) values ('b')");
        assertThat(first(reader, read)).isEqualTo("2");
    }

    @Test
    void identityInsertsAdvanceTheSequenceTheNextReadSees() throws SQLException {
        Connection reader = cached();
        String sequence = first(reader, "select pg_get_serial_sequence('seqr.badge', 'id')");
        String read = "select last_value from " + sequence;
        assertThat(first(reader, read)).isEqualTo("1");
        Connection writer = cached();
        writer.createStatement().executeUpdate("insert into seqr.badge (label) values ('a')");
        writer.createStatement().executeUpdate("insert into seqr.badge (label) values ('b')");
        assertThat(first(reader, read)).isEqualTo("2");
    }

    @Test
    void explainSaysASequenceIsNotCached() throws SQLException {
        Connection connection = cached();
        assertThat(explain(connection, "select last_value from seqr.counter")).contains("not cached").contains("sequence");
        assertThat(explain(connection, "select last_value from seqr.counter_view")).contains("not cached");
        assertThat(explain(connection, "select x from seqr.plain")).contains("; cached;");
    }
}
