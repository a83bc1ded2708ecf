package dev.cachedjdbc.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachedjdbc.analysis.TableName;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rules that turn catalog facts into invalidation keys, independent of any database. */
class SchemaDependenciesExpansionTest {

    @Test
    void nothingKnownWidensNothingAndForbidsNothing() {
        SchemaDependencies none = SchemaDependencies.none();

        assertThat(none.expandWrite(List.of("orders", "lines"))).containsExactlyInAnyOrder("orders", "lines");
        assertThat(none.writeReachesUnknownTables(List.of("orders"))).isFalse();
        assertThat(none.isUncacheableRead("orders")).isFalse();
        assertThat(none.uncacheableReads()).isEmpty();
    }

    @Test
    void cascadesAreFollowedTransitivelyButOnlyFromReferencedToReferencing() {
        CatalogFacts facts = new CatalogFacts();
        facts.cascade("a", "b");
        facts.cascade("b", "c");
        SchemaDependencies dependencies = facts.toDependencies();

        assertThat(dependencies.expandWrite(List.of("a"))).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(dependencies.expandWrite(List.of("b"))).containsExactlyInAnyOrder("b", "c");
        assertThat(dependencies.expandWrite(List.of("c"))).containsExactly("c");
    }

    @Test
    void cyclicCascadesTerminate() {
        CatalogFacts facts = new CatalogFacts();
        facts.cascade("a", "b");
        facts.cascade("b", "a");

        assertThat(facts.toDependencies().expandWrite(List.of("a"))).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void inheritanceWidensDownAndUpButNotSideways() {
        CatalogFacts facts = new CatalogFacts();
        facts.inheritance("measurements", "measurements_2024");
        facts.inheritance("measurements", "measurements_2025");
        facts.inheritance("measurements_2025", "measurements_2025_q1");
        SchemaDependencies dependencies = facts.toDependencies();

        assertThat(dependencies.expandWrite(List.of("measurements"))).containsExactlyInAnyOrder(
                "measurements", "measurements_2024", "measurements_2025", "measurements_2025_q1");
        assertThat(dependencies.expandWrite(List.of("measurements_2025_q1"))).containsExactlyInAnyOrder(
                "measurements_2025_q1", "measurements_2025", "measurements");
        assertThat(dependencies.expandWrite(List.of("measurements_2024")))
                .containsExactlyInAnyOrder("measurements_2024", "measurements");
    }

    @Test
    void writingAParentReachesTheOtherParentsOfItsChildren() {
        CatalogFacts facts = new CatalogFacts();
        facts.inheritance("named", "person");
        facts.inheritance("dated", "person");

        assertThat(facts.toDependencies().expandWrite(List.of("named")))
                .containsExactlyInAnyOrder("named", "person", "dated");
    }

    @Test
    void cascadeIntoAPartitionedTableReachesItsPartitionsAndTheirReaders() {
        CatalogFacts facts = new CatalogFacts();
        facts.cascade("customers", "events");
        facts.inheritance("events", "events_2025");
        facts.plainViewReads("recent_events", "events_2025");
        SchemaDependencies dependencies = facts.toDependencies();

        assertThat(dependencies.expandWrite(List.of("customers")))
                .containsExactlyInAnyOrder("customers", "events", "events_2025", "recent_events");
    }

    @Test
    void writesThroughViewsLandInTheirBaseTablesAndReachTheirOtherReaders() {
        CatalogFacts facts = new CatalogFacts();
        facts.plainViewReads("active_users", "users");
        facts.plainViewReads("active_admins", "active_users");
        facts.plainViewReads("user_names", "users");
        SchemaDependencies dependencies = facts.toDependencies();

        assertThat(dependencies.expandWrite(List.of("active_admins"))).containsExactlyInAnyOrder(
                "active_admins", "active_users", "users", "user_names");
        assertThat(dependencies.expandWrite(List.of("users"))).containsExactlyInAnyOrder(
                "users", "active_users", "active_admins", "user_names");
    }

    @Test
    void materializedViewsAreInvalidatedWithTheirSourcesButWritesDoNotPassThroughThem() {
        CatalogFacts facts = new CatalogFacts();
        facts.materializedViewReads("daily_totals", "sales");
        facts.plainViewReads("daily_totals_view", "daily_totals");
        SchemaDependencies dependencies = facts.toDependencies();

        assertThat(dependencies.expandWrite(List.of("sales")))
                .containsExactlyInAnyOrder("sales", "daily_totals", "daily_totals_view");
        assertThat(dependencies.expandWrite(List.of("daily_totals")))
                .containsExactlyInAnyOrder("daily_totals", "daily_totals_view");
    }

    @Test
    void aTriggerAnywhereTheWriteChangesRowsReachesUnknownTables() {
        CatalogFacts facts = new CatalogFacts();
        facts.cascade("accounts", "entries");
        facts.writeHook("entries");
        facts.inheritance("logs", "logs_archive");
        facts.writeHook("audited");
        SchemaDependencies dependencies = facts.toDependencies();

        assertThat(dependencies.writeReachesUnknownTables(List.of("entries"))).isTrue();
        assertThat(dependencies.writeReachesUnknownTables(List.of("accounts"))).isTrue();
        assertThat(dependencies.writeReachesUnknownTables(List.of("logs", "logs_archive"))).isFalse();
        assertThat(dependencies.writeReachesUnknownTables(List.of())).isFalse();
    }

    @Test
    void aTriggerOnAWrittenViewReachesUnknownTables() {
        CatalogFacts facts = new CatalogFacts();
        facts.plainViewReads("editable", "base");
        facts.writeHook("editable");
        SchemaDependencies dependencies = facts.toDependencies();

        assertThat(dependencies.writeReachesUnknownTables(List.of("editable"))).isTrue();
        assertThat(dependencies.writeReachesUnknownTables(List.of("base"))).isFalse();
    }

    @Test
    void whenTriggersAreInvisibleEveryWriteReachesUnknownTables() {
        CatalogFacts facts = new CatalogFacts();
        facts.everyWriteReachesUnknownTables();

        assertThat(facts.toDependencies().writeReachesUnknownTables(List.of("anything"))).isTrue();
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
                .containsExactlyInAnyOrder("salaries", "my_salary", "my_salary_summary", "now_view");
        assertThat(dependencies.isUncacheableRead("my_salary_summary")).isTrue();
        assertThat(dependencies.isUncacheableRead("salary_snapshot")).isFalse();
        assertThat(dependencies.isUncacheableRead("clock")).isFalse();
        assertThat(dependencies.isUncacheableRead("plain_view")).isFalse();
    }

    @Test
    void keysAreComparedInLowerCaseWhateverTheCatalogOrCallerSpelling() {
        CatalogFacts facts = new CatalogFacts();
        facts.cascade("PARENT", "Child");
        facts.rowSecurity("Secret");
        SchemaDependencies dependencies = facts.toDependencies();

        assertThat(dependencies.expandWrite(List.of("Parent"))).containsExactlyInAnyOrder("parent", "child");
        assertThat(dependencies.isUncacheableRead("SECRET")).isTrue();
        assertThat(dependencies.isUncacheableRead("secret")).isTrue();
    }

    @Test
    void resultsCannotBeModifiedByCallers() {
        CatalogFacts facts = new CatalogFacts();
        facts.rowSecurity("secret");
        SchemaDependencies dependencies = facts.toDependencies();
        Set<String> expanded = dependencies.expandWrite(List.of("a"));

        assertThatThrownBy(() -> expanded.add("b")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> dependencies.uncacheableReads().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theSnapshotIsUnaffectedByLaterChangesToTheFactsItWasBuiltFrom() {
        CatalogFacts facts = new CatalogFacts();
        facts.cascade("a", "b");
        SchemaDependencies dependencies = facts.toDependencies();
        facts.cascade("a", "late");
        facts.writeHook("a");

        assertThat(dependencies.expandWrite(List.of("a"))).containsExactlyInAnyOrder("a", "b");
        assertThat(dependencies.writeReachesUnknownTables(List.of("a"))).isFalse();
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

        assertThat(dependencies.readersOf(List.of("EVENTS_2024"))).containsExactlyInAnyOrder("events_2024",
                "events_2024_q1", "events", "event_count", "event_count_report", "q1_snapshot", "events_alias");
        assertThat(dependencies.readersOf(List.of("events_alias"))).contains("events_2024", "events");
        assertThat(dependencies.readersOf(List.of("event_count"))).containsExactlyInAnyOrder("event_count",
                "event_count_report");
        assertThat(dependencies.readersOf(List.of("unknown"))).containsExactly("unknown");
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
        assertThat(facts.toDependencies().isUncacheableRead("shouting_again")).isTrue();
        assertThat(facts.toDependencies().isUncacheableRead("looked_up")).isTrue();
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

        assertThat(dependencies.writeReachesUnknownTables(List.of("orders"))).isTrue();
        assertThat(dependencies.userCode().refusal(Set.of("select", "orders"))).isNull();
        assertThat(dependencies.userCode().mayWrite(Set.of("select"), List.of())).isFalse();
    }
}
