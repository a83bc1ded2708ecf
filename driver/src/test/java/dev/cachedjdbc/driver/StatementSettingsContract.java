package dev.cachedjdbc.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Statement settings that change what the database's driver returns: an execution under such a setting is never
 * answered from the cache and never fills it, on plain and prepared statements alike, whether or not the prepared
 * statement's driver statement exists yet.
 */
abstract class StatementSettingsContract {

    static {
        CachedJdbcDriver.register();
    }

    private final List<Connection> opened = new ArrayList<>();

    abstract String plainUrl();

    abstract Properties credentials();

    Connection cached() throws SQLException {
        return open("jdbc:cached:" + plainUrl().substring("jdbc:".length()));
    }

    Connection direct() throws SQLException {
        return open(plainUrl());
    }

    private Connection open(String url) throws SQLException {
        Connection connection = DriverManager.getConnection(url, credentials());
        opened.add(connection);
        return connection;
    }

    @BeforeEach
    void createTable() throws SQLException {
        try (Statement statement = cached().createStatement()) {
            statement.execute("drop table if exists sts_words");
            statement.execute("create table sts_words (id int primary key, word varchar(20))");
            statement.execute("insert into sts_words values (1, 'hello')");
        }
    }

    @AfterEach
    void close() throws SQLException {
        for (Connection connection : opened) {
            connection.close();
        }
    }

    @Test
    void aPlainStatementWithAFieldSizeLimitNeitherReadsNorFillsTheCache() throws SQLException {
        String query = "select word from sts_words where id = 1";
        String limited = word(direct().createStatement(), 2, query);
        Connection connection = cached();
        assertThat(word(connection.createStatement(), 0, query)).isEqualTo("hello");
        assertThat(word(connection.createStatement(), 2, query)).as("not the cached whole value").isEqualTo(limited);

        String other = "select word as w from sts_words where id = 1";
        assertThat(word(connection.createStatement(), 2, other)).isEqualTo(limited);
        assertThat(word(connection.createStatement(), 0, other)).as("not the limited value").isEqualTo("hello");
    }

    @Test
    void aPreparedStatementWithAFieldSizeLimitNeitherReadsNorFillsTheCache() throws SQLException {
        String query = "select word from sts_words where id = ?";
        PreparedStatement plain = direct().prepareStatement(query);
        String limited = word(plain, 2);
        Connection connection = cached();
        assertThat(word(connection.prepareStatement(query), 0)).isEqualTo("hello");
        assertThat(word(connection.prepareStatement(query), 2)).as("not the cached whole value").isEqualTo(limited);

        String other = "select word as w from sts_words where id = ?";
        connection.prepareStatement(other).close(); // prepared before: the next is created only when needed
        assertThat(word(connection.prepareStatement(other), 2)).isEqualTo(limited);
        assertThat(word(connection.prepareStatement(other), 0)).as("not the limited value").isEqualTo("hello");
    }

    @Test
    void removingTheFieldSizeLimitUsesTheCacheAgain() throws SQLException {
        String query = "select word as again from sts_words where id = ?";
        Connection connection = cached();
        PreparedStatement statement = connection.prepareStatement(query);
        word(statement, 2);
        assertThat(word(statement, 0)).isEqualTo("hello");
        assertThat(word(statement, 0)).isEqualTo("hello");
        assertThat(connection.unwrap(CacheControl.class).statistics().hits()).isPositive();
    }

    static String word(Statement statement, int maxFieldSize, String query) throws SQLException {
        try (statement) {
            statement.setMaxFieldSize(maxFieldSize);
            try (ResultSet rows = statement.executeQuery(query)) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    static String word(PreparedStatement statement, int maxFieldSize) throws SQLException {
        statement.setMaxFieldSize(maxFieldSize);
        statement.setInt(1, 1);
        try (ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getString(1);
        }
    }
}
