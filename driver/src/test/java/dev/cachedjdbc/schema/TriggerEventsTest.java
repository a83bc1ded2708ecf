package dev.cachedjdbc.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.analysis.TableKey;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A trigger makes a write reach tables nobody can name only when it runs: on the events it names, on the table the
 * statement writes; on every event wherever rows change another way (an action, a view, inheritance).
 */
class TriggerEventsTest {

    private static final RowEvents INSERTS = written -> RowEvents.INSERTS;
    private static final RowEvents DELETES = written -> RowEvents.DELETES;
    private static final RowEvents UPDATES = written -> RowEvents.UPDATES;

    private static List<TableKey> keys(String... names) {
        return java.util.Arrays.stream(names).map(TableKey::of).toList();
    }

    @Test
    void aTriggerRunsOnlyOnTheEventsItNames() {
        CatalogFacts facts = new CatalogFacts();
        facts.writeHook("orders", RowEvents.DELETES);
        SchemaDependencies dependencies = facts.toDependencies();

        assertThat(dependencies.writeReachesUnknownTables(keys("orders"), INSERTS)).isFalse();
        assertThat(dependencies.writeReachesUnknownTables(keys("orders"), UPDATES)).isFalse();
        assertThat(dependencies.writeReachesUnknownTables(keys("orders"), DELETES)).isTrue();
        assertThat(dependencies.writeReachesUnknownTables(keys("orders"), RowEvents.ANY_WRITE)).isTrue();
        assertThat(dependencies.writeReachesUnknownTables(keys("orders"))).as("a write of unknown events").isTrue();
    }

    @Test
    void aTriggerOrRuleOfUnnamedEventsRunsOnEveryEvent() {
        CatalogFacts facts = new CatalogFacts();
        facts.writeHook("orders");
        SchemaDependencies dependencies = facts.toDependencies();

        assertThat(dependencies.writeReachesUnknownTables(keys("orders"), INSERTS)).isTrue();
    }

    @Test
    void aTriggerOnATableAnActionReachesRunsOnEveryEvent() {
        CatalogFacts facts = new CatalogFacts();
        facts.cascade("parent", "child", true, false);
        facts.writeHook("child", RowEvents.INSERTS);
        SchemaDependencies dependencies = facts.toDependencies();

        // The delete cascades to child: which event it causes there is not known, so its insert trigger counts.
        assertThat(dependencies.writeReachesUnknownTables(keys("parent"), DELETES)).isTrue();
        assertThat(dependencies.writeReachesUnknownTables(keys("parent"), INSERTS)).isFalse();
    }

    @Test
    void aTableLinkedToItselfRunsEveryTriggerOnAnyWrite() {
        CatalogFacts facts = new CatalogFacts();
        // A self-referencing key whose ON DELETE SET NULL updates rows of the table a DELETE writes.
        facts.cascade("node", "node", true, false);
        facts.writeHook("node", RowEvents.UPDATES);
        SchemaDependencies dependencies = facts.toDependencies();

        assertThat(dependencies.writeReachesUnknownTables(keys("node"), DELETES)).isTrue();
        // Which of its events a self-referencing action causes is not followed: every write counts every trigger.
        assertThat(dependencies.writeReachesUnknownTables(keys("node"), INSERTS)).isTrue();
    }

    @Test
    void aWrittenTableThatAnotherTablesActionLeadsBackToRunsEveryTrigger() {
        CatalogFacts facts = new CatalogFacts();
        facts.cascade("a", "b", true, false);
        facts.cascade("b", "a", false, true);
        facts.writeHook("a", RowEvents.UPDATES);
        SchemaDependencies dependencies = facts.toDependencies();

        // Deleting from a cascades to b, and b's action updates a: a's update trigger runs.
        assertThat(dependencies.writeReachesUnknownTables(keys("a"), DELETES)).isTrue();
    }
}
