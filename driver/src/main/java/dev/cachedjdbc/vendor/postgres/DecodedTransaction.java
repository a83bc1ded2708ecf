package dev.cachedjdbc.vendor.postgres;

import dev.cachedjdbc.analysis.TableKey;
import dev.cachedjdbc.cache.WrittenTables;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What one committed transaction changed, gathered from its decoded changes: each table by the row keys its changes
 * print, where the table has a row key column and every change of it prints that column with an integer, else
 * whole. A change the feed cannot read (an unknown line) makes it every table.
 */
final class DecodedTransaction {

    /** Rows of one table named at most, before the table is taken whole: a bulk change is cheaper as one. */
    static final int MOST_ROWS_PER_TABLE = 256;

    private final Function<TableKey, String> rowKeyColumn;
    private boolean everything;
    private final Set<TableKey> wholeTables = new HashSet<>();
    private final Map<TableKey, Set<Long>> rows = new HashMap<>();

    /** @param rowKeyColumn the stored name of a table's row key column, or null where it has none */
    DecodedTransaction(Function<TableKey, String> rowKeyColumn) {
        this.rowKeyColumn = rowKeyColumn;
    }

    void add(DecodedChange change) {
        if (everything) {
            return;
        }
        switch (change.kind()) {
            case INSERT, UPDATE, DELETE -> addRows(change);
            case TRUNCATE -> whole(TableKey.of(change.table()));
            case UNKNOWN -> everything = true;
            default -> {
                // BEGIN, COMMIT and messages change no table
            }
        }
    }

    private void addRows(DecodedChange change) {
        TableKey table = TableKey.of(change.table());
        if (wholeTables.contains(table)) {
            return;
        }
        String keyColumn = rowKeyColumn.apply(table);
        if (keyColumn == null) {
            whole(table);
            return;
        }
        Set<Long> keys = new HashSet<>(2);
        for (DecodedChange.Column column : change.columns()) {
            if (column.name().equals(keyColumn)) {
                Long key = integer(column.value());
                if (key == null) {
                    whole(table);
                    return;
                }
                keys.add(key);
            }
        }
        if (keys.isEmpty()) {
            // Not printed (a DELETE of a table without replica identity, say): which row is unknown.
            whole(table);
            return;
        }
        Set<Long> tableRows = rows.computeIfAbsent(table, t -> new HashSet<>());
        tableRows.addAll(keys);
        if (tableRows.size() > MOST_ROWS_PER_TABLE) {
            whole(table);
        }
    }

    private static Long integer(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void whole(TableKey table) {
        rows.remove(table);
        wholeTables.add(table);
    }

    boolean isEmpty() {
        return !everything && wholeTables.isEmpty() && rows.isEmpty();
    }

    WrittenTables written() {
        return everything ? WrittenTables.EVERYTHING : new WrittenTables(false, wholeTables, rows);
    }
}
