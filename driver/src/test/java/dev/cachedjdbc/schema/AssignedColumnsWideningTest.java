package dev.cachedjdbc.schema;

import static dev.cachedjdbc.schema.Keys.key;
import static dev.cachedjdbc.schema.Keys.keys;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.analysis.TableKey;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * An update fires a foreign key's ON UPDATE action only when it assigns one of the key's referenced columns, and an
 * UPDATE OF trigger only when it assigns one of the trigger's columns; an update whose columns are not known fires
 * both.
 */
class AssignedColumnsWideningTest {

    /** A write that updates every table it writes, assigning these columns (caseless). */
    private static RowEvents updating(String... columns) {
        return causing(RowEvents.UPDATES, Set.of(columns));
    }

    private static RowEvents causing(int events, Set<String> columns) {
        return new RowEvents() {
            @Override
            public int on(TableKey written) {
                return events;
            }

            @Override
            public Set<String> assignedColumns(TableKey written) {
                return columns;
            }
        };
    }

    private static final RowEvents UPDATING_UNKNOWN_COLUMNS = written -> RowEvents.UPDATES;

    private static SchemaDependencies onUpdateCascadeOf(String... referencedColumns) {
        CatalogFacts facts = new CatalogFacts();
        facts.cascade("parent", "child", false, true, List.of(referencedColumns));
        return facts.toDependencies();
    }

    @Test
    void anUpdateOfOtherColumnsFiresNoOnUpdateAction() {
        SchemaDependencies dependencies = onUpdateCascadeOf("id");

        assertThat(dependencies.expandWrite(keys("parent"), updating("name", "price")))
                .containsExactly(key("parent"));
    }

    @Test
    void anUpdateOfAReferencedColumnFiresTheAction() {
        SchemaDependencies dependencies = onUpdateCascadeOf("id");

        assertThat(dependencies.expandWrite(keys("parent"), updating("name", "id")))
                .containsExactlyInAnyOrder(key("parent"), key("child"));
    }

    @Test
    void anUpdateOfUnknownColumnsFiresTheAction() {
        SchemaDependencies dependencies = onUpdateCascadeOf("id");

        assertThat(dependencies.expandWrite(keys("parent"), UPDATING_UNKNOWN_COLUMNS))
                .containsExactlyInAnyOrder(key("parent"), key("child"));
        assertThat(dependencies.expandWrite(keys("parent"))).contains(key("child"));
    }

    @Test
    void anyColumnOfACompositeKeyFiresIt() {
        SchemaDependencies dependencies = onUpdateCascadeOf("region", "number");

        assertThat(dependencies.expandWrite(keys("parent"), updating("number"))).contains(key("child"));
        assertThat(dependencies.expandWrite(keys("parent"), updating("name"))).doesNotContain(key("child"));
    }

    @Test
    void columnsAreComparedWithoutCase() {
        // H2 stores unquoted names in upper case; a quoted "Id" may be the same column under another folding.
        SchemaDependencies dependencies = onUpdateCascadeOf("ID", "Code");

        assertThat(dependencies.expandWrite(keys("parent"), updating(CatalogFacts.caseless("id"))))
                .contains(key("child"));
        assertThat(dependencies.expandWrite(keys("parent"), updating(CatalogFacts.caseless("CODE"))))
                .contains(key("child"));
    }

    @Test
    void keysBetweenTheSameTablesFireOnTheColumnsOfEither() {
        CatalogFacts facts = new CatalogFacts();
        facts.cascade("parent", "child", false, true, List.of("id"));
        facts.cascade("parent", "child", false, true, List.of("code"));
        SchemaDependencies dependencies = facts.toDependencies();

        assertThat(dependencies.expandWrite(keys("parent"), updating("code"))).contains(key("child"));
        assertThat(dependencies.expandWrite(keys("parent"), updating("name"))).doesNotContain(key("child"));
    }

    @Test
    void aKeyWhoseColumnsAreNotKnownFiresOnEveryUpdate() {
        CatalogFacts facts = new CatalogFacts();
        facts.cascade("parent", "child", false, true, List.of("id"));
        facts.cascade("parent", "child", false, true, null);
        SchemaDependencies dependencies = facts.toDependencies();

        assertThat(dependencies.expandWrite(keys("parent"), updating("name"))).contains(key("child"));
    }

    @Test
    void onlyTheActionsWhoseColumnsAreAssignedFire() {
        CatalogFacts facts = new CatalogFacts();
        facts.cascade("parent", "by_id", false, true, List.of("id"));
        facts.cascade("parent", "by_code", false, true, List.of("code"));
        SchemaDependencies dependencies = facts.toDependencies();

        assertThat(dependencies.expandWrite(keys("parent"), updating("code")))
                .containsExactlyInAnyOrder(key("parent"), key("by_code"));
    }

