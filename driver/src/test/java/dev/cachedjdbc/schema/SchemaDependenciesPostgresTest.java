package dev.cachedjdbc.schema;

import static dev.cachedjdbc.schema.Keys.key;
import static dev.cachedjdbc.schema.Keys.keys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachedjdbc.analysis.Dialect;
import dev.cachedjdbc.vendor.DatabaseSupport;
import dev.cachedjdbc.analysis.SqlAnalyzer;
import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Everything lives in the schemas cat_test and cat_test2, and every relation name starts with cat_. */
class SchemaDependenciesPostgresTest {

    private static final CatalogReader POSTGRESQL_CATALOG = DatabaseSupport.of(Dialect.POSTGRESQL)::readCatalog;

    /** Stands in for the analyser: a definition is cacheable unless it calls the test's volatile function. */
    private static final Predicate<String> CACHEABLE_UNLESS_LUCKY = definition -> !definition.contains("cat_lucky");

    private static final String[] SCHEMA = {
        "DROP SCHEMA IF EXISTS cat_test CASCADE",
        "DROP SCHEMA IF EXISTS cat_test2 CASCADE",
        "CREATE SCHEMA cat_test",
        "CREATE SCHEMA cat_test2",

        "CREATE TABLE cat_test.cat_a (id int PRIMARY KEY)",
        "CREATE TABLE cat_test.cat_b (id int PRIMARY KEY, a_id int REFERENCES cat_test.cat_a ON DELETE CASCADE)",
        "CREATE TABLE cat_test.cat_c (id int PRIMARY KEY, b_id int REFERENCES cat_test.cat_b ON DELETE CASCADE)",

        "CREATE TABLE cat_test.cat_parent (id int PRIMARY KEY)",
        "CREATE TABLE cat_test.cat_nulled (id int, parent_id int REFERENCES cat_test.cat_parent ON DELETE SET NULL)",
        "CREATE TABLE cat_test.cat_defaulted (id int, parent_id int DEFAULT 0"
                + " REFERENCES cat_test.cat_parent ON DELETE SET DEFAULT)",
        "CREATE TABLE cat_test.cat_renumbered (id int, parent_id int REFERENCES cat_test.cat_parent ON UPDATE CASCADE)",
        "CREATE TABLE cat_test.cat_guarded (id int, parent_id int REFERENCES cat_test.cat_parent)",
        "CREATE TABLE cat_test.cat_restricted (id int, parent_id int REFERENCES cat_test.cat_parent ON DELETE RESTRICT)",

        "CREATE FUNCTION cat_test.cat_touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
        "CREATE TABLE cat_test.cat_account (id int PRIMARY KEY)",
        "CREATE TABLE cat_test.cat_entry (id int, account_id int REFERENCES cat_test.cat_account ON DELETE CASCADE)",
        "CREATE TRIGGER cat_entry_touch BEFORE UPDATE ON cat_test.cat_entry"
                + " FOR EACH ROW EXECUTE FUNCTION cat_test.cat_touch()",
        "CREATE TABLE cat_test.cat_ruled (id int)",
        "CREATE TABLE cat_test.cat_rule_log (id int)",
        "CREATE RULE cat_ruled_log AS ON INSERT TO cat_test.cat_ruled"
                + " DO ALSO INSERT INTO cat_test.cat_rule_log VALUES (NEW.id)",

        "CREATE TABLE cat_test.cat_events (id int, at date) PARTITION BY RANGE (at)",
        "CREATE TABLE cat_test.cat_events_2024 PARTITION OF cat_test.cat_events"
                + " FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
        "CREATE TABLE cat_test.cat_events_2025 PARTITION OF cat_test.cat_events"
                + " FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
        "CREATE TABLE cat_test.cat_vehicle (id int)",
        "CREATE TABLE cat_test.cat_car (seats int) INHERITS (cat_test.cat_vehicle)",
        "CREATE TABLE cat_test.cat_taxi (licence text) INHERITS (cat_test.cat_car)",
        "CREATE TABLE cat_test.cat_boat (length int) INHERITS (cat_test.cat_vehicle)",

        "CREATE TABLE cat_test.cat_orders (id int, total int)",
        "CREATE TABLE cat_test.cat_unrelated (id int)",
        "CREATE VIEW cat_test.cat_big_orders AS SELECT id, total FROM cat_test.cat_orders WHERE total > 100",
        "CREATE VIEW cat_test.cat_big_order_count AS SELECT count(*) AS n FROM cat_test.cat_big_orders",
        "CREATE MATERIALIZED VIEW cat_test.cat_order_totals AS SELECT sum(total) AS total FROM cat_test.cat_orders",
        "CREATE MATERIALIZED VIEW cat_test.cat_big_order_snapshot AS SELECT id FROM cat_test.cat_big_orders",

        "CREATE TABLE cat_test.cat_items (id int, price int)",
        "CREATE VIEW cat_test.cat_priced_items AS SELECT id, price FROM cat_test.cat_items WHERE price IS NOT NULL",
        "CREATE VIEW cat_test.cat_cheap_items AS SELECT id FROM cat_test.cat_items WHERE price < 10",

        "CREATE TABLE cat_test.cat_salaries (employee text, amount int)",
        "ALTER TABLE cat_test.cat_salaries ENABLE ROW LEVEL SECURITY",
        "CREATE VIEW cat_test.cat_my_salary AS SELECT amount FROM cat_test.cat_salaries",
        "CREATE VIEW cat_test.cat_my_salary_total AS SELECT sum(amount) AS total FROM cat_test.cat_my_salary",

        "CREATE FUNCTION cat_test.cat_lucky() RETURNS int LANGUAGE sql VOLATILE AS 'SELECT (random() * 10)::int'",
        "CREATE VIEW cat_test.cat_lottery AS SELECT id, cat_test.cat_lucky() AS luck FROM cat_test.cat_orders",
        "CREATE VIEW cat_test.cat_lottery_winners AS SELECT id FROM cat_test.cat_lottery WHERE luck > 5",

        "CREATE SEQUENCE cat_test.cat_counter",
        "CREATE VIEW cat_test.cat_counter_state AS SELECT last_value, is_called FROM cat_test.cat_counter",

        "CREATE TABLE cat_test.cat_twin (id int)",
        "CREATE TABLE cat_test2.cat_twin (id int)",
        "CREATE TRIGGER cat_twin_touch BEFORE INSERT ON cat_test2.cat_twin"
                + " FOR EACH ROW EXECUTE FUNCTION cat_test.cat_touch()",
    };

