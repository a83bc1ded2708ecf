package dev.cachedjdbc.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.analysis.Dialect;
import dev.cachedjdbc.analysis.SqlAnalyzer;
import dev.cachedjdbc.analysis.TableKey;
import org.junit.jupiter.api.Test;

/**
 * The columns a set of statements may assign in the rows they update, per table, as the catalog's columns are
 * compared with them: without case, and unknown (null) as soon as one statement updating the table cannot list them.
 */
class WriteSetAssignedColumnsTest {

    private static final SqlAnalyzer ANALYZER = new SqlAnalyzer();
    private static final TableKey PARENT = TableKey.of("parent");

    private static WriteSet writing(Dialect dialect, String... statements) {
        WriteSet writes = new WriteSet();
        for (String sql : statements) {
            writes.add(ANALYZER.analyze(sql, dialect), null);
        }
        return writes;
    }

    @Test
    void anUpdateAssignsTheColumnsOfItsSetList() {
        WriteSet writes = writing(Dialect.POSTGRESQL, "update parent set name = ?, price = ? where id = ?");

        assertThat(writes.assignedColumns(PARENT)).containsExactlyInAnyOrder("name", "price");
    }

    @Test
    void columnsLoseTheirCase() {
        WriteSet writes = writing(Dialect.H2, "UPDATE parent SET name = ?, \"Price\" = ? WHERE id = ?");

        assertThat(writes.assignedColumns(PARENT)).containsExactlyInAnyOrder("name", "price");
    }

    @Test
    void theUpdatesOfABatchAddUp() {
        WriteSet writes = writing(Dialect.POSTGRESQL, "update parent set name = ? where id = ?",
                "update parent set price = ? where id = ?", "insert into parent (id, code) values (?, ?)");

        assertThat(writes.assignedColumns(PARENT)).containsExactlyInAnyOrder("name", "price");
    }

    @Test
    void oneUpdateOfColumnsThatCannotBeListedAssignsAny() {
        WriteSet writes = writing(Dialect.H2, "UPDATE parent SET name = ? WHERE id = ?",
                "MERGE INTO parent KEY (id) VALUES (?, ?)");

        assertThat(writes.assignedColumns(PARENT)).isNull();
        assertThat(writing(Dialect.POSTGRESQL, "with s as (select 1) update parent set name = 'a'")
                .assignedColumns(PARENT)).isNull();
    }

    @Test
    void anUpsertAssignsTheColumnsOfItsUpdate() {
        WriteSet writes = writing(Dialect.POSTGRESQL,
                "insert into parent (id, name) values (?, ?) on conflict (id) do update set name = excluded.name");

        assertThat(writes.assignedColumns(PARENT)).containsExactly("name");
    }
}
