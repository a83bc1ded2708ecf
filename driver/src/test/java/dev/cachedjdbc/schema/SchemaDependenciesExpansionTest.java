package dev.cachedjdbc.schema;

import static dev.cachedjdbc.schema.Keys.key;
import static dev.cachedjdbc.schema.Keys.keys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachedjdbc.analysis.TableKey;
import dev.cachedjdbc.analysis.TableName;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rules that turn catalog facts into invalidation keys, independent of any database. */
class SchemaDependenciesExpansionTest {

    @Test
    void nothingKnownWidensNothingAndForbidsNothing() {
        SchemaDependencies none = SchemaDependencies.none();

        assertThat(none.expandWrite(keys("orders", "lines"))).containsExactlyInAnyOrder(key("orders"), key("lines"));
        assertThat(none.writeReachesUnknownTables(keys("orders"))).isFalse();
        assertThat(none.isUncacheableRead(key("orders"))).isFalse();
        assertThat(none.uncacheableReads()).isEmpty();
    }

    @Test
    void cascadesAreFollowedTransitivelyButOnlyFromReferencedToReferencing() {
        CatalogFacts facts = new CatalogFacts();
        facts.cascade("a", "b");
        facts.cascade("b", "c");
        SchemaDependencies dependencies = facts.toDependencies();

        assertThat(dependencies.expandWrite(keys("a"))).containsExactlyInAnyOrder(key("a"), key("b"), key("c"));
        assertThat(dependencies.expandWrite(keys("b"))).containsExactlyInAnyOrder(key("b"), key("c"));
        assertThat(dependencies.expandWrite(keys("c"))).containsExactly(key("c"));
    }

    @Test
    void cyclicCascadesTerminate() {
        CatalogFacts facts = new CatalogFacts();
        facts.cascade("a", "b");
        facts.cascade("b", "a");

        assertThat(facts.toDependencies().expandWrite(keys("a"))).containsExactlyInAnyOrder(key("a"), key("b"));
    }

    @Test
    void inheritanceWidensDownAndUpButNotSideways() {
        CatalogFacts facts = new CatalogFacts();
        facts.inheritance("measurements", "measurements_2024");
        facts.inheritance("measurements", "measurements_2025");
        facts.inheritance("measurements_2025", "measurements_2025_q1");
        SchemaDependencies dependencies = facts.toDependencies();

        assertThat(dependencies.expandWrite(keys("measurements"))).containsExactlyInAnyOrder(key("measurements"),
                key("measurements_2024"), key("measurements_2025"), key("measurements_2025_q1"));
        assertThat(dependencies.expandWrite(keys("measurements_2025_q1")))
                .containsExactlyInAnyOrder(key("measurements_2025_q1"), key("measurements_2025"), key("measurements"));
        assertThat(dependencies.expandWrite(keys("measurements_2024")))
                .containsExactlyInAnyOrder(key("measurements_2024"), key("measurements"));
    }

    @Test
    void writingAParentReachesTheOtherParentsOfItsChildren() {
        CatalogFacts facts = new CatalogFacts();
        facts.inheritance("named", "person");
        facts.inheritance("dated", "person");

        assertThat(facts.toDependencies().expandWrite(keys("named")))
                .containsExactlyInAnyOrder(key("named"), key("person"), key("dated"));
    }

    @Test
    void cascadeIntoAPartitionedTableReachesItsPartitionsAndTheirReaders() {
        CatalogFacts facts = new CatalogFacts();
        facts.cascade("customers", "events");
        facts.inheritance("events", "events_2025");
        facts.plainViewReads("recent_events", "events_2025");
        SchemaDependencies dependencies = facts.toDependencies();

        assertThat(dependencies.expandWrite(keys("customers")))
                .containsExactlyInAnyOrder(key("customers"), key("events"), key("events_2025"), key("recent_events"));
    }

    @Test
    void writesThroughViewsLandInTheirBaseTablesAndReachTheirOtherReaders() {
        CatalogFacts facts = new CatalogFacts();
        facts.plainViewReads("active_users", "users");
        facts.plainViewReads("active_admins", "active_users");
        facts.plainViewReads("user_names", "users");
        SchemaDependencies dependencies = facts.toDependencies();

        assertThat(dependencies.expandWrite(keys("active_admins"))).containsExactlyInAnyOrder(key("active_admins"),
                key("active_users"), key("users"), key("user_names"));
        assertThat(dependencies.expandWrite(keys("users"))).containsExactlyInAnyOrder(key("users"), key("active_users"),
                key("active_admins"), key("user_names"));
    }