    @Test
    void aWriteOfEveryEventWithKnownColumnsStillFiresItsDeleteActions() {
        // A MERGE may insert, delete and update, its updates assigning only the columns it lists.
        CatalogFacts facts = new CatalogFacts();
        facts.cascade("parent", "deleted_with_it", true, false, List.of("id"));
        facts.cascade("parent", "updated_with_it", false, true, List.of("id"));
        SchemaDependencies dependencies = facts.toDependencies();

        assertThat(dependencies.expandWrite(keys("parent"), causing(RowEvents.ANY, Set.of("name"))))
                .containsExactlyInAnyOrder(key("parent"), key("deleted_with_it"));
        assertThat(dependencies.expandWrite(keys("parent"), causing(RowEvents.ANY, null)))
                .containsExactlyInAnyOrder(key("parent"), key("deleted_with_it"), key("updated_with_it"));
    }

    @Test
    void rowsReachedThroughAnActionFireEveryActionOfTheirTable() {
        CatalogFacts facts = new CatalogFacts();
        facts.cascade("parent", "child", false, true, List.of("id"));
        facts.cascade("child", "grandchild", false, true, List.of("parent_id"));
        SchemaDependencies dependencies = facts.toDependencies();

        // The cascade updates child.parent_id, a column the statement does not name: what it assigns there is not
        // followed, so every action of child fires.
        assertThat(dependencies.expandWrite(keys("parent"), updating("id")))
                .containsExactlyInAnyOrder(key("parent"), key("child"), key("grandchild"));
    }

    @Test
    void anUpdateOfOtherColumnsGoesByRowAgain() {
        CatalogFacts facts = new CatalogFacts();
        facts.cascade("parent", "child", false, true, List.of("id"));
        facts.cascade("child", "parent", false, true, List.of("id"));
        facts.relation("parent");
        facts.rowKeyColumn("parent", "id");
        facts.exactColumn("public", "parent", "id", ColumnKind.INTEGER);
        SchemaDependencies dependencies = facts.toDependencies();

        assertThat(dependencies.changesOnlyRowsItNames(key("parent"), keys("parent"), updating("name"))).isTrue();
        assertThat(dependencies.changesOnlyRowsItNames(key("parent"), keys("parent"), updating("id"))).isFalse();
        assertThat(dependencies.changesOnlyRowsItNames(key("parent"), keys("parent"), UPDATING_UNKNOWN_COLUMNS))
                .isFalse();
    }

    @Test
    void anUpdateOfTriggerRunsOnlyWhenOneOfItsColumnsIsAssigned() {
        CatalogFacts facts = new CatalogFacts();
        facts.writeHook("orders", RowEvents.UPDATES, List.of("status", "total"));
        SchemaDependencies dependencies = facts.toDependencies();

        assertThat(dependencies.writeReachesUnknownTables(keys("orders"), updating("note"))).isFalse();
        assertThat(dependencies.writeReachesUnknownTables(keys("orders"), updating("note", "total"))).isTrue();
        assertThat(dependencies.writeReachesUnknownTables(keys("orders"), UPDATING_UNKNOWN_COLUMNS)).isTrue();
        assertThat(dependencies.writeReachesUnknownTables(keys("orders"), written -> RowEvents.INSERTS)).isFalse();
        assertThat(dependencies.writeReachesUnknownTables(keys("orders"))).isTrue();
    }

    @Test
    void aTriggerOnInsertOrUpdateOfAColumnRunsOnEveryInsert() {
        CatalogFacts facts = new CatalogFacts();
        facts.writeHook("orders", RowEvents.INSERTS | RowEvents.UPDATES, List.of("status"));
        SchemaDependencies dependencies = facts.toDependencies();

        assertThat(dependencies.writeReachesUnknownTables(keys("orders"), written -> RowEvents.INSERTS)).isTrue();
        assertThat(dependencies.writeReachesUnknownTables(keys("orders"), updating("note"))).isFalse();
        assertThat(dependencies.writeReachesUnknownTables(keys("orders"), updating("status"))).isTrue();
    }

    @Test
    void aTriggerOnUpdateWithoutColumnsRunsOnEveryUpdate() {
        CatalogFacts facts = new CatalogFacts();
        facts.writeHook("orders", RowEvents.UPDATES, List.of("status"));
        facts.writeHook("orders", RowEvents.UPDATES, null);
        SchemaDependencies dependencies = facts.toDependencies();

        assertThat(dependencies.writeReachesUnknownTables(keys("orders"), updating("note"))).isTrue();
    }

    @Test
    void anUpdateOfTriggerOnATableAnActionUpdatesRunsWhateverTheStatementAssigns() {
        CatalogFacts facts = new CatalogFacts();
        facts.cascade("parent", "child", false, true, List.of("id"));
        facts.writeHook("child", RowEvents.UPDATES, List.of("note"));
        SchemaDependencies dependencies = facts.toDependencies();

        // The action assigns child's referencing column, not note; but what an action assigns is not followed.
        assertThat(dependencies.writeReachesUnknownTables(keys("parent"), updating("id"))).isTrue();
        assertThat(dependencies.writeReachesUnknownTables(keys("parent"), updating("name"))).isFalse();
    }
}
