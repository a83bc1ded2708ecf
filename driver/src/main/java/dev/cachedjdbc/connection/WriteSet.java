package dev.cachedjdbc.connection;

import dev.cachedjdbc.analysis.RowRestriction;
import dev.cachedjdbc.analysis.StatementAnalysis;
import dev.cachedjdbc.analysis.StatementKind;
import dev.cachedjdbc.analysis.TableKey;
import dev.cachedjdbc.analysis.TableName;
import dev.cachedjdbc.cache.RowSelection;
import dev.cachedjdbc.schema.CatalogFacts;
import dev.cachedjdbc.schema.RowEvents;
import dev.cachedjdbc.schema.SchemaDependencies;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;

/**
 * The tables a set of statements writes, by their keys, or "everything"; for tables every statement of the set
 * writes confined by equalities, the rows; and per table, the {@link RowEvents} the statements writing it may cause
 * and the columns their updates may assign.
 */
public final class WriteSet implements RowEvents {
    /** More executions than a write scope keeps apart anyway: the write counts as one of any row. */
    private static final int MOST_EXECUTIONS_BY_ROW = 1024;

    public final Set<TableKey> tables = new HashSet<>();
    /** Tables written confined so far, with each statement's restriction and executions; a table written otherwise leaves it. */
    private final Map<TableKey, List<ConfinedWrite>> confined = new HashMap<>();
    private final Set<TableKey> writtenAnyRow = new HashSet<>();
    /** Per written table, the events of every statement writing it (see {@link StatementRowEvents}). */
    private final Map<TableKey, Integer> events = new HashMap<>();
    /** Per table some statement may update, the columns the updates assign, caseless; absent once one may assign any. */
    private final Map<TableKey, Set<String>> assigned = new HashMap<>();
    private final Set<TableKey> assignedAnyColumn = new HashSet<>();
    public boolean everything;

    /** One statement's restriction of a table, with the parameters of each of its executions. */
    private record ConfinedWrite(RowRestriction restriction, List<Object[]> parameterSets) {
    }

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
            boolean confinedWrite = restriction != null && Collections.frequency(written, key) == 1
                    && parameterSets != null && !parameterSets.isEmpty();
            if (!confinedWrite) {
                writtenAnyRow.add(key);
                confined.remove(key);
            } else if (!writtenAnyRow.contains(key)) {
                confined.computeIfAbsent(key, ignored -> new ArrayList<>())
                        .add(new ConfinedWrite(restriction, parameterSets));
            }
        }
    }

    /**
     * The rows of a table every statement of the set writes confined by columns the database compares exactly,
     * changing no row on the side; null when some execution may write any row of it.
     */
    public WrittenRows rows(TableKey table, SchemaDependencies dependencies) {
        List<ConfinedWrite> writes = confined.get(table);
        if (writes == null || !dependencies.changesOnlyRowsItNames(table, tables, this)) {
            return null;
        }
        String rowKeyColumn = dependencies.rowKeyColumn(table);
        List<RowSelection> selections = new ArrayList<>();
        List<long[]> announced = rowKeyColumn == null ? null : new ArrayList<>();
        for (ConfinedWrite write : writes) {
            ExactRestriction restriction = ExactRestriction.of(write.restriction(), dependencies.exactColumns(table));
            if (restriction == null) {
                return null;
            }
            for (Object[] parameters : write.parameterSets()) {
                RowSelection rows = restriction.rows(parameters);
                if (rows == null || selections.size() == MOST_EXECUTIONS_BY_ROW) {
                    return null;
                }
                selections.add(rows);
                long[] keys = announced == null ? null : rows.codesOf(rowKeyColumn);
                if (keys == null) {
                    announced = null;
                } else {
                    announced.add(keys);
                }
            }
        }
        return new WrittenRows(selections, announced == null ? null : distinct(announced));
    }

    private static long[] distinct(List<long[]> keys) {
        if (keys.size() == 1) {
            return keys.get(0);
        }
        return keys.stream().flatMapToLong(LongStream::of).distinct().toArray();
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
}
