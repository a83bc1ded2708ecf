package dev.cachedjdbc.result;

import java.sql.ResultSetMetaData;

/**
 * An immutable snapshot of a query result: its rows as the database driver gave them, and the {@link ResultShape}
 * (metadata, column plans, label index) it shares with the other results of its statement. Safe to share across
 * threads; every {@link CachedResultSet} over it reads it without copying the rows.
 */
public final class CachedResult {

    /** The object itself and its fields: shape, columns, conversions, warnings, row count and estimate. */
    private static final long OWN_BYTES = SizeEstimates.padded(SizeEstimates.OBJECT_HEADER
            + 4L * SizeEstimates.REFERENCE + 4 + 8);

    private final ResultShape shape;
    private final CachedColumn[] columns;
    private final int rowCount;
    private final ValueConversions conversions;
    private final long estimatedBytes;
    private final WarningSnapshot statementWarnings;

    /** A result whose shape is its own: its estimate counts the shape. */
    CachedResult(ResultShape shape, CachedColumn[] columns, int rowCount) {
        this(shape, columns, rowCount, estimate(shape, columns) + shape.estimatedBytes(), null, JvmClock.SYSTEM);
    }

    /**
     * @param estimatedBytes what {@link #estimate} gives for these columns, already summed while they were read, plus
     *                       the shape's own estimate where this result is the first to hold it
     * @param loadZone       the JVM's zone while the rows were read; null when no conversion needs it
     * @param clock          where reads of the rows learn the JVM's zone and the current instant
     */
    CachedResult(ResultShape shape, CachedColumn[] columns, int rowCount, long estimatedBytes,
            java.util.TimeZone loadZone, JvmClock clock) {
        if (shape.columnCount() != columns.length) {
            throw new IllegalArgumentException(
                    "metadata describes " + shape.columnCount() + " columns, got " + columns.length);
        }
        this.shape = shape;
        this.columns = columns;
        this.rowCount = rowCount;
        this.conversions = shape.conversions(loadZone, clock);
        this.estimatedBytes = estimatedBytes;
        this.statementWarnings = WarningSnapshot.NONE;
    }

    /** What this result holds of its own: everything but the shape, which the results of its statement share. */
    static long estimate(ResultShape shape, CachedColumn[] columns) {
        long bytes = fixedBytes(shape.columnCount());
        for (CachedColumn column : columns) {
            bytes += column.estimatedBytes();
        }
        return bytes;
    }

    private CachedResult(CachedResult rows, WarningSnapshot statementWarnings) {
        this.shape = rows.shape;
        this.columns = rows.columns;
        this.rowCount = rows.rowCount;
        this.conversions = rows.conversions;
        this.statementWarnings = statementWarnings;
        this.estimatedBytes = rows.estimatedBytes - warningBytes(rows.statementWarnings)
                + warningBytes(statementWarnings);
    }

    private static long warningBytes(WarningSnapshot warnings) {
        return warnings == WarningSnapshot.NONE ? 0 : warnings.estimatedBytes();
    }

    /** The same rows, with the warnings the statement reported while they were loaded. */
    public CachedResult withStatementWarnings(WarningSnapshot warnings) {
        return new CachedResult(this, warnings);
    }

    /** The warnings the statement reported while this result was loaded; none for most results. */
    public WarningSnapshot statementWarnings() {
        return statementWarnings;
    }

    /**
     * The estimated bytes of a result of this many columns and no rows, without its shape: the result object, its
     * column array and the column objects. What each column's cells add, arrays included, is
     * {@link CachedColumn#estimatedBytes}.
     */
    static long fixedBytes(int columns) {
        return OWN_BYTES + SizeEstimates.padded(SizeEstimates.ARRAY_HEADER + (long) columns * SizeEstimates.REFERENCE)
                + (long) columns * CachedColumn.OWN_BYTES;
    }

    public int rowCount() {
        return rowCount;
    }

    public int columnCount() {
        return columns.length;
    }

    /**
     * Estimated heap use of this snapshot in bytes, for the cache's weigher and limits: every cell's value and any
     * text or second form kept for it, the arrays holding them, and the shape where this result is the one whose
     * capture made it (the other results of the statement share it and do not count it again). See
     * {@link SizeEstimates} for the figures; the estimate errs on the high side.
     */
    public long estimatedBytes() {
        return estimatedBytes;
    }

    /** An immutable snapshot of every {@link ResultSetMetaData} property the driver reported. */
    public ResultSetMetaData metaData() {
        return shape.metaData();
    }

    /** What this result shares with the other results of its statement. */
    ResultShape shape() {
        return shape;
    }

    /** The column at a 1-based index, which the caller has checked. */
    CachedColumn column(int index) {
        return columns[index - 1];
    }

    ValueConversions conversions() {
        return conversions;
    }

    /** The 1-based index of the first column with this label ignoring case, or 0 when there is none. */
    int findColumn(String label) {
        return shape.findColumn(label);
    }

    @Override
    public String toString() {
        return "CachedResult[" + rowCount + " rows x " + columns.length + " columns, ~" + estimatedBytes + " bytes]";
    }
}
