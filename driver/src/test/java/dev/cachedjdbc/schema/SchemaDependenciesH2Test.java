package dev.cachedjdbc.schema;

import static dev.cachedjdbc.schema.Keys.key;
import static dev.cachedjdbc.schema.Keys.keys;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.analysis.Dialect;
import dev.cachedjdbc.vendor.DatabaseSupport;
import dev.cachedjdbc.analysis.SqlAnalyzer;
import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.h2.api.Trigger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SchemaDependenciesH2Test {

    private static final CatalogReader GENERIC_CATALOG = DatabaseSupport.of(Dialect.GENERIC)::readCatalog;

    private static final CatalogReader H2_CATALOG = DatabaseSupport.of(Dialect.H2)::readCatalog;

    /** Stands in for the analyser: a definition is cacheable unless it calls the test's random function. */
    private static final Predicate<String> CACHEABLE_UNLESS_RANDOM = definition -> !definition.contains("CAT_RANDOM");

    /** A trigger that does nothing; only its presence matters. */
    public static final class IgnoringTrigger implements Trigger {
        @Override
        public void fire(Connection connection, Object[] oldRow, Object[] newRow) {
        }
    }

    private Connection connection;

    @BeforeEach
    void openFreshDatabase() throws SQLException {
        connection = DriverManager.getConnection(TestDatabases.uniqueH2Url("cat"));
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        connection.createStatement().execute("DROP ALL OBJECTS");
        connection.close();
    }

    @Test
    void deleteCascadesWidenAWriteAlongTheWholeChainAndNotBackwards() throws SQLException {
        execute("CREATE TABLE cat_a(id INT PRIMARY KEY)",
                "CREATE TABLE cat_b(id INT PRIMARY KEY, a_id INT REFERENCES cat_a(id) ON DELETE CASCADE)",
                "CREATE TABLE cat_c(id INT PRIMARY KEY, b_id INT REFERENCES cat_b(id) ON DELETE CASCADE)");

        SchemaDependencies dependencies = load();

        assertThat(dependencies.expandWrite(keys("cat_a"))).containsExactlyInAnyOrder(key("cat_a"), key("cat_b"), key("cat_c"));
        assertThat(dependencies.expandWrite(keys("cat_c"))).containsExactly(key("cat_c"));
    }

    @Test
    void setNullSetDefaultAndUpdateCascadeWidenButNoActionAndRestrictDoNot() throws SQLException {
        execute("CREATE TABLE cat_parent(id INT PRIMARY KEY)",
                "CREATE TABLE cat_nulled(id INT, parent_id INT REFERENCES cat_parent(id) ON DELETE SET NULL)",
                "CREATE TABLE cat_defaulted(id INT, parent_id INT DEFAULT 0 REFERENCES cat_parent(id) ON DELETE SET DEFAULT)",
                "CREATE TABLE cat_renumbered(id INT, parent_id INT REFERENCES cat_parent(id) ON UPDATE CASCADE)",
                "CREATE TABLE cat_guarded(id INT, parent_id INT REFERENCES cat_parent(id) ON DELETE NO ACTION)",
                "CREATE TABLE cat_restricted(id INT, parent_id INT REFERENCES cat_parent(id) ON DELETE RESTRICT)");

        assertThat(load().expandWrite(keys("cat_parent")))
                .containsExactlyInAnyOrder(key("cat_parent"), key("cat_nulled"), key("cat_defaulted"), key("cat_renumbered"));
    }

    @Test
    void triggersMakeWritesReachUnknownTablesAlsoThroughCascades() throws SQLException {
        execute("CREATE TABLE cat_account(id INT PRIMARY KEY)",
                "CREATE TABLE cat_entry(id INT, account_id INT REFERENCES cat_account(id) ON DELETE CASCADE)",
                "CREATE TABLE cat_plain(id INT)",
                "CREATE TRIGGER cat_entry_audit AFTER DELETE ON cat_entry FOR EACH ROW CALL '"
                        + IgnoringTrigger.class.getName() + "'");

        SchemaDependencies dependencies = load();

        assertThat(dependencies.writeReachesUnknownTables(keys("cat_entry"))).isTrue();
        assertThat(dependencies.writeReachesUnknownTables(keys("cat_account"))).isTrue();
        assertThat(dependencies.writeReachesUnknownTables(keys("cat_plain"))).isFalse();
    }

    @Test
    void viewsAndViewsOverViewsAreInvalidatedWithTheTablesTheyRead() throws SQLException {
        execute("CREATE TABLE cat_orders(id INT, total INT)",
                "CREATE TABLE cat_customers(id INT, name VARCHAR(20))",
                "CREATE TABLE cat_unrelated(id INT)",
                "CREATE VIEW cat_big_orders AS SELECT o.id, c.name FROM cat_orders o JOIN cat_customers c ON c.id = o.id"
                        + " WHERE o.total > 100",
                "CREATE VIEW cat_big_order_count AS SELECT COUNT(*) AS n FROM cat_big_orders");

        SchemaDependencies dependencies = load();

        assertThat(dependencies.expandWrite(keys("cat_customers")))
                .containsExactlyInAnyOrder(key("cat_customers"), key("cat_big_orders"), key("cat_big_order_count"));
        assertThat(dependencies.expandWrite(keys("cat_unrelated"))).containsExactly(key("cat_unrelated"));
    }

    @Test
    void writingAViewWidensToTheTablesItReads() throws SQLException {
        execute("CREATE TABLE cat_items(id INT, price INT)",
                "CREATE VIEW cat_priced AS SELECT id, price FROM cat_items WHERE price IS NOT NULL",
                "CREATE VIEW cat_cheap AS SELECT id FROM cat_items WHERE price < 10");

        assertThat(load().expandWrite(keys("cat_priced")))
                .containsExactlyInAnyOrder(key("cat_priced"), key("cat_items"), key("cat_cheap"));
    }

    @Test
    void synonymsReadAndWriteTheirTable() throws SQLException {
        execute("CREATE SCHEMA cat_store",
                "CREATE TABLE cat_store.cat_stock(id INT)",
                "CREATE SYNONYM cat_stock_alias FOR cat_store.cat_stock",
                "CREATE VIEW cat_stock_ids AS SELECT id FROM cat_stock_alias");

        SchemaDependencies dependencies = load();

        assertThat(dependencies.expandWrite(keys("cat_stock_alias")))
                .containsExactlyInAnyOrder(key("cat_stock_alias"), key("cat_stock"), key("cat_stock_ids"));
        assertThat(dependencies.expandWrite(keys("cat_stock")))
                .containsExactlyInAnyOrder(key("cat_stock"), key("cat_stock_alias"), key("cat_stock_ids"));
    }

    @Test
    void viewsCallingNonCacheableFunctionsAndViewsOverThemAreUncacheableReads() throws SQLException {
        execute("CREATE ALIAS CAT_RANDOM FOR 'java.lang.Math.random'",
                "CREATE TABLE cat_draws(id INT)",
                "CREATE VIEW cat_lottery AS SELECT id, CAT_RANDOM() AS luck FROM cat_draws",
                "CREATE VIEW cat_lottery_winners AS SELECT id FROM cat_lottery WHERE luck > 0.5",
                "CREATE VIEW cat_draw_ids AS SELECT id FROM cat_draws");

        SchemaDependencies dependencies = load();

        assertThat(dependencies.uncacheableReads()).containsExactlyInAnyOrder(key("cat_lottery"), key("cat_lottery_winners"));
        assertThat(dependencies.isUncacheableRead(key("cat_draw_ids"))).isFalse();
        assertThat(dependencies.isUncacheableRead(key("cat_draws"))).isFalse();
    }

    @Test
    void theAnalyserJudgesViewDefinitionsWhenLoadingWithIt() throws SQLException {
        execute("CREATE ALIAS CAT_RANDOM FOR 'java.lang.Math.random'",
                "CREATE VIEW cat_dice AS SELECT CAT_RANDOM() AS roll");

        SchemaDependencies dependencies = SchemaDependencies.load(connection, H2_CATALOG,
                definition -> new SqlAnalyzer().analyze(definition, Dialect.H2).isCacheable());

        assertThat(dependencies.isUncacheableRead(key("cat_dice"))).isTrue();
    }

    @Test
    void theJudgeSeesEachStoredViewDefinition() throws SQLException {
        execute("CREATE TABLE cat_notes(id INT)", "CREATE VIEW cat_note_ids AS SELECT id FROM cat_notes");
        List<String> judged = new ArrayList<>();

        SchemaDependencies.load(connection, H2_CATALOG, definition -> judged.add(definition));

        assertThat(judged).singleElement().asString().contains("CAT_NOTES").startsWith("SELECT");
    }

    @Test
    void aJudgeThatThrowsMakesTheViewUncacheableInsteadOfFailingTheLoad() throws SQLException {
        execute("CREATE TABLE cat_notes(id INT)", "CREATE VIEW cat_note_ids AS SELECT id FROM cat_notes");

        SchemaDependencies dependencies = SchemaDependencies.load(connection, H2_CATALOG, definition -> {
            throw new IllegalStateException("judge failed");
        });

        assertThat(dependencies.isUncacheableRead(key("cat_note_ids"))).isTrue();
    }

    @Test
    void sameNamedTablesOfDifferentSchemasMergeTowardMoreInvalidation() throws SQLException {
        execute("CREATE SCHEMA cat_other",
                "CREATE TABLE cat_twin(id INT)",
                "CREATE TABLE cat_other.cat_twin(id INT)",
                "CREATE TRIGGER cat_twin_audit AFTER INSERT ON cat_other.cat_twin FOR EACH ROW CALL '"
                        + IgnoringTrigger.class.getName() + "'");

        assertThat(load().writeReachesUnknownTables(keys("cat_twin"))).isTrue();
    }

    @Test
    void loadingInsideATransactionNeitherCommitsNorEndsIt() throws SQLException {
        execute("CREATE TABLE cat_pending(id INT)");
        connection.setAutoCommit(false);
        execute("INSERT INTO cat_pending VALUES (1)");

        load();
        assertThat(rowCount("cat_pending")).isEqualTo(1);
        connection.rollback();

        assertThat(rowCount("cat_pending")).isZero();
        assertThat(connection.getAutoCommit()).isFalse();
    }

    @Test
    void genericDatabasesReachUnknownTablesOnEveryWriteAndNeverCacheViews() throws SQLException {
        execute("CREATE TABLE cat_plain(id INT)", "CREATE VIEW cat_plain_ids AS SELECT id FROM cat_plain");

        SchemaDependencies dependencies = SchemaDependencies.load(connection, GENERIC_CATALOG, CACHEABLE_UNLESS_RANDOM);

        assertThat(dependencies.writeReachesUnknownTables(keys("cat_plain"))).isTrue();
        assertThat(dependencies.uncacheableReads()).contains(key("cat_plain_ids")).doesNotContain(key("cat_plain"));
    }

    private SchemaDependencies load() throws SQLException {
        return SchemaDependencies.load(connection, H2_CATALOG, CACHEABLE_UNLESS_RANDOM);
    }

    private long rowCount(String table) throws SQLException {
        try (var rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private void execute(String... statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
