package dev.cachedjdbc.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.analysis.Cacheability;
import dev.cachedjdbc.analysis.Dialect;
import dev.cachedjdbc.analysis.SqlAnalyzer;
import dev.cachedjdbc.analysis.StatementAnalysis;
import dev.cachedjdbc.analysis.StatementKind;
import dev.cachedjdbc.analysis.TransactionControl;
import dev.cachedjdbc.schema.RowEvents;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which row events, as foreign key actions tell them apart, a statement's text lets it cause. */
class StatementRowEventsTest {

    private static final SqlAnalyzer ANALYZER = new SqlAnalyzer();

    private static int postgres(String sql) {
        return StatementRowEvents.of(ANALYZER.analyze(sql, Dialect.POSTGRESQL));
    }

    private static int h2(String sql) {
        return StatementRowEvents.of(ANALYZER.analyze(sql, Dialect.H2));
    }

    @Test
    void aPlainInsertOnlyInserts() {
        assertThat(postgres("insert into parent values (1, 'a')")).isEqualTo(RowEvents.INSERTS);
        assertThat(postgres("insert into parent select id, name from staging")).isEqualTo(RowEvents.INSERTS);
        assertThat(postgres("insert into parent values (1, 'a') on conflict (id) do nothing"))
                .isEqualTo(RowEvents.INSERTS);
        assertThat(h2("INSERT INTO parent (id, name) VALUES (?, ?)")).isEqualTo(RowEvents.INSERTS);
    }

    @Test
    void anUpdateUpdatesAndADeleteDeletes() {
        assertThat(postgres("update parent set name = 'b' where id = 1")).isEqualTo(RowEvents.UPDATES);
        assertThat(postgres("delete from parent where id = 1")).isEqualTo(RowEvents.DELETES);
        assertThat(h2("DELETE FROM parent WHERE id = ?")).isEqualTo(RowEvents.DELETES);
    }

    @Test
    void anUpsertInsertsAndUpdates() {
        assertThat(postgres("insert into parent values (1, 'a') on conflict (id) do update set name = 'b'"))
                .isEqualTo(RowEvents.INSERTS | RowEvents.UPDATES);
    }

    @Test
    void statementsOfSeveralOrUnclearKindsCauseEveryEvent() {
        assertThat(postgres("with gone as (delete from parent where id = 1 returning id) insert into log select id"
                + " from gone")).isEqualTo(RowEvents.ANY);
        assertThat(postgres("merge into parent p using staging s on p.id = s.id when matched then delete"))
                .isEqualTo(RowEvents.ANY);
        assertThat(h2("MERGE INTO parent KEY (id) VALUES (1, 'a')")).isEqualTo(RowEvents.ANY);
        assertThat(postgres("truncate parent")).isEqualTo(RowEvents.ANY);
        assertThat(postgres("select 1")).isEqualTo(RowEvents.ANY);
    }

    @Test
    void anAnalysisWithoutTheWordsOfItsTextCausesEveryEvent() {
        StatementAnalysis wordless = new StatementAnalysis(StatementKind.WRITE, Set.of(),
                ANALYZER.analyze("insert into parent values (1)", Dialect.POSTGRESQL).tablesWritten(), false,
                Cacheability.WRITES, "", "INSERT INTO parent VALUES (1)", 0, TransactionControl.NONE, Map.of());

        assertThat(StatementRowEvents.of(wordless)).isEqualTo(RowEvents.ANY);
    }
}
