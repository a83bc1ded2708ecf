package dev.cachedjdbc.schema;

import static dev.cachedjdbc.schema.Keys.key;
import static dev.cachedjdbc.schema.Keys.keys;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Foreign key actions are followed from a written table only on the row events its write may cause. */
class ForeignKeyActionEventsTest {

    private static final RowEvents INSERTS = written -> RowEvents.INSERTS;
    private static final RowEvents DELETES = written -> RowEvents.DELETES;
    private static final RowEvents UPDATES = written -> RowEvents.UPDATES;

    private static SchemaDependencies deleteActionOnly() {
        CatalogFacts facts = new CatalogFacts();
        facts.cascade("parent", "child", true, false);
        return facts.toDependencies();
    }

    @Test
    void insertingIntoAReferencedTableFiresNoAction() {
        CatalogFacts facts = new CatalogFacts();
        facts.cascade("parent", "child", true, true);
        SchemaDependencies dependencies = facts.toDependencies();

        assertThat(dependencies.expandWrite(keys("parent"), INSERTS)).containsExactly(key("parent"));
    }

    @Test
    void anOnDeleteActionFiresOnDeletesOnly() {
        SchemaDependencies dependencies = deleteActionOnly();

        assertThat(dependencies.expandWrite(keys("parent"), DELETES)).containsExactlyInAnyOrder(key("parent"),
                key("child"));
        assertThat(dependencies.expandWrite(keys("parent"), UPDATES)).containsExactly(key("parent"));
    }

    @Test
    void anOnUpdateActionFiresOnUpdatesOnly() {
        CatalogFacts facts = new CatalogFacts();
        facts.cascade("parent", "child", false, true);
        SchemaDependencies dependencies = facts.toDependencies();

        assertThat(dependencies.expandWrite(keys("parent"), UPDATES)).containsExactlyInAnyOrder(key("parent"),
                key("child"));
        assertThat(dependencies.expandWrite(keys("parent"), DELETES)).containsExactly(key("parent"));
    }

    @Test
    void writesOfUnknownEventsFollowEveryActionAsBefore() {
        SchemaDependencies dependencies = deleteActionOnly();

        assertThat(dependencies.expandWrite(keys("parent"))).containsExactlyInAnyOrder(key("parent"), key("child"));
        assertThat(dependencies.expandWrite(keys("parent"), RowEvents.ANY_WRITE))
                .containsExactlyInAnyOrder(key("parent"), key("child"));
    }

    @Test
    void rowsChangedByAnActionFollowEveryActionOfTheirTable() {
        // Deleting a parent deletes children (ON DELETE CASCADE), and a child's SET NULL action updates rows, so
        // every action of the tables reached is followed, whatever the first write was.
        CatalogFacts facts = new CatalogFacts();
        facts.cascade("parent", "child", true, false);
        facts.cascade("child", "grandchild", false, true);
        SchemaDependencies dependencies = facts.toDependencies();

        assertThat(dependencies.expandWrite(keys("parent"), DELETES)).containsExactlyInAnyOrder(key("parent"),
                key("child"), key("grandchild"));
    }

    @Test
    void aWrittenTableReachedBackThroughAnActionHasEveryActionFollowed() {
        CatalogFacts facts = new CatalogFacts();
        facts.cascade("a", "b", true, false);
        facts.cascade("b", "a", true, false);
        facts.cascade("a", "c", false, true);
        SchemaDependencies dependencies = facts.toDependencies();

        assertThat(dependencies.expandWrite(keys("a"), DELETES)).containsExactlyInAnyOrder(key("a"), key("b"),
                key("c"));
    }

    @Test
    void writesThroughAViewOrIntoAParentFollowEveryActionOfWhereTheRowsLand() {
        CatalogFacts facts = new CatalogFacts();
        facts.plainViewReads("parent_view", "parent");
        facts.cascade("parent", "child", true, false);
        facts.inheritance("measurements", "measurements_2025");
        facts.cascade("measurements_2025", "notes", true, false);
        SchemaDependencies dependencies = facts.toDependencies();

        assertThat(dependencies.expandWrite(keys("parent_view"), INSERTS)).contains(key("child"));
        assertThat(dependencies.expandWrite(keys("measurements"), UPDATES)).contains(key("notes"));
    }

    @Test
    void aTriggerOnATableNoActionReachesDoesNotMakeTheWriteReachUnknownTables() {
        CatalogFacts facts = new CatalogFacts();
        facts.cascade("parent", "child", true, false);
        facts.writeHook("child");
        SchemaDependencies dependencies = facts.toDependencies();

        assertThat(dependencies.writeReachesUnknownTables(keys("parent"), INSERTS)).isFalse();
        assertThat(dependencies.writeReachesUnknownTables(keys("parent"), UPDATES)).isFalse();
        assertThat(dependencies.writeReachesUnknownTables(keys("parent"), DELETES)).isTrue();
        assertThat(dependencies.writeReachesUnknownTables(keys("parent"))).isTrue();
    }

    @Test
    void aWriteNoActionLeavesTheReferencedTableGoesByRowAgain() {
        CatalogFacts facts = new CatalogFacts();
        facts.cascade("parent", "child", true, false);
        facts.cascade("child", "parent", true, false);
        facts.relation("parent");
        facts.rowKeyColumn("parent", "id");
        facts.exactColumn("public", "parent", "id", ColumnKind.INTEGER);
        SchemaDependencies dependencies = facts.toDependencies();

        assertThat(dependencies.changesOnlyRowsItNames(key("parent"), keys("parent"), INSERTS)).isTrue();
        assertThat(dependencies.changesOnlyRowsItNames(key("parent"), keys("parent"), UPDATES)).isTrue();
        assertThat(dependencies.changesOnlyRowsItNames(key("parent"), keys("parent"), DELETES)).isFalse();
        assertThat(dependencies.changesOnlyRowsItNames(key("parent"), keys("parent"))).isFalse();
    }

    @Test
    void theCatalogsOldFormOfACascadeFiresOnEveryEvent() {
        CatalogFacts facts = new CatalogFacts();
        facts.cascade("parent", "child");
        SchemaDependencies dependencies = facts.toDependencies();

        assertThat(dependencies.expandWrite(keys("parent"), DELETES)).contains(key("child"));
        assertThat(dependencies.expandWrite(keys("parent"), UPDATES)).contains(key("child"));
        assertThat(dependencies.expandWrite(keys("parent"), INSERTS)).containsExactly(key("parent"));
    }
}
