package dev.cachedjdbc.cache;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Rows of one table picked by equalities: those that have, in each of the columns, one of that column's values. The
 * values are codes of what the database compares, made by the caller (an integer is its own code; see
 * {@code statement/RowValues}): two values the database finds equal must have the same code, and two it finds unequal
 * should have different ones, but may share one, which only costs needless invalidation. A code is only ever compared
 * with codes of the same column.
 *
 * <p>The rows picked are the product of the columns' values: every combination of a value of each column. Immutable;
 * columns are kept in one order (sorted by name), so that two selections by the same columns list them alike.
 */
public final class RowSelection {

    private final String[] columns;
    private final long[][] values;

    private RowSelection(String[] columns, long[][] values) {
        this.columns = columns;
        this.values = values;
    }

    /**
     * Rows with one of these codes in each column.
     *
     * @param codesByColumn per column, its codes; columns without codes are left out, and a selection of no column
     *                      is null: it would pick every row
     */
    public static RowSelection of(Map<String, long[]> codesByColumn) {
        TreeMap<String, long[]> sorted = new TreeMap<>();
        codesByColumn.forEach((column, codes) -> {
            if (codes != null && codes.length > 0) {
                sorted.put(Objects.requireNonNull(column, "column"), distinct(codes));
            }
        });
        if (sorted.isEmpty()) {
            return null;
        }
        return new RowSelection(sorted.keySet().toArray(new String[0]), sorted.values().toArray(new long[0][]));
    }

    /** Rows with one of these codes in this one column; null when there are none. */
    public static RowSelection of(String column, long... codes) {
        Objects.requireNonNull(column, "column");
        return codes == null || codes.length == 0 ? null
                : new RowSelection(new String[] {column}, new long[][] {distinct(codes)});
    }

    private static long[] distinct(long[] codes) {
        if (codes.length == 1) {
            return codes.clone();
        }
        long[] sorted = codes.clone();
        Arrays.sort(sorted);
        int kept = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[kept++] = sorted[i];
            }
        }
        return kept == sorted.length ? sorted : Arrays.copyOf(sorted, kept);
    }

    int width() {
        return columns.length;
    }

    String column(int index) {
        return columns[index];
    }

    long[] codes(int index) {
        return values[index];
    }

    /** The columns, sorted; not a copy, for the counters, which only read it. */
    String[] sortedColumns() {
        return columns;
    }

    /** The codes of this column, or null when it does not pick the rows. */
    public long[] codesOf(String column) {
        long[] codes = codesIn(column);
        return codes == null ? null : codes.clone();
    }

    /** {@link #codesOf} without a copy, for the counters, which only read them. */
    long[] codesIn(String column) {
        int index = Arrays.binarySearch(columns, column);
        return index < 0 ? null : values[index];
    }

    /**
     * How many counters a read by these columns stamps: one bucket per combination of values for every non-empty
     * subset of the columns, that is the product of (1 + values) over the columns, less one.
     */
    long readCounters() {
        long product = 1;
        for (long[] codes : values) {
            product = Math.multiplyExact(product, 1L + codes.length);
            if (product > Integer.MAX_VALUE) {
                return Integer.MAX_VALUE;
            }
        }
        return product - 1;
    }

    /**
     * This selection by fewer columns, so that a read of it stamps at most {@code mostCounters} counters and has at
     * most {@code mostColumns} columns: the columns with the most values go first. Picking by fewer columns picks more
     * rows, never fewer. Null when no column is left.
     */
    RowSelection narrowed(int mostColumns, long mostCounters) {
        RowSelection narrowed = this;
        while (narrowed != null && (narrowed.width() > mostColumns || narrowed.readCounters() > mostCounters)) {
            narrowed = narrowed.without(narrowed.widestColumn());
        }
        return narrowed;
    }

    private int widestColumn() {
        int widest = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i].length >= values[widest].length) {
                widest = i;
            }
        }
        return widest;
    }

    private RowSelection without(int index) {
        if (columns.length == 1) {
            return null;
        }
        List<String> keptColumns = new ArrayList<>(List.of(columns));
        List<long[]> keptValues = new ArrayList<>(List.of(values));
        keptColumns.remove(index);
        keptValues.remove(index);
        return new RowSelection(keptColumns.toArray(new String[0]), keptValues.toArray(new long[0][]));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RowSelection selection && Arrays.equals(columns, selection.columns)
                && Arrays.deepEquals(values, selection.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(columns) + Arrays.deepHashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < columns.length; i++) {
            text.append(i == 0 ? "" : " and ").append(columns[i]).append(" in ").append(Arrays.toString(values[i]));
        }
        return text.toString();
    }
}
