package dev.cachedjdbc.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cached results of one statement share one metadata snapshot rather than each keeping a copy, and a result
 * loaded after the table's columns changed gets metadata of its own that describes them as they are now.
 */
abstract class SharedMetadataContractTest extends OneDatabaseTest {

    static final String BY_ID = "select * from shm_item where id = ?";

    @BeforeEach
    void createTable() throws SQLException {
        run("drop table if exists shm_item",
                "create table shm_item (id int primary key, name varchar(20))",
                "insert into shm_item values (1, 'aaaa'), (2, 'bbbb'), (3, 'cccc')");
    }

    /** Runs the statement for this id; returns its result's metadata, after reading the row by label. */
    static ResultSetMetaData metaDataOf(PreparedStatement statement, int id) throws SQLException {
        statement.setInt(1, id);
        try (ResultSet rows = statement.executeQuery()) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt("id")).isEqualTo(id);
            return rows.getMetaData();
        }
    }

    static List<String> labels(ResultSetMetaData metaData) throws SQLException {
        List<String> labels = new ArrayList<>();
        for (int column = 1; column <= metaData.getColumnCount(); column++) {
            labels.add(metaData.getColumnLabel(column).toLowerCase(Locale.ROOT));
        }
        return labels;
    }

    @Test
    void theCachedResultsOfOneStatementShareOneMetadataSnapshot() throws SQLException {
        Connection connection = cached();
        try (PreparedStatement statement = connection.prepareStatement(BY_ID)) {
            ResultSetMetaData first = metaDataOf(statement, 1);
            long afterFirst = stats(connection).estimatedBytes();
            ResultSetMetaData second = metaDataOf(statement, 2);
            long secondWeighs = stats(connection).estimatedBytes() - afterFirst;

            assertThat(second).as("a second entry of the statement").isSameAs(first);
            assertThat(metaDataOf(statement, 1)).as("a hit").isSameAs(first);
            assertThat(metaDataOf(statement, 2)).as("a hit").isSameAs(first);
            assertThat(stats(connection).hits()).isEqualTo(2);
            assertThat(secondWeighs).as("the entry that shares the metadata does not count it again")
                    .isLessThan(afterFirst);
        }
        try (Connection other = cached(); PreparedStatement statement = other.prepareStatement(BY_ID)) {
            assertThat(metaDataOf(statement, 3)).as("another connection's entry of the same statement")
                    .isSameAs(metaDataOf(statement, 1));
        }
    }

    @Test
    void aResultLoadedAfterTheColumnsChangedElsewhereHasMetadataOfItsOwn() throws SQLException {
        Connection connection = cached();
        try (PreparedStatement statement = connection.prepareStatement(BY_ID)) {
            ResultSetMetaData before = metaDataOf(statement, 1);
            assertThat(labels(before)).containsExactly("id", "name");
            try (Connection direct = direct(); Statement ddl = direct.createStatement()) {
                ddl.execute("alter table shm_item add column note varchar(10)");
                ddl.execute("update shm_item set note = 'n' || id");
            }

            statement.setInt(1, 2);
            try (ResultSet rows = statement.executeQuery()) {
                assertThat(rows.next()).isTrue();
                ResultSetMetaData after = rows.getMetaData();
                assertThat(after).isNotSameAs(before);
                assertThat(labels(after)).containsExactly("id", "name", "note");
                assertThat(rows.getString("note")).isEqualTo("n2");
                assertThat(rows.findColumn("NOTE")).isEqualTo(3);
            }
            assertThat(labels(before)).as("what an earlier result answered stays as it was")
                    .containsExactly("id", "name");
        }
    }

    static CacheStatistics stats(Connection connection) throws SQLException {
        return connection.unwrap(CacheControl.class).statistics();
    }
}
