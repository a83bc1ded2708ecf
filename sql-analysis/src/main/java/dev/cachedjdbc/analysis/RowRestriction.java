package dev.cachedjdbc.analysis;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The rows of one table that a statement is confined to: those that have, in each of {@code columns}, one of that
 * column's values. For a query, every row of the table that can influence its result is such a row; for an UPDATE or
 * DELETE, every row it changes or removes is one before and after (the statement assigns none of the columns); for an
 * INSERT, every row it adds is one. Every column on its own confines the statement too, and so does every subset of
 * them: a cache may use whichever columns it can compare.
 *
 * <p>For an INSERT of several rows, each column lists its value in every row, and the combinations of the columns'
 * values include each row's (and more): a cache that treats a restriction as the product of its columns' values
 * only ever takes in more rows than the statement touches.
 *
 * <p>It says nothing about the columns' types or whether the database compares their values exactly: a cache that
 * compares values must check in the catalog that the database compares them as it does (an integer column, a text
 * column with a deterministic collation), and that each value is of the column's own type.
 *
 * @param columns               the confining columns, each once, in the order of the text; never empty
 * @param throughUniqueIndex    true when some rows are confined only by a unique index's match ({@code ON CONFLICT
 *                              (c) DO UPDATE} updates the row whose {@code c} the index finds equal to the new row's):
 *                              an index may compare with a collation of its own, so a cache must then trust only
 *                              columns whose every comparison is exact whatever the collation (integers, say)
 */
public record RowRestriction(List<ColumnValues> columns, boolean throughUniqueIndex) {

    /**
     * One confining column and its values.
     *
     * @param column the column's name as the database sees it: unquoted names folded the dialect's way, quoted names
     *               exactly as written
     * @param values where each value comes from; never empty
     */
    public record ColumnValues(String column, List<RowKeyValue> values) {
        public ColumnValues {
            Objects.requireNonNull(column, "column");
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("a column confined to no values would confine to no row");
            }
        }
    }

    public RowRestriction {
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a restriction needs a column");
        }
        Set<String> names = new HashSet<>();
        for (ColumnValues column : columns) {
            if (!names.add(column.column())) {
                throw new IllegalArgumentException("column " + column.column() + " is named twice");
            }
        }
    }

    /** A restriction by one column, found in a WHERE clause or an INSERT's values. */
    public static RowRestriction of(String column, List<RowKeyValue> values) {
        return new RowRestriction(List.of(new ColumnValues(column, values)), false);
    }

    /** A restriction by these columns, found in a WHERE clause or an INSERT's values. */
    public static RowRestriction of(List<ColumnValues> columns) {
        return new RowRestriction(columns, false);
    }

    /** The values of this column, or null when it does not confine the statement. */
    public List<RowKeyValue> valuesOf(String column) {
        for (ColumnValues confining : columns) {
            if (confining.column().equals(column)) {
                return confining.values();
            }
        }
        return null;
    }
}
