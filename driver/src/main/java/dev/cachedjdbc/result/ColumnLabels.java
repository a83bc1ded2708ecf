package dev.cachedjdbc.result;

import java.util.HashMap;
import java.util.Map;

/**
 * Finds a column by label the way JDBC asks: ignoring case, the first matching column winning. A label spelled as the
 * driver reported it is found without allocating, which is how almost every caller asks.
 */
final class ColumnLabels {

    private final String[] labels;
    private final Map<String, Integer> firstMatchByExactLabel;

    ColumnLabels(CachedResultSetMetaData metaData) {
        int count = metaData.getColumnCount();
        labels = new String[count];
        firstMatchByExactLabel = new HashMap<>(count * 2);
        for (int column = 1; column <= count; column++) {
            labels[column - 1] = metaData.labelOrNull(column);
        }
        for (String label : labels) {
            if (label != null && !firstMatchByExactLabel.containsKey(label)) {
                firstMatchByExactLabel.put(label, scan(label));
            }
        }
    }

    /** The 1-based index of the first column whose label equals {@code label} ignoring case, or 0 when none does. */
    int find(String label) {
        if (label == null) {
            return 0;
        }
        Integer index = firstMatchByExactLabel.get(label);
        return index != null ? index : scan(label);
    }

    private int scan(String label) {
        for (int i = 0; i < labels.length; i++) {
            if (label.equalsIgnoreCase(labels[i])) {
                return i + 1;
            }
        }
        return 0;
    }

    static long estimatedBytes(int columnCount) {
        // The map's entries and table, on top of the label strings the metadata already counts.
        return SizeEstimates.ARRAY_HEADER + (long) columnCount * (SizeEstimates.REFERENCE + 64);
    }
}
