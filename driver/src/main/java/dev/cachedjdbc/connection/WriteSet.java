package dev.cachedjdbc.connection;

import dev.cachedjdbc.analysis.RowRestriction;
import dev.cachedjdbc.analysis.StatementAnalysis;
import dev.cachedjdbc.analysis.StatementKind;
import dev.cachedjdbc.analysis.TableKey;
import dev.cachedjdbc.analysis.TableName;
import dev.cachedjdbc.schema.CatalogFacts;
import dev.cachedjdbc.schema.RowEvents;
import dev.cachedjdbc.schema.SchemaDependencies;
import dev.cachedjdbc.statement.RowKeys;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tables a set of statements writes, by their keys, or "everything"; for tables every statement of the set
 * writes by key, the keys; and per table, the {@link RowEvents} the statements writing it may cause and the columns
 * their updates may assign.
 */
public final class WriteSet implements RowEvents {
    /** More keys than a write scope keeps apart anyway: the write counts as one of any row. */
    private static final int MOST_KEYS_PER_WRITE = 1024;

    public final Set<TableKey> tables = new HashSet<>();
    /** Tables written by key so far, with the column and the keys; a table written otherwise leaves it. */
    private final Map<TableKey, KeyedWrites> keyed = new HashMap<>();
    private final Set<TableKey> writtenAnyRow = new HashSet<>();
    /** Per written table, the events of every statement writing it (see {@link StatementRowEvents}). */
    private final Map<TableKey, Integer> events = new HashMap<>();
    /** Per table some statement may update, the columns the updates assign, caseless; absent once one may assign any. */
    private final Map<TableKey, Set<String>> assigned = new HashMap<>();
    private final Set<TableKey> assignedAnyColumn = new HashSet<>();
    public boolean everything;

    void add(StatementAnalysis analysis, List<Object[]> parameterSets) {
        everything |= analysis.writesUnknownTables() || analysis.kind() == StatementKind.DDL;
        List<TableKey> written = new ArrayList<>(analysis.tablesWritten().size());
        analysis.tablesWritten().forEach(table -> written.add(table.key()));
        int statementEvents = written.isEmpty() ? RowEvents.ANY : StatementRowEvents.of(analysis);
        for (TableName table : analysis.tablesWritten()) {
            TableKey key = table.key();
            tables.add(key);
            events.merge(key, statementEvents, (before, added) -> before | added);
            if ((statementEvents & RowEvents.UPDATES) != 0) {
                addAssigned(key, analysis.assignedColumns().get(table));
            }
            RowRestriction restriction = analysis.rowRestrictions().get(table);
            Map<String, long[]> rowKeys = restriction == null || Collections.frequency(written, key) != 1
                    ? null : keysOf(restriction, parameterSets);
            if (rowKeys == null || rowKeys.isEmpty()) {
                writtenAnyRow.add(key);
                keyed.remove(key);
            } else if (!writtenAnyRow.contains(key)) {
                KeyedWrites writes = keyed.computeIfAbsent(key, ignored -> new KeyedWrites());
                if (!writes.add(rowKeys)) {
                    writtenAnyRow.add(key);
                    keyed.remove(key);
                }
            }
        }
    }

    /** The keys of a table written only by key, on its row-key column, changing no row on the side; else null. */
    public long[] rowKeys(TableKey table, SchemaDependencies dependencies) {
        KeyedWrites writes = keyed.get(table);
        String column = dependencies.rowKeyColumn(table);
        Set<Long> keys = writes == null || column == null ? null : writes.keysByColumn.get(column);
        if (keys == null || !dependencies.changesOnlyRowsItNames(table, tables, this)) {
            return null;
        }
        return keys.stream().mapToLong(Long::longValue).toArray();
    }

    /** The events the statements writing this table may cause; every event for a table not written here. */
    @Override
    public int on(TableKey written) {
        Integer caused = events.get(written);
        return caused == null ? RowEvents.ANY : caused;
    }

    /** The columns the statements updating this table may assign; null when any. */
    @Override
    public Set<String> assignedColumns(TableKey written) {
        return assignedAnyColumn.contains(written) ? null : assigned.get(written);
    }

    private void addAssigned(TableKey table, Set<String> columns) {
        if (columns == null) {
            assignedAnyColumn.add(table);
            assigned.remove(table);
        } else if (!assignedAnyColumn.contains(table)) {
            Set<String> caseless = assigned.computeIfAbsent(table, ignored -> new HashSet<>());
            for (String column : columns) {
                caseless.add(CatalogFacts.caseless(column));
            }
        }
    }

    /** Per column of the restriction whose values are integer keys in every execution, those keys. */
    private static Map<String, long[]> keysOf(RowRestriction restriction, List<Object[]> parameterSets) {
        if (parameterSets == null || parameterSets.isEmpty()) {
            return null;
        }
        Map<String, long[]> keysByColumn = new HashMap<>();
        for (RowRestriction.ColumnValues column : restriction.columns()) {
            Set<Long> keys = new HashSet<>();
            for (Object[] parameters : parameterSets) {
                long[] resolved = RowKeys.resolve(column.values(), parameters);
                if (resolved == null) {
                    keys = null;
                    break;
                }
                for (long key : resolved) {
                    keys.add(key);
                }
                if (keys.size() > MOST_KEYS_PER_WRITE) {
                    keys = null;
                    break;
                }
            }
            if (keys != null) {
                keysByColumn.put(column.column(), keys.stream().mapToLong(Long::longValue).toArray());
            }
        }
        return keysByColumn;
    }
}
