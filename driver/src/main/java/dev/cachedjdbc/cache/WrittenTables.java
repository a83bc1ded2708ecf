package dev.cachedjdbc.cache;

import dev.cachedjdbc.analysis.TableKey;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
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

    /**
     * What these writes wrote together: everything if any wrote everything; else every table any wrote whole, and
     * the rows of the others.
     */
    public static WrittenTables union(Collection<WrittenTables> writes) {
        if (writes.size() == 1) {
            return writes.iterator().next();
        }
        Set<TableKey> whole = new HashSet<>();
        for (WrittenTables written : writes) {
            if (written.everything) {
                return EVERYTHING;
            }
            whole.addAll(written.wholeTables);
        }
        Map<TableKey, Set<Long>> rows = new HashMap<>();
        for (WrittenTables written : writes) {
            written.rows.forEach((table, keys) -> {
                if (!whole.contains(table)) {
                    rows.computeIfAbsent(table, ignored -> new HashSet<>()).addAll(keys);
                }
            });
        }
        return new WrittenTables(false, whole, rows);
    }
}
