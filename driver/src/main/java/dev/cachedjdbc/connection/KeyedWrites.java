package dev.cachedjdbc.connection;

import java.util.HashSet;
import java.util.Set;

/** Writes of one table by key: the column they are confined by and the keys. */
final class KeyedWrites {
    final String column;
    final Set<Long> keys = new HashSet<>();

    KeyedWrites(String column) {
        this.column = column;
    }

    /** False when this write is confined by another column than the earlier ones: the set is then not by key. */
    boolean add(String restrictedColumn, long[] rowKeys) {
        if (!column.equals(restrictedColumn)) {
            return false;
        }
        for (long key : rowKeys) {
            keys.add(key);
        }
        return true;
    }
}
