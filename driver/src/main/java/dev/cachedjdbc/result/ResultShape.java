package dev.cachedjdbc.result;

import java.util.TimeZone;

/**
 * What every result of one statement has in common while the database's driver describes its columns the same way:
 * the metadata, the driver's conventions, each column's plan, the index of labels and the conversions. The entries of
 * a statement share one shape (found through {@link ResultShapes}) instead of each keeping a copy. A capture takes
 * the shape held for its statement only when the driver reports every metadata property equal to the held one and is
 * the same driver, so a table whose columns changed gives its results a new shape.
 *
 * <p>Immutable, but for two caches of immutable values filled on first need (the label index and the conversions
 * for the load zone seen last), where whichever racing value is kept is right.
 */
public final class ResultShape {

    private final CachedResultSetMetaData metaData;
    private final SourceConventions conventions;
    private final ColumnPlan[] plans;
    /**
     * Built on the first lookup by label: many callers read by index only, and a miss should not pay for an index
     * nobody uses. Racing builders make equal, immutable indexes.
     */
    private ColumnLabels labels;
    /** The conversions of the last load zone asked for: almost always the only one. */
    private ValueConversions conversions;

    ResultShape(CachedResultSetMetaData metaData, SourceConventions conventions) {
        this.metaData = metaData;
        this.conventions = conventions;
        this.plans = new ColumnPlan[metaData.getColumnCount()];
        for (int i = 0; i < plans.length; i++) {
            plans[i] = ColumnPlan.of(metaData.sqlTypeOrOther(i + 1), metaData.typeNameOrEmpty(i + 1), conventions);
        }
    }

    /** A shape with plans of its own, for a result built here rather than read from a driver. */
    ResultShape(CachedResultSetMetaData metaData, SourceConventions conventions, ColumnPlan[] plans) {
        if (plans.length != metaData.getColumnCount()) {
            throw new IllegalArgumentException(
                    "metadata describes " + metaData.getColumnCount() + " columns, got " + plans.length);
        }
        this.metaData = metaData;
        this.conventions = conventions;
        this.plans = plans.clone();
    }

    /**
     * The shape of a result whose driver reported this metadata and follows these conventions: {@code held} itself
     * when its metadata is the very instance given (which {@link CachedResultSetMetaData#capture(
     * java.sql.ResultSetMetaData, CachedResultSetMetaData)} returns only when every property is equal) and the driver
     * is the same, else a new one.
     */
    static ResultShape of(CachedResultSetMetaData metaData, SourceConventions conventions, ResultShape held) {
        if (held != null && held.metaData == metaData && held.conventions == conventions) {
            return held;
        }
        return new ResultShape(metaData, conventions);
    }

    /** The metadata captured from the driver, as every result of this shape answers it. */
    CachedResultSetMetaData metaData() {
        return metaData;
    }

    SourceConventions conventions() {
        return conventions;
    }

    int columnCount() {
        return plans.length;
    }

    /** The plan of a column, by 0-based position. */
    ColumnPlan plan(int column) {
        return plans[column];
    }

    /** The 1-based index of the first column with this label ignoring case, or 0 when there is none. */
    int findColumn(String label) {
        ColumnLabels index = labels;
        if (index == null) {
            index = new ColumnLabels(metaData);
            labels = index;
        }
        return index.find(label);
    }

    /** Conversions for a result of this shape loaded in {@code loadZone}, shared with the last result that was. */
    ValueConversions conversions(TimeZone loadZone, JvmClock clock) {
        ValueConversions held = conversions;
        if (held != null && held.madeFor(conventions, loadZone, clock)) {
            return held;
        }
        ValueConversions made = new ValueConversions(conventions, loadZone, clock);
        conversions = made;
        return made;
    }

    /**
     * Estimated heap use of the shape with everything it may come to hold: the metadata, the plans, the label index
     * and the conversions. Counted once, in the estimate of the result whose capture made the shape.
     */
    long estimatedBytes() {
        return SizeEstimates.OBJECT_HEADER + 4L * SizeEstimates.REFERENCE + metaData.estimatedBytes()
                + SizeEstimates.ARRAY_HEADER + (long) plans.length * (SizeEstimates.REFERENCE + ColumnPlan.estimatedBytes())
                + ColumnLabels.estimatedBytes(plans.length) + ValueConversions.estimatedBytes();
    }
}