    private static SchemaDependencies dependencies;

    @BeforeAll
    static void createSchemaAndLoad() throws SQLException {
        try (Connection connection = TestDatabases.postgres(); Statement statement = connection.createStatement()) {
            for (String sql : SCHEMA) {
                statement.execute(sql);
            }
            dependencies = SchemaDependencies.load(connection, POSTGRESQL_CATALOG, CACHEABLE_UNLESS_LUCKY);
        }
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        try (Connection connection = TestDatabases.postgres(); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS cat_test CASCADE");
            statement.execute("DROP SCHEMA IF EXISTS cat_test2 CASCADE");
        }
    }

    @Test
    void deleteCascadesWidenAWriteAlongTheWholeChainAndNotBackwards() {
        assertThat(dependencies.expandWrite(keys("cat_a"))).containsExactlyInAnyOrder(key("cat_a"), key("cat_b"), key("cat_c"));
        assertThat(dependencies.expandWrite(keys("cat_b"))).containsExactlyInAnyOrder(key("cat_b"), key("cat_c"));
        assertThat(dependencies.expandWrite(keys("cat_c"))).containsExactly(key("cat_c"));
    }

    @Test
    void setNullSetDefaultAndUpdateCascadeWidenButNoActionAndRestrictDoNot() {
        assertThat(dependencies.expandWrite(keys("cat_parent")))
                .containsExactlyInAnyOrder(key("cat_parent"), key("cat_nulled"), key("cat_defaulted"), key("cat_renumbered"));
    }

    @Test
    void userTriggersAndRulesMakeWritesReachUnknownTablesButForeignKeyInternalsDoNot() {
        assertThat(dependencies.writeReachesUnknownTables(keys("cat_entry"))).isTrue();
        assertThat(dependencies.writeReachesUnknownTables(keys("cat_account"))).isTrue();
        assertThat(dependencies.writeReachesUnknownTables(keys("cat_ruled"))).isTrue();
        assertThat(dependencies.writeReachesUnknownTables(keys("cat_parent"))).isFalse();
        assertThat(dependencies.writeReachesUnknownTables(keys("cat_rule_log"))).isFalse();
    }

    @Test
    void partitionsWidenToTheirParentAndTheParentToEveryPartition() {
        assertThat(dependencies.expandWrite(keys("cat_events")))
                .containsExactlyInAnyOrder(key("cat_events"), key("cat_events_2024"), key("cat_events_2025"));
        assertThat(dependencies.expandWrite(keys("cat_events_2024")))
                .containsExactlyInAnyOrder(key("cat_events_2024"), key("cat_events"));
    }

    @Test
    void inheritanceWidensToAncestorsAndDescendantsButNotToSiblings() {
        assertThat(dependencies.expandWrite(keys("cat_vehicle")))
                .containsExactlyInAnyOrder(key("cat_vehicle"), key("cat_car"), key("cat_taxi"), key("cat_boat"));
        assertThat(dependencies.expandWrite(keys("cat_car")))
                .containsExactlyInAnyOrder(key("cat_car"), key("cat_taxi"), key("cat_vehicle"));
        assertThat(dependencies.expandWrite(keys("cat_taxi")))
                .containsExactlyInAnyOrder(key("cat_taxi"), key("cat_car"), key("cat_vehicle"));
    }

