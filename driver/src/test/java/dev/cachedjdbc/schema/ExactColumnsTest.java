package dev.cachedjdbc.schema;

import static dev.cachedjdbc.schema.Keys.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.cachedjdbc.analysis.Dialect;
import dev.cachedjdbc.testing.TestDatabases;
import dev.cachedjdbc.vendor.DatabaseSupport;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Which columns the catalog reports as compared exactly, so that reads and writes confined by their values may be
 * matched: integers, uuids, dates, and character types only where no collation, case folding or padding rule makes
 * two different strings equal in a way the driver does not follow.
 */
class ExactColumnsTest {

    private static final CatalogReader H2_CATALOG = DatabaseSupport.of(Dialect.H2)::readCatalog;
    private static final CatalogReader POSTGRESQL_CATALOG = DatabaseSupport.of(Dialect.POSTGRESQL)::readCatalog;

    // ---------------------------------------------------------------------------------------------------- H2

    private SchemaDependencies h2(String urlSettings, String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(TestDatabases.uniqueH2Url("exact") + urlSettings);
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
            SchemaDependencies loaded = SchemaDependencies.load(connection, H2_CATALOG, definition -> true);
            statement.execute("DROP ALL OBJECTS");
            return loaded;
        }
    }

    @Test
    void h2IntegersUuidsDatesAndCharacterColumnsWithoutACollationAreExact() throws SQLException {
        SchemaDependencies dependencies = h2("",
                "CREATE TABLE ex_item(id INT PRIMARY KEY, big BIGINT, tiny TINYINT, name VARCHAR(20), code CHAR(5),"
                        + " token UUID, birth DATE, caseless VARCHAR_IGNORECASE(20), price NUMERIC(10, 2),"
                        + " flag BOOLEAN, body CLOB, seen TIMESTAMP, twice INT GENERATED ALWAYS AS (id * 2),"
                        + " touched INT DEFAULT 0 ON UPDATE 1, \"Twin\" INT, twin INT)");

        assertThat(dependencies.exactColumns(key("ex_item"))).containsOnly(
                entry("ID", ColumnKind.INTEGER), entry("BIG", ColumnKind.INTEGER), entry("TINY", ColumnKind.INTEGER),
                entry("NAME", ColumnKind.TEXT), entry("CODE", ColumnKind.TEXT), entry("TOKEN", ColumnKind.UUID),
                entry("BIRTH", ColumnKind.DATE));
    }

    @Test
    void h2CharacterColumnsOfACaseInsensitiveDatabaseAreNotExact() throws SQLException {
        SchemaDependencies ignoringCase = h2(";IGNORECASE=TRUE",
                "CREATE TABLE ex_page(id INT PRIMARY KEY, title VARCHAR(20))");
        SchemaDependencies collated = h2("",
                "SET COLLATION ENGLISH STRENGTH PRIMARY",
                "CREATE TABLE ex_page(id INT PRIMARY KEY, title VARCHAR(20), code CHAR(3))");

        assertThat(ignoringCase.exactColumns(key("ex_page"))).containsOnly(entry("ID", ColumnKind.INTEGER));
        assertThat(collated.exactColumns(key("ex_page"))).containsOnly(entry("ID", ColumnKind.INTEGER));
    }

    @Test
    void h2ANameSharedAcrossSchemasKeepsOnlyWhatEveryRelationOfItHasAlike() throws SQLException {
        SchemaDependencies dependencies = h2("",
                "CREATE SCHEMA other",
                "CREATE TABLE ex_same(id INT, title VARCHAR(10), code INT)",
                "CREATE TABLE other.ex_same(id BIGINT, title VARCHAR(10), code VARCHAR(3))",
                "CREATE TABLE ex_viewed(id INT)",
                "CREATE VIEW other.ex_viewed AS SELECT 1 AS id");

        assertThat(dependencies.exactColumns(key("ex_same"))).containsOnly(entry("ID", ColumnKind.INTEGER),
                entry("TITLE", ColumnKind.TEXT));
        assertThat(dependencies.exactColumns(key("ex_viewed"))).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------- PostgreSQL

    private SchemaDependencies postgres(String... statements) throws SQLException {
        TestDatabases.assumePostgres();
        try (Connection connection = TestDatabases.postgres(); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS ex_test CASCADE");
            statement.execute("DROP SCHEMA IF EXISTS ex_test2 CASCADE");
            statement.execute("CREATE SCHEMA ex_test");
            statement.execute("CREATE SCHEMA ex_test2");
            try {
                for (String sql : statements) {
                    statement.execute(sql);
                }
                return SchemaDependencies.load(connection, POSTGRESQL_CATALOG, definition -> true);
            } finally {
                statement.execute("DROP SCHEMA ex_test CASCADE");
                statement.execute("DROP SCHEMA ex_test2 CASCADE");
            }
        }
    }

    @Test
    void postgresIntegersUuidsDatesAndCharacterColumnsUnderADeterministicCollationAreExact() throws SQLException {
        SchemaDependencies dependencies = postgres(
                "CREATE DOMAIN ex_test.positive AS int CHECK (VALUE > 0)",
                "CREATE TABLE ex_test.ex_item(id int PRIMARY KEY, big bigint, small smallint, name text,"
                        + " label varchar(20), code char(3), c_name text COLLATE \"C\", token uuid, day date,"
                        + " price numeric, at timestamp, flag boolean, amount ex_test.positive,"
                        + " twice int GENERATED ALWAYS AS (id * 2) STORED, \"Twin\" int, twin int)");

        assertThat(dependencies.exactColumns(key("ex_item"))).containsOnly(
                entry("id", ColumnKind.INTEGER), entry("big", ColumnKind.INTEGER), entry("small", ColumnKind.INTEGER),
                entry("name", ColumnKind.TEXT), entry("label", ColumnKind.TEXT), entry("code", ColumnKind.TEXT),
                entry("c_name", ColumnKind.TEXT), entry("token", ColumnKind.UUID), entry("day", ColumnKind.DATE));
    }

    @Test
    void postgresColumnsUnderANondeterministicCollationAreNotExact() throws SQLException {
        SchemaDependencies dependencies;
        try {
            dependencies = postgres(
                    "CREATE COLLATION ex_test.caseless (provider = icu, locale = 'und-u-ks-level2', deterministic = false)",
                    "CREATE TABLE ex_test.ex_page(id int PRIMARY KEY, title text COLLATE ex_test.caseless,"
                            + " label varchar(20) COLLATE ex_test.caseless, plain text)");
        } catch (SQLException noIcu) {
            Assumptions.abort("this server has no ICU collations: " + noIcu.getMessage());
            return;
        }

        assertThat(dependencies.exactColumns(key("ex_page"))).containsOnly(entry("id", ColumnKind.INTEGER),
                entry("plain", ColumnKind.TEXT));
    }

    @Test
    void postgresCitextColumnsAreNotExact() throws SQLException {
        SchemaDependencies dependencies;
        try {
            // Installed in the test's schema, so that dropping the schema removes it again.
            dependencies = postgres("CREATE EXTENSION citext SCHEMA ex_test",
                    "CREATE TABLE ex_test.ex_user(id int PRIMARY KEY, email ex_test.citext, name text)");
        } catch (SQLException noCitext) {
            Assumptions.abort("citext cannot be installed here: " + noCitext.getMessage());
            return;
        }

        assertThat(dependencies.exactColumns(key("ex_user"))).containsOnly(entry("id", ColumnKind.INTEGER),
                entry("name", ColumnKind.TEXT));
    }

    @Test
    void postgresANameSharedAcrossSchemasKeepsOnlyWhatEveryRelationOfItHasAlike() throws SQLException {
        SchemaDependencies dependencies = postgres(
                "CREATE TABLE ex_test.ex_same(id int, title text, code int)",
                "CREATE TABLE ex_test2.ex_same(id bigint, title varchar(10), code text)",
                "CREATE TABLE ex_test.ex_viewed(id int)",
                "CREATE VIEW ex_test2.ex_viewed AS SELECT 1 AS id",
                "CREATE TABLE ex_test.ex_node(id int PRIMARY KEY, parent int REFERENCES ex_test.ex_node(id)"
                        + " ON DELETE CASCADE)");

        assertThat(dependencies.exactColumns(key("ex_same"))).containsOnly(entry("id", ColumnKind.INTEGER),
                entry("title", ColumnKind.TEXT));
        assertThat(dependencies.exactColumns(key("ex_viewed"))).isEmpty();
        assertThat(dependencies.exactColumns(key("ex_node"))).as("a table whose writes cascade into itself").isEmpty();
    }
}
