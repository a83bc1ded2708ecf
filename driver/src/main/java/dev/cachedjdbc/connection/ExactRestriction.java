package dev.cachedjdbc.connection;

import dev.cachedjdbc.analysis.RowKeyValue;
import dev.cachedjdbc.analysis.RowRestriction;
import dev.cachedjdbc.cache.RowSelection;
import dev.cachedjdbc.schema.ColumnKind;
import dev.cachedjdbc.statement.RowValues;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of a statement's {@link RowRestriction} on one table that the catalog backs: the confining columns whose
 * values the database compares exactly (see {@link ColumnKind}), each with its kind and values. Immutable.
 */
final class ExactRestriction {

    private final List<String> columns;
    private final List<ColumnKind> kinds;
    private final List<List<RowKeyValue>> values;

    private ExactRestriction(List<String> columns, List<ColumnKind> kinds, List<List<RowKeyValue>> values) {
        this.columns = columns;
        this.kinds = kinds;
        this.values = values;
    }

    /**
     * The columns of the restriction among the table's exact columns, or null when there are none. Where the
     * restriction holds through a unique index's match (an upsert), only kinds that no collation can make inexact are
     * kept, since the index may compare under a collation of its own.
     */
    static ExactRestriction of(RowRestriction restriction, Map<String, ColumnKind> exactColumns) {
        if (exactColumns.isEmpty()) {
            return null;
        }
        List<String> columns = new ArrayList<>();
        List<ColumnKind> kinds = new ArrayList<>();
        List<List<RowKeyValue>> values = new ArrayList<>();
        for (RowRestriction.ColumnValues confining : restriction.columns()) {
            ColumnKind kind = exactColumns.get(confining.column());
            if (kind != null && (!restriction.throughUniqueIndex() || kind.exactUnderAnyCollation())) {
                columns.add(confining.column());
                kinds.add(kind);
                values.add(confining.values());
            }
        }
        return columns.isEmpty() ? null : new ExactRestriction(List.copyOf(columns), List.copyOf(kinds),
                List.copyOf(values));
    }

    /**
     * The rows one execution is confined to, by the columns whose values it binds as the column's own type; null
     * when no column's values do, and the execution may touch any row.
     */
    RowSelection rows(Object[] parameters) {
        if (columns.size() == 1) {
            return RowSelection.of(columns.get(0), RowValues.codes(kinds.get(0), values.get(0), parameters));
        }
        Map<String, long[]> codes = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            long[] columnCodes = RowValues.codes(kinds.get(i), values.get(i), parameters);
            if (columnCodes != null) {
                codes.put(columns.get(i), columnCodes);
            }
        }
        return RowSelection.of(codes);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            text.append(i == 0 ? "" : " and ").append(columns.get(i)).append(' ').append(kinds.get(i))
                    .append(" in ").append(values.get(i));
        }
        return text.toString();
    }
}
