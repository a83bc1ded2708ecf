package dev.cachedjdbc.cache;

import dev.cachedjdbc.analysis.TableKey;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What one write scope wrote, as other instances must learn it: every table, or these whole tables and these rows of
 * others. A table listed whole is not also listed by rows.
 *
 * @param rows per table, the row keys written; only tables not in {@code wholeTables}
 */
public record WrittenTables(boolean everything, Set<TableKey> wholeTables, Map<TableKey, Set<Long>> rows) {

    public static final WrittenTables EVERYTHING = new WrittenTables(true, Set.of(), Map.of());

    public WrittenTables {
        wholeTables = Set.copyOf(wholeTables);
        Map<TableKey, Set<Long>> copied = new HashMap<>();
        rows.forEach((table, keys) -> copied.put(table, Set.copyOf(keys)));
        rows = Map.copyOf(copied);
    }

    public boolean isEmpty() {
        return !everything && wholeTables.isEmpty() && rows.isEmpty();
    }
}
