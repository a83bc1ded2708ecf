package dev.cachedjdbc.driver;

import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import org.h2.jdbc.JdbcConnection;
import org.h2.jdbc.JdbcDatabaseMetaData;
import org.h2.jdbc.JdbcResultSet;
import org.h2.jdbc.JdbcStatement;

/** The H2 driver's own objects handed out by unwrap. */
class UnseenAccessH2Test extends UnseenAccessContractTest {

    private final String url = TestDatabases.uniqueH2Url("ua");

    @Override
    String plainUrl() {
        return url;
    }

    @Override
    Properties credentials() {
        return new Properties();
    }

    @Override
    Class<? extends Connection> driverConnectionClass() {
        return JdbcConnection.class;
    }

    @Override
    Class<? extends Statement> driverStatementClass() {
        return JdbcStatement.class;
    }

    @Override
    Class<? extends ResultSet> driverResultSetClass() {
        return JdbcResultSet.class;
    }

    @Override
    Class<? extends DatabaseMetaData> driverMetaDataClass() {
        return JdbcDatabaseMetaData.class;
    }
}
