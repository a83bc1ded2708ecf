package dev.cachedjdbc.cache;

import dev.cachedjdbc.analysis.TableKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What one query reads, table by table: the whole table, or only the rows with some key values (see
 * {@link TableState}). Immutable.
 */
public final class TableReads {

    /**
     * Above this many keys a read counts as reading the whole table: every key is a counter a hit checks, and the
     * hit path must stay short.
     */
    public static final int MOST_KEYS_PER_TABLE = 32;

    private static final long[] WHOLE_TABLE = null;

    private final List<TableKey> tableKeys;
    /** Per table, parallel to {@link #tableKeys}: the row keys, or null for the whole table. */
    private final List<long[]> rowKeys;

    private TableReads(List<TableKey> tableKeys, List<long[]> rowKeys) {
        this.tableKeys = tableKeys;
        this.rowKeys = rowKeys;
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
    long[] rowKeys(int index) {
        return rowKeys.get(index);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("TableReads[");
        for (int i = 0; i < tableKeys.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(tableKeys.get(i));
            if (rowKeys.get(i) != null) {
                text.append(Arrays.toString(rowKeys.get(i)));
            }
        }
        return text.append(']').toString();
    }

    public static final class Builder {
        private final List<TableKey> tableKeys = new ArrayList<>();
        private final List<long[]> rowKeys = new ArrayList<>();

        private Builder() {
        }

        public Builder wholeTable(TableKey tableKey) {
            tableKeys.add(Objects.requireNonNull(tableKey, "tableKey"));
            rowKeys.add(WHOLE_TABLE);
            return this;
        }

        /** Only the rows whose key is one of these; many keys, or none, count as the whole table. */
        public Builder rows(TableKey tableKey, long[] keys) {
            if (keys == null || keys.length == 0 || keys.length > MOST_KEYS_PER_TABLE) {
                return wholeTable(tableKey);
            }
            tableKeys.add(Objects.requireNonNull(tableKey, "tableKey"));
            rowKeys.add(keys.clone());
            return this;
        }

        public TableReads build() {
            // rowKeys holds nulls (whole tables), which List.copyOf refuses.
            return new TableReads(List.copyOf(tableKeys), Collections.unmodifiableList(new ArrayList<>(rowKeys)));
        }
    }
}
