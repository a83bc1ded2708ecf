package dev.cachedjdbc.driver;

import dev.cachedjdbc.testing.TestDatabases;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/** Invalidation by equality on H2, whose caseless table has a VARCHAR_IGNORECASE title. */
class EqualityInvalidationH2Test extends EqualityInvalidationContractTest {

    private final String url = TestDatabases.uniqueH2Url("equality");

    @Override
    String plainUrl() {
        return url;
    }

    @Override
    Properties credentials() {
        return new Properties();
    }

    @Override
    void createCaselessTable(Statement statement) throws SQLException {
        statement.execute("create table eq_caseless (id int primary key, title varchar_ignorecase(20),"
                + " note varchar(20))");
        statement.execute("insert into eq_caseless values (1, 'main', 'old')");
    }
}
