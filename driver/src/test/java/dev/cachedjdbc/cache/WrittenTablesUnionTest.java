package dev.cachedjdbc.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.analysis.TableKey;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WrittenTablesUnionTest {

    private static final TableKey ORDERS = new TableKey("public.orders");
    private static final TableKey ITEMS = new TableKey("public.items");
    private static final TableKey USERS = new TableKey("public.users");

    @Test
    void rowsOfTheSameTableAreJoinedAndATableWrittenWholeByAnyIsWholeInTheUnion() {
        WrittenTables first = new WrittenTables(false, Set.of(USERS), Map.of(ORDERS, Set.of(1L, 2L)));
        WrittenTables second = new WrittenTables(false, Set.of(), Map.of(ORDERS, Set.of(3L), ITEMS, Set.of(7L)));
        WrittenTables third = new WrittenTables(false, Set.of(ITEMS), Map.of());

        WrittenTables union = WrittenTables.union(List.of(first, second, third));

        assertThat(union.everything()).isFalse();
        assertThat(union.wholeTables()).containsExactlyInAnyOrder(USERS, ITEMS);
        assertThat(union.rows()).containsOnlyKeys(ORDERS);
        assertThat(union.rows().get(ORDERS)).containsExactlyInAnyOrder(1L, 2L, 3L);
    }

    @Test
    void aWriteOfEverythingMakesTheUnionEverything() {
        WrittenTables some = new WrittenTables(false, Set.of(USERS), Map.of());
        assertThat(WrittenTables.union(List.of(some, WrittenTables.EVERYTHING)).everything()).isTrue();
    }

    @Test
    void theUnionOfOneIsItself() {
        WrittenTables some = new WrittenTables(false, Set.of(USERS), Map.of(ORDERS, Set.of(1L)));
        assertThat(WrittenTables.union(List.of(some))).isSameAs(some);
    }
}
