package dev.cachedjdbc.cache;

import dev.cachedjdbc.analysis.TableKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What one query reads, table by table: the whole table, or only the rows some equalities pick (see
 * {@link TableState}). Immutable.
 */
public final class TableReads {

    /**
     * The most counters a read of one table stamps: every counter is one a hit checks, and the hit path must stay
     * short. A read that would need more is narrowed to fewer columns (see {@link RowSelection#narrowed}), and one
     * that still needs more counts as a read of the whole table; an IN list of up to this many keys stays by key.
     */
    public static final int MOST_COUNTERS_PER_TABLE = 1024;

    private final List<TableKey> tableKeys;
    /** Per table, parallel to {@link #tableKeys}: the rows read, or null for the whole table. */
    private final List<RowSelection> rows;

    private TableReads(List<TableKey> tableKeys, List<RowSelection> rows) {
        this.tableKeys = tableKeys;
        this.rows = rows;
    }

    /** A query that may read any row of these tables. */
    public static TableReads wholeTables(Collection<TableKey> tableKeys) {
        Builder builder = builder();
        tableKeys.forEach(builder::wholeTable);
        return builder.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    int size() {
        return tableKeys.size();
    }

    TableKey tableKey(int index) {
        return tableKeys.get(index);
    }

    /** Null when the query may read any row of the table. */
    RowSelection rows(int index) {
        return rows.get(index);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("TableReads[");
        for (int i = 0; i < tableKeys.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(tableKeys.get(i));
            if (rows.get(i) != null) {
                text.append('(').append(rows.get(i)).append(')');
            }
        }
        return text.append(']').toString();
    }

    public static final class Builder {
        private final List<TableKey> tableKeys = new ArrayList<>();
        private final List<RowSelection> rows = new ArrayList<>();

        private Builder() {
        }

        public Builder wholeTable(TableKey tableKey) {
            tableKeys.add(Objects.requireNonNull(tableKey, "tableKey"));
            rows.add(null);
            return this;
        }

        /**
         * Only these rows (null for the whole table); a selection by more columns or values than a read stamps cheaply
         * is narrowed first (see {@link #MOST_COUNTERS_PER_TABLE}).
         */
        public Builder rows(TableKey tableKey, RowSelection selection) {
            RowSelection narrowed = selection == null ? null
                    : selection.narrowed(ColumnSetCounters.MOST_COLUMNS, MOST_COUNTERS_PER_TABLE);
            if (narrowed == null) {
                return wholeTable(tableKey);
            }
            tableKeys.add(Objects.requireNonNull(tableKey, "tableKey"));
            rows.add(narrowed);
            return this;
        }

        public TableReads build() {
            // rows holds nulls (whole tables), which List.copyOf refuses.
            return new TableReads(List.copyOf(tableKeys), Collections.unmodifiableList(new ArrayList<>(rows)));
        }
    }
}