    @Test
    void materializedViewsAreInvalidatedWithTheirSourcesButWritesDoNotPassThroughThem() {
        CatalogFacts facts = new CatalogFacts();
        facts.materializedViewReads("daily_totals", "sales");
        facts.plainViewReads("daily_totals_view", "daily_totals");
        SchemaDependencies dependencies = facts.toDependencies();

        assertThat(dependencies.expandWrite(keys("sales")))
                .containsExactlyInAnyOrder(key("sales"), key("daily_totals"), key("daily_totals_view"));
        assertThat(dependencies.expandWrite(keys("daily_totals")))
                .containsExactlyInAnyOrder(key("daily_totals"), key("daily_totals_view"));
    }

    @Test
    void aTriggerAnywhereTheWriteChangesRowsReachesUnknownTables() {
        CatalogFacts facts = new CatalogFacts();
        facts.cascade("accounts", "entries");
        facts.writeHook("entries");
        facts.inheritance("logs", "logs_archive");
        facts.writeHook("audited");
        SchemaDependencies dependencies = facts.toDependencies();

        assertThat(dependencies.writeReachesUnknownTables(keys("entries"))).isTrue();
        assertThat(dependencies.writeReachesUnknownTables(keys("accounts"))).isTrue();
        assertThat(dependencies.writeReachesUnknownTables(keys("logs", "logs_archive"))).isFalse();
        assertThat(dependencies.writeReachesUnknownTables(List.of())).isFalse();
    }

    @Test
    void aTriggerOnAWrittenViewReachesUnknownTables() {
        CatalogFacts facts = new CatalogFacts();
        facts.plainViewReads("editable", "base");
        facts.writeHook("editable");
        SchemaDependencies dependencies = facts.toDependencies();

        assertThat(dependencies.writeReachesUnknownTables(keys("editable"))).isTrue();
        assertThat(dependencies.writeReachesUnknownTables(keys("base"))).isFalse();
    }

    @Test
    void whenTriggersAreInvisibleEveryWriteReachesUnknownTables() {
        CatalogFacts facts = new CatalogFacts();
        facts.everyWriteReachesUnknownTables();

        assertThat(facts.toDependencies().writeReachesUnknownTables(keys("anything"))).isTrue();
    }

    @Test
    void rowSecurityAndUncacheableDefinitionsSpreadToPlainViewsButNotToMaterializedViews() {
        CatalogFacts facts = new CatalogFacts();
        facts.rowSecurity("salaries");
        facts.plainViewReads("my_salary", "salaries");
        facts.plainViewReads("my_salary_summary", "my_salary");
        facts.materializedViewReads("salary_snapshot", "salaries");
        facts.plainViewReads("now_view", "clock");
        facts.uncacheableView("now_view");
        facts.plainViewReads("plain_view", "clock");
        SchemaDependencies dependencies = facts.toDependencies();

        assertThat(dependencies.uncacheableReads())
                .containsExactlyInAnyOrder(key("salaries"), key("my_salary"), key("my_salary_summary"), key("now_view"));
        assertThat(dependencies.isUncacheableRead(key("my_salary_summary"))).isTrue();
        assertThat(dependencies.isUncacheableRead(key("salary_snapshot"))).isFalse();
        assertThat(dependencies.isUncacheableRead(key("clock"))).isFalse();
        assertThat(dependencies.isUncacheableRead(key("plain_view"))).isFalse();
    }

    @Test
    void keysAreComparedInLowerCaseWhateverTheCatalogOrCallerSpelling() {
        CatalogFacts facts = new CatalogFacts();
        facts.cascade("PARENT", "Child");
        facts.rowSecurity("Secret");
        SchemaDependencies dependencies = facts.toDependencies();

        assertThat(dependencies.expandWrite(keys("Parent"))).containsExactlyInAnyOrder(key("parent"), key("child"));
        assertThat(dependencies.isUncacheableRead(key("SECRET"))).isTrue();
        assertThat(dependencies.isUncacheableRead(key("secret"))).isTrue();
    }

