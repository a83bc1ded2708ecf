package dev.cachedjdbc.connection;

import dev.cachedjdbc.analysis.RowRestriction;
import dev.cachedjdbc.cache.RowSelection;
import dev.cachedjdbc.schema.ColumnKind;
import dev.cachedjdbc.statement.RowValues;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of a statement's {@link RowRestriction} on one table that the catalog backs: the confining columns whose
 * values the database compares exactly (see {@link ColumnKind}), each with its kind and values. Immutable.
 */
final class ExactRestriction {

    private final String[] columns;
    private final ColumnKind[] kinds;
    private final RowRestriction.ColumnValues[] values;

    private ExactRestriction(String[] columns, ColumnKind[] kinds, RowRestriction.ColumnValues[] values) {
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
        List<RowRestriction.ColumnValues> confining = restriction.columns();
        String[] columns = new String[confining.size()];
        ColumnKind[] kinds = new ColumnKind[confining.size()];
        RowRestriction.ColumnValues[] values = new RowRestriction.ColumnValues[confining.size()];
        int kept = 0;
        for (RowRestriction.ColumnValues column : confining) {
            ColumnKind kind = exactColumns.get(column.column());
            if (kind != null && (!restriction.throughUniqueIndex() || kind.exactUnderAnyCollation())) {
                columns[kept] = column.column();
                kinds[kept] = kind;
                values[kept] = column;
                kept++;
            }
        }
        if (kept == 0) {
            return null;
        }
        return kept == columns.length ? new ExactRestriction(columns, kinds, values)
                : new ExactRestriction(Arrays.copyOf(columns, kept), Arrays.copyOf(kinds, kept),
                        Arrays.copyOf(values, kept));
    }

    /**
     * The rows one execution is confined to, by the columns whose values it binds as the column's own type; null
     * when no column's values do, and the execution may touch any row.
     */
    RowSelection rows(Object[] parameters) {
        if (columns.length == 1) {
            return RowSelection.of(columns[0], RowValues.codes(kinds[0], values[0].values(), parameters));
        }
        Map<String, long[]> codes = new HashMap<>();
        for (int i = 0; i < columns.length; i++) {
            long[] columnCodes = RowValues.codes(kinds[i], values[i].values(), parameters);
            if (columnCodes != null) {
                codes.put(columns[i], columnCodes);
            }
        }
        return RowSelection.of(codes);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < columns.length; i++) {
            text.append(i == 0 ? "" : " and ").append(columns[i]).append(' ').append(kinds[i])
                    .append(" in ").append(values[i].values());
        }
        return text.toString();
    }
}
