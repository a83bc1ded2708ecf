package dev.cachedjdbc.driver;

import dev.cachedjdbc.config.DriverSettings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.testing.CountingDriver;
import dev.cachedjdbc.testing.TestDatabases;
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
import org.junit.jupiter.api.Test;

/**
 * The database driver's own connection properties and URL parameters can change what a query returns (pgjdbc's
 * stringtype and preferQueryMode decide how a parameter is typed; binaryTransfer and prepareThreshold how values are
 * rendered): connections that differ in them never share cached results, while they still share invalidation.
 */
class DriverPropertiesSeparateCachesTest {

    static {
        CachedJdbcDriver.register();
        CountingDriver.register();
    }

    private final List<Connection> opened = new ArrayList<>();

    @AfterEach
    void close() throws SQLException {
        for (Connection connection : opened) {
            connection.close();
        }
        CountingDriver.reset();
    }

    private Connection open(String url, Properties properties) throws SQLException {
        Connection connection = DriverManager.getConnection(url, properties);
        opened.add(connection);
        return connection;
    }

    private Connection postgres(boolean cached, String... properties) throws SQLException {
        Properties info = TestDatabases.postgresCredentials();
        for (int i = 0; i < properties.length; i += 2) {
            info.setProperty(properties[i], properties[i + 1]);
        }
        return open(cached ? TestDatabases.cachedPostgresUrl() : TestDatabases.PG_URL, info);
    }

    private void createTable() throws SQLException {
        TestDatabases.assumePostgres();
        try (Statement statement = postgres(true).createStatement()) {
            statement.execute("drop table if exists dps_item");
            statement.execute("create table dps_item (id int primary key, name text)");
            statement.execute("insert into dps_item values (1, 'one')");
        }
    }

    @Test
    void howPgjdbcTypesAStringParameterSeparatesCaches() throws SQLException {
        createTable();
        String query = "select name from dps_item where id = ?";
        for (String[] lenient : List.of(new String[] {"stringtype", "unspecified"},
                new String[] {"preferQueryMode", "simple"})) {
            assertThat(nameByStringId(postgres(true, lenient), query)).as(lenient[0]).isEqualTo("one");
            String strict = nameByStringId(postgres(false), query);
            assertThat(strict).isEqualTo("error 42883");
            assertThat(nameByStringId(postgres(true), query)).as("default after " + lenient[0]).isEqualTo(strict);
            query = query + " and 1 = 1";
        }
    }

    @Test
    void howPgjdbcTransfersValuesSeparatesCaches() throws SQLException {
        TestDatabases.assumePostgres();
        String query = "select '12:00:00+02'::timetz, '{1,2}'::int[], '(1,2)'::point";
        List<String[]> variants = List.of(new String[] {"binaryTransfer", "false"},
                new String[] {"prepareThreshold", "-1"}, new String[] {"binaryTransfer", "false"});
        for (String[] variant : variants) {
            String expected = row(postgres(false, variant), query);
            assertThat(row(postgres(true, variant), query)).as(variant[0] + "=" + variant[1]).isEqualTo(expected);
        }
    }

    @Test
    void connectionsThatDifferInDriverPropertiesStillShareInvalidation() throws SQLException {
        createTable();
        String query = "select name from dps_item where id = 1";
        Connection reader = postgres(true, "prepareThreshold", "-1");
        assertThat(name(reader, query)).isEqualTo("one");
        try (Statement writer = postgres(true).createStatement()) {
            writer.executeUpdate("update dps_item set name = 'uno' where id = 1");
        }
        assertThat(name(reader, query)).isEqualTo("uno");
    }

    @Test
    void anH2UrlSettingSeparatesCaches() throws SQLException {
        String url = TestDatabases.uniqueH2Url("driver_properties");
        String cached = "jdbc:cached:counting:" + url.substring("jdbc:".length());
        try (Statement statement = open(cached, new Properties()).createStatement()) {
            statement.execute("create table dps_item (id int primary key, name varchar(10))");
            statement.execute("insert into dps_item values (1, 'one')");
        }
        String query = "select name from dps_item where id = 1";
        CountingDriver.reset();
        assertThat(name(open(cached, new Properties()), query)).isEqualTo("one");
        assertThat(name(open(cached, new Properties()), query)).isEqualTo("one");
        assertThat(CountingDriver.executions(query)).as("same settings share").isEqualTo(1);
        assertThat(name(open(cached + ";LAZY_QUERY_EXECUTION=TRUE", new Properties()), query)).isEqualTo("one");
        assertThat(CountingDriver.executions(query)).as("another URL setting does not").isEqualTo(2);
    }

    @Test
    void thePasswordIsNeitherKeptNorPartOfWhatSeparatesCaches() {
        Properties first = new Properties();
        first.setProperty("password", "first-secret");
        first.setProperty("sslpassword", "ssl-secret");
        first.setProperty("stringtype", "unspecified");
        Properties second = new Properties();
        second.setProperty("password", "second-secret");
        second.setProperty("stringtype", "unspecified");
        String url = "jdbc:postgresql://db/app?password=url-secret&binaryTransfer=false";
        String digest = DriverSettings.digest(url, first);
        assertThat(digest).isEqualTo(DriverSettings.digest("jdbc:postgresql://db/app?binaryTransfer=false", second))
                .doesNotContain("secret")
                .isNotEqualTo(DriverSettings.digest(url, new Properties()));
        assertThat(DriverSettings.digest("jdbc:h2:mem:x;PASSWORD=a;MODE=PostgreSQL", new Properties()))
                .isEqualTo(DriverSettings.digest("jdbc:h2:mem:x;MODE=PostgreSQL", new Properties()))
                .isNotEqualTo(DriverSettings.digest("jdbc:h2:mem:x", new Properties()));
    }

    private static String nameByStringId(Connection connection, String query) {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, "1");
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : "no row";
            }
        } catch (SQLException e) {
            return "error " + e.getSQLState();
        }
    }

    private static String name(Connection connection, String query) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(query)) {
            return rows.next() ? rows.getString(1) : "no row";
        }
    }

    private static String row(Connection connection, String query) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query); ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3);
        }
    }
}