    @Test
    void resultsCannotBeModifiedByCallers() {
        CatalogFacts facts = new CatalogFacts();
        facts.rowSecurity("secret");
        SchemaDependencies dependencies = facts.toDependencies();
        Set<TableKey> expanded = dependencies.expandWrite(keys("a"));

        assertThatThrownBy(() -> expanded.add(key("b"))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> dependencies.uncacheableReads().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theSnapshotIsUnaffectedByLaterChangesToTheFactsItWasBuiltFrom() {
        CatalogFacts facts = new CatalogFacts();
        facts.cascade("a", "b");
        SchemaDependencies dependencies = facts.toDependencies();
        facts.cascade("a", "late");
        facts.writeHook("a");

        assertThat(dependencies.expandWrite(keys("a"))).containsExactlyInAnyOrder(key("a"), key("b"));
        assertThat(dependencies.writeReachesUnknownTables(keys("a"))).isFalse();
    }

    @Test
    void readersOfATableAreItsViewsSynonymsParentsAndChildrenButNotItsSiblings() {
        CatalogFacts facts = new CatalogFacts();
        facts.inheritance("events", "events_2024");
        facts.inheritance("events", "events_2025");
        facts.inheritance("events_2024", "events_2024_q1");
        facts.plainViewReads("event_count", "events");
        facts.plainViewReads("event_count_report", "event_count");
        facts.materializedViewReads("q1_snapshot", "events_2024_q1");
        facts.alias("events_alias", "events_2024");
        facts.plainViewReads("unrelated_view", "events_2025");
        SchemaDependencies dependencies = facts.toDependencies();

        assertThat(dependencies.readersOf(keys("EVENTS_2024"))).containsExactlyInAnyOrder(key("events_2024"),
                key("events_2024_q1"), key("events"), key("event_count"), key("event_count_report"), key("q1_snapshot"),
                        key("events_alias"));
        assertThat(dependencies.readersOf(keys("events_alias"))).contains(key("events_2024"), key("events"));
        assertThat(dependencies.readersOf(keys("event_count"))).containsExactlyInAnyOrder(key("event_count"),
                key("event_count_report"));
        assertThat(dependencies.readersOf(keys("unknown"))).containsExactly(key("unknown"));
    }

    @Test
    void namesOfUsersCodeRefuseCachingAndThoseThatMayWriteMakeAStatementAWriteOfEverything() {
        CatalogFacts facts = new CatalogFacts();
        facts.userCode("UPPER", "a user-defined function", true);
        facts.userCode("lookup", "a user-defined function", false);
        facts.readRunsUserCode("shouting", true);
        facts.plainViewReads("shouting_again", "shouting");
        facts.readRunsUserCode("looked_up", false);
        UserCode code = facts.toDependencies().userCode();

        assertThat(code.refusal(Set.of("select", "upper"))).contains("upper");
        assertThat(code.refusal(Set.of("select", "lookup"))).contains("lookup");
        assertThat(code.refusal(Set.of("select", "lower"))).isNull();
        assertThat(code.mayWrite(Set.of("select", "upper"), List.of())).isTrue();
        assertThat(code.mayWrite(Set.of("select", "lookup"), List.of())).isFalse();
        assertThat(code.mayWrite(Set.of("select"), List.of(TableName.of("shouting_again")))).isTrue();
        assertThat(code.mayWrite(Set.of("select"), List.of(TableName.of("looked_up")))).isFalse();
        assertThat(facts.toDependencies().isUncacheableRead(key("shouting_again"))).isTrue();
        assertThat(facts.toDependencies().isUncacheableRead(key("looked_up"))).isTrue();
        assertThat(code.failSafeReasons()).isEmpty();
    }

    @Test
    void usersCodeThatRunsWhereNoStatementNamesItRefusesEveryStatement() {
        CatalogFacts facts = new CatalogFacts();
        facts.userCodeEverywhere("an implicit cast to mood calls users' code", true);
        UserCode code = facts.toDependencies().userCode();

        assertThat(code.refusal(Set.of("select"))).contains("implicit cast");
        assertThat(code.mayWrite(Set.of(), List.of())).isTrue();
        assertThat(code.failSafeReasons()).containsExactly("an implicit cast to mood calls users' code");
    }

    @Test
    void usersCodeOnEveryWriteMakesEveryWriteReachUnknownTablesButLeavesReadsCached() {
        CatalogFacts facts = new CatalogFacts();
        facts.userCodeOnEveryWrite("an assignment cast to mood calls users' code");
        SchemaDependencies dependencies = facts.toDependencies();

        assertThat(dependencies.writeReachesUnknownTables(keys("orders"))).isTrue();
        assertThat(dependencies.userCode().refusal(Set.of("select", "orders"))).isNull();
        assertThat(dependencies.userCode().mayWrite(Set.of("select"), List.of())).isFalse();
    }
}
