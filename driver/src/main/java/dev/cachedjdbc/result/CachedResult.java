package dev.cachedjdbc.result;

import java.sql.ResultSetMetaData;

/**
 * An immutable snapshot of a query result: its column metadata and its rows, as the database driver gave them.
 * Safe to share across threads; every {@link CachedResultSet} over it reads it without copying the rows.
 */
public final class CachedResult {

    private final CachedResultSetMetaData metaData;
    private final CachedColumn[] columns;
    private final int rowCount;
    private final ValueConversions conversions;
    /**
     * Built on the first lookup by label: many callers read by index only, and a miss should not pay for an index
     * nobody uses. Racing builders make equal, immutable indexes, so whichever is kept is right.
     */
    private ColumnLabels labels;
    private final long estimatedBytes;
    private final WarningSnapshot statementWarnings;

    CachedResult(CachedResultSetMetaData metaData, CachedColumn[] columns, int rowCount,
            SourceConventions conventions) {
        this(metaData, columns, rowCount, conventions, estimate(metaData, columns));
    }

    /** @param estimatedBytes what {@link #estimate} gives for these columns, already summed while they were read */
    CachedResult(CachedResultSetMetaData metaData, CachedColumn[] columns, int rowCount,
            SourceConventions conventions, long estimatedBytes) {
        this(metaData, columns, rowCount, conventions, estimatedBytes, null, JvmClock.SYSTEM);
    }

    /**
     * @param estimatedBytes what {@link #estimate} gives for these columns, already summed while they were read
     * @param loadZone       the JVM's zone while the rows were read; null when no conversion needs it
     * @param clock          where reads of the rows learn the JVM's zone and the current instant
     */
    CachedResult(CachedResultSetMetaData metaData, CachedColumn[] columns, int rowCount,
            SourceConventions conventions, long estimatedBytes, java.util.TimeZone loadZone, JvmClock clock) {
        if (metaData.getColumnCount() != columns.length) {
            throw new IllegalArgumentException(
                    "metadata describes " + metaData.getColumnCount() + " columns, got " + columns.length);
        }
        this.metaData = metaData;
        this.columns = columns;
        this.rowCount = rowCount;
        this.conversions = new ValueConversions(conventions, loadZone, clock);
        this.estimatedBytes = estimatedBytes;
        this.statementWarnings = WarningSnapshot.NONE;
    }

    static long estimate(CachedResultSetMetaData metaData, CachedColumn[] columns) {
        long bytes = fixedBytes(metaData);
        for (CachedColumn column : columns) {
            bytes += column.estimatedBytes();
        }
        return bytes;
    }

    private CachedResult(CachedResult rows, WarningSnapshot statementWarnings) {
        this.metaData = rows.metaData;
        this.columns = rows.columns;
        this.rowCount = rows.rowCount;
        this.conversions = rows.conversions;
        this.labels = rows.labels;
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

    /** The estimated bytes of a result with these columns and no rows: metadata, label index, column arrays. */
    static long fixedBytes(CachedResultSetMetaData metaData) {
        int columns = metaData.getColumnCount();
        return SizeEstimates.OBJECT_HEADER + 48 + metaData.estimatedBytes() + ColumnLabels.estimatedBytes(columns)
                + SizeEstimates.ARRAY_HEADER + (long) columns * SizeEstimates.REFERENCE
                + (long) columns * (SizeEstimates.OBJECT_HEADER + 24 + 3L * SizeEstimates.ARRAY_HEADER);
    }

    public int rowCount() {
        return rowCount;
    }

    public int columnCount() {
        return columns.length;
    }

    /**
     * Estimated heap use of this snapshot in bytes, for the cache's weigher and limits: every cell's value and any
     * text or second form kept for it, the arrays holding them, and the metadata. See {@link SizeEstimates} for the
     * figures; the estimate errs on the high side.
     */
    public long estimatedBytes() {
        return estimatedBytes;
    }

    /** An immutable snapshot of every {@link ResultSetMetaData} property the driver reported. */
    public ResultSetMetaData metaData() {
        return metaData;
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
        ColumnLabels index = labels;
        if (index == null) {
            index = new ColumnLabels(metaData);
            labels = index;
        }
        return index.find(label);
    }

    @Override
    public String toString() {
        return "CachedResult[" + rowCount + " rows x " + columns.length + " columns, ~" + estimatedBytes + " bytes]";
    }
}
