package dev.cachedjdbc.connection;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Writes of one table by key: per column that confines every one of them, the keys. */
final class KeyedWrites {
    final Map<String, Set<Long>> keysByColumn = new HashMap<>();
    private boolean first = true;

    /**
     * Adds a write confined by these columns' keys; a column that does not confine it no longer confines the set.
     * False when no column confines them all.
     */
    boolean add(Map<String, long[]> keys) {
        if (first) {
            first = false;
            keys.forEach((column, values) -> keysByColumn.put(column, new HashSet<>()));
        }
        keysByColumn.keySet().retainAll(keys.keySet());
        keysByColumn.forEach((column, values) -> {
            for (long key : keys.get(column)) {
                values.add(key);
            }
        });
        return !keysByColumn.isEmpty();
    }
}
