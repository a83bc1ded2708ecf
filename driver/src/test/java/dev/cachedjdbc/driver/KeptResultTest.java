package dev.cachedjdbc.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** A hit kept open with getMoreResults(KEEP_CURRENT_RESULT) is closed by the statement's next execution, as JDBC says. */
class KeptResultTest {

    @Test
    void theNextExecutionClosesAResultKeptByGetMoreResults() throws SQLException {
        String url = TestDatabases.uniqueH2Url("kept");
        try (Connection connection = DriverManager.getConnection("jdbc:cached:" + url.substring("jdbc:".length()));
             Statement statement = connection.createStatement()) {
            statement.execute("create table kept_item (id int)");
            String sql = "select id from kept_item";
            statement.executeQuery(sql).close();
            assertThat(statement.execute(sql)).isTrue();
            ResultSet kept = statement.getResultSet();
            assertThat(statement.getMoreResults(Statement.KEEP_CURRENT_RESULT)).isFalse();
            assertThat(kept.isClosed()).as("kept open by getMoreResults").isFalse();
            statement.executeQuery(sql).close();
            assertThat(kept.isClosed()).as("closed by the next execution").isTrue();
        }
    }
}