    @Test
    void viewsViewsOverViewsAndMaterializedViewsAreWidenedTo() {
        assertThat(dependencies.expandWrite(keys("cat_orders"))).containsExactlyInAnyOrder(key("cat_orders"),
                key("cat_big_orders"), key("cat_big_order_count"), key("cat_order_totals"), key("cat_big_order_snapshot"),
                        key("cat_lottery"), key("cat_lottery_winners"));
        assertThat(dependencies.expandWrite(keys("cat_unrelated"))).containsExactly(key("cat_unrelated"));
    }

    @Test
    void writingAnUpdatableViewWidensToItsBaseTableAndTheBaseTablesOtherViews() {
        assertThat(dependencies.expandWrite(keys("cat_priced_items")))
                .containsExactlyInAnyOrder(key("cat_priced_items"), key("cat_items"), key("cat_cheap_items"));
    }

    @Test
    void rowSecuredTablesAndViewsOverThemAreUncacheableReads() {
        assertThat(dependencies.uncacheableReads())
                .contains(key("cat_salaries"), key("cat_my_salary"), key("cat_my_salary_total"));
        assertThat(dependencies.isUncacheableRead(key("cat_orders"))).isFalse();
        assertThat(dependencies.isUncacheableRead(key("cat_big_orders"))).isFalse();
        assertThat(dependencies.isUncacheableRead(key("cat_order_totals"))).isFalse();
    }

    @Test
    void sequencesAndViewsOverThemAreUncacheableReads() {
        assertThat(dependencies.isUncacheableRead(key("cat_counter"))).isTrue();
        assertThat(dependencies.isUncacheableRead(key("cat_counter_state"))).isTrue();
    }

    @Test
    void viewsCallingNonCacheableFunctionsAndViewsOverThemAreUncacheableReads() {
        assertThat(dependencies.isUncacheableRead(key("cat_lottery"))).isTrue();
        assertThat(dependencies.isUncacheableRead(key("cat_lottery_winners"))).isTrue();
    }

    @Test
    void theAnalyserJudgesViewDefinitionsWhenLoadingWithIt() throws SQLException {
        try (Connection connection = TestDatabases.postgres()) {
            SchemaDependencies analysed = SchemaDependencies.load(connection, POSTGRESQL_CATALOG,
                definition -> new SqlAnalyzer().analyze(definition, Dialect.POSTGRESQL).isCacheable());

            assertThat(analysed.isUncacheableRead(key("cat_lottery"))).isTrue();
            assertThat(analysed.isUncacheableRead(key("cat_my_salary"))).isTrue();
        }
    }

    @Test
    void theJudgeSeesEachViewQueryWithoutItsTerminator() throws SQLException {
        List<String> judged = new ArrayList<>();
        try (Connection connection = TestDatabases.postgres()) {
            SchemaDependencies.load(connection, POSTGRESQL_CATALOG, definition -> judged.add(definition));
        }

        assertThat(judged).anySatisfy(definition -> assertThat(definition).contains("cat_items", "price < 10"));
        assertThat(judged).noneSatisfy(definition -> assertThat(definition).endsWith(";"));
    }

    @Test
    void sameNamedTablesOfDifferentSchemasMergeTowardMoreInvalidation() {
        assertThat(dependencies.writeReachesUnknownTables(keys("cat_twin"))).isTrue();
    }

    @Test
    void loadingInsideATransactionNeitherCommitsNorEndsIt() throws SQLException {
        try (Connection connection = TestDatabases.postgres(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("INSERT INTO cat_test.cat_unrelated VALUES (1)");

            SchemaDependencies.load(connection, POSTGRESQL_CATALOG, CACHEABLE_UNLESS_LUCKY);
            assertThat(rowCount(statement)).isEqualTo(1);
            connection.rollback();

            assertThat(rowCount(statement)).isZero();
        }
    }

    @Test
    void aFailingCatalogReadDoesNotAbortTheCallersTransaction() throws SQLException {
        try (Connection connection = TestDatabases.postgres(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("INSERT INTO cat_test.cat_unrelated VALUES (2)");

            assertThatThrownBy(() -> CallerTransactionGuard.read(connection, reader -> {
                try (Statement failing = reader.createStatement()) {
                    return failing.executeQuery("SELECT no_such_column FROM pg_catalog.pg_class");
                }
            })).isInstanceOf(SQLException.class);

            assertThat(rowCount(statement)).isEqualTo(1);
            connection.rollback();
        }
    }

    private static long rowCount(Statement statement) throws SQLException {
        try (var rows = statement.executeQuery("SELECT count(*) FROM cat_test.cat_unrelated")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
