package dev.cachedjdbc.schema;

import static dev.cachedjdbc.schema.Keys.key;
import static dev.cachedjdbc.schema.Keys.keys;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.analysis.Dialect;
import dev.cachedjdbc.vendor.DatabaseSupport;
import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which tables' writes and reads may be matched row by row, as the catalog tells. */
class RowKeyColumnsTest {

    private static final CatalogReader H2_CATALOG = DatabaseSupport.of(Dialect.H2)::readCatalog;

    private static final CatalogReader POSTGRESQL_CATALOG = DatabaseSupport.of(Dialect.POSTGRESQL)::readCatalog;

    private static final Predicate CACHEABLE = definition -> true;

    private interface Predicate extends java.util.function.Predicate<String> {
    }

    // ---------------------------------------------------------------------------------------------------- H2

    private SchemaDependencies h2(String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(TestDatabases.uniqueH2Url("rk"));
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
            SchemaDependencies loaded = SchemaDependencies.load(connection, H2_CATALOG, CACHEABLE);
            statement.execute("DROP ALL OBJECTS");
            return loaded;
        }
    }

    @Test
    void h2SingleIntegerPrimaryKeysAreRowKeys() throws SQLException {
        SchemaDependencies dependencies = h2(
                "CREATE TABLE rk_item(id BIGINT PRIMARY KEY, name VARCHAR(20))",
                "CREATE TABLE rk_small(code SMALLINT PRIMARY KEY)",
                "CREATE TABLE \"rk_Quoted\"(\"Id\" INT PRIMARY KEY)",
                "CREATE TABLE rk_identity(id INT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, x INT)");

        assertThat(dependencies.rowKeyColumn(key("rk_item"))).isEqualTo("ID");
        assertThat(dependencies.rowKeyColumn(key("RK_ITEM"))).isEqualTo("ID");
        assertThat(dependencies.rowKeyColumn(key("rk_small"))).isEqualTo("CODE");
        assertThat(dependencies.rowKeyColumn(key("rk_quoted"))).isEqualTo("Id");
        assertThat(dependencies.rowKeyColumn(key("rk_identity"))).isEqualTo("ID");
    }

    @Test
    void h2OtherKeysAreNotRowKeys() throws SQLException {
        SchemaDependencies dependencies = h2(
                "CREATE TABLE rk_text(code VARCHAR(10) PRIMARY KEY)",
                "CREATE TABLE rk_pair(a INT, b INT, PRIMARY KEY (a, b))",
                "CREATE TABLE rk_none(id INT)",
                "CREATE TABLE rk_computed(x INT, id INT GENERATED ALWAYS AS (x * 2) PRIMARY KEY)",
                "CREATE TABLE rk_decimal(id DECIMAL(10, 0) PRIMARY KEY)",
                "CREATE TABLE rk_case_twins(id INT PRIMARY KEY, \"Id\" INT)",
                "CREATE VIEW rk_view AS SELECT id FROM rk_case_twins");

        for (String table : List.of("rk_text", "rk_pair", "rk_none", "rk_computed", "rk_decimal", "rk_case_twins",
                "rk_view", "rk_unknown")) {
            assertThat(dependencies.rowKeyColumn(key(table))).as(table).isNull();
        }
    }

    @Test
    void h2ANameSharedAcrossSchemasIsARowKeyOnlyWhenEveryRelationOfItAgrees() throws SQLException {
        SchemaDependencies dependencies = h2(
                "CREATE SCHEMA rk_other",
                "CREATE TABLE rk_same(id INT PRIMARY KEY)",
                "CREATE TABLE rk_other.rk_same(id BIGINT PRIMARY KEY)",
                "CREATE TABLE rk_different(id INT PRIMARY KEY, code INT)",
                "CREATE TABLE rk_other.rk_different(code INT PRIMARY KEY)",
                "CREATE TABLE rk_shadowed(id INT PRIMARY KEY)",
                "CREATE VIEW rk_other.rk_shadowed AS SELECT 1 AS id",
                "CREATE TABLE rk_aliased(id INT PRIMARY KEY)",
                "CREATE SYNONYM rk_other.rk_aliased FOR PUBLIC.rk_aliased");

        assertThat(dependencies.rowKeyColumn(key("rk_same"))).isEqualTo("ID");
        assertThat(dependencies.rowKeyColumn(key("rk_different"))).isNull();
        assertThat(dependencies.rowKeyColumn(key("rk_shadowed"))).isNull();
        assertThat(dependencies.rowKeyColumn(key("rk_aliased"))).isNull();
    }

    @Test
    void h2ForeignKeyActionsDecideWhichWritesChangeOnlyTheRowsTheyName() throws SQLException {
        SchemaDependencies dependencies = h2(
                "CREATE TABLE rk_parent(id INT PRIMARY KEY)",
                "CREATE TABLE rk_child(id INT PRIMARY KEY, parent_id INT REFERENCES rk_parent(id) ON DELETE CASCADE)",
                "CREATE TABLE rk_node(id INT PRIMARY KEY, parent_id INT REFERENCES rk_node(id) ON DELETE CASCADE)",
                "CREATE TABLE rk_guarded(id INT PRIMARY KEY, parent_id INT REFERENCES rk_parent(id))");

        assertThat(dependencies.changesOnlyRowsItNames(key("rk_parent"), keys("rk_parent"))).isTrue();
        assertThat(dependencies.changesOnlyRowsItNames(key("rk_child"), keys("rk_child"))).isTrue();
        assertThat(dependencies.changesOnlyRowsItNames(key("rk_child"), keys("rk_parent", "rk_child"))).isFalse();
        assertThat(dependencies.changesOnlyRowsItNames(key("rk_guarded"), keys("rk_parent", "rk_guarded"))).isTrue();
        assertThat(dependencies.rowKeyColumn(key("rk_node"))).isNull();
        assertThat(dependencies.changesOnlyRowsItNames(key("rk_node"), keys("rk_node"))).isFalse();
    }

    // ---------------------------------------------------------------------------------------------- PostgreSQL

    private SchemaDependencies postgres(String... statements) throws SQLException {
        TestDatabases.assumePostgres();
        try (Connection connection = TestDatabases.postgres(); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS rk_test CASCADE");
            statement.execute("DROP SCHEMA IF EXISTS rk_test2 CASCADE");
            statement.execute("CREATE SCHEMA rk_test");
            statement.execute("CREATE SCHEMA rk_test2");
            try {
                for (String sql : statements) {
                    statement.execute(sql);
                }
                return SchemaDependencies.load(connection, POSTGRESQL_CATALOG, CACHEABLE);
            } finally {
                statement.execute("DROP SCHEMA rk_test CASCADE");
                statement.execute("DROP SCHEMA rk_test2 CASCADE");
            }
        }
    }

    @Test
    void postgresSingleIntegerPrimaryKeysAreRowKeysAndOthersAreNot() throws SQLException {
        SchemaDependencies dependencies = postgres(
                "CREATE TABLE rk_test.rk_item(id bigint PRIMARY KEY, name text)",
                "CREATE TABLE rk_test.rk_serial(id serial PRIMARY KEY)",
                "CREATE TABLE rk_test.rk_identity(id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY)",
                "CREATE TABLE rk_test.\"rk_Quoted\"(\"Id\" smallint PRIMARY KEY)",
                "CREATE TABLE rk_test.rk_text(code text PRIMARY KEY)",
                "CREATE TABLE rk_test.rk_uuid(id uuid PRIMARY KEY)",
                "CREATE TABLE rk_test.rk_pair(a int, b int, PRIMARY KEY (a, b))",
                "CREATE TABLE rk_test.rk_numeric(id numeric PRIMARY KEY)",
                "CREATE TABLE rk_test.rk_none(id int)",
                "CREATE TABLE rk_test.rk_case_twins(id int PRIMARY KEY, \"ID\" int)",
                "CREATE TABLE rk_test.rk_covering(id int, extra int, PRIMARY KEY (id) INCLUDE (extra))");

        assertThat(dependencies.rowKeyColumn(key("rk_item"))).isEqualTo("id");
        assertThat(dependencies.rowKeyColumn(key("rk_serial"))).isEqualTo("id");
        assertThat(dependencies.rowKeyColumn(key("rk_identity"))).isEqualTo("id");
        assertThat(dependencies.rowKeyColumn(key("rk_quoted"))).isEqualTo("Id");
        assertThat(dependencies.rowKeyColumn(key("rk_covering"))).isEqualTo("id");
        for (String table : List.of("rk_text", "rk_uuid", "rk_pair", "rk_numeric", "rk_none", "rk_case_twins")) {
            assertThat(dependencies.rowKeyColumn(key(table))).as(table).isNull();
        }
    }

    @Test
    void postgresPartitionsInheritanceAndSharedNamesAreHandledGenerously() throws SQLException {
        SchemaDependencies dependencies = postgres(
                "CREATE TABLE rk_test.rk_same(id int PRIMARY KEY)",
                "CREATE TABLE rk_test2.rk_same(id bigint PRIMARY KEY)",
                "CREATE TABLE rk_test.rk_shadowed(id int PRIMARY KEY)",
                "CREATE VIEW rk_test2.rk_shadowed AS SELECT 1 AS id",
                "CREATE TABLE rk_test.rk_measure(id int, at date, PRIMARY KEY (id, at)) PARTITION BY RANGE (at)",
                "CREATE TABLE rk_test.rk_measure_2026 PARTITION OF rk_test.rk_measure"
                        + " FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')",
                "CREATE TABLE rk_test.rk_base(id int PRIMARY KEY)",
                "CREATE TABLE rk_test.rk_derived(id int PRIMARY KEY, extra int) INHERITS (rk_test.rk_base)",
                "CREATE TABLE rk_test.rk_node(id int PRIMARY KEY, parent int REFERENCES rk_test.rk_node(id)"
                        + " ON DELETE CASCADE)");

        assertThat(dependencies.rowKeyColumn(key("rk_same"))).isEqualTo("id");
        assertThat(dependencies.rowKeyColumn(key("rk_shadowed"))).isNull();
        assertThat(dependencies.rowKeyColumn(key("rk_measure"))).isNull();
        assertThat(dependencies.rowKeyColumn(key("rk_node"))).isNull();
        // A write to the parent changes rows of the child, and one to the child what reads of the parent see: any
        // link between the two counts, in either direction.
        assertThat(dependencies.changesOnlyRowsItNames(key("rk_base"), keys("rk_base"))).isFalse();
        assertThat(dependencies.changesOnlyRowsItNames(key("rk_derived"), keys("rk_base"))).isFalse();
        assertThat(dependencies.changesOnlyRowsItNames(key("rk_base"), keys("rk_derived"))).isFalse();
    }
}
