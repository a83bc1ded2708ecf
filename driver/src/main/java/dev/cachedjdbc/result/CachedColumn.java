package dev.cachedjdbc.result;

/**
 * The cells of one column, stored column by column so that what only some columns need (a driver's own text where
 * it differs from the value's, a second representation) costs nothing for the others.
 */
final class CachedColumn {

    /** What a column keeps besides the values, chosen from its SQL type when the result is captured. */
    enum Alternate {
        NONE,
        /** The java.time form the driver gives for a date/time column, so calendar and java.time reads convert
         *  from an exact local or zoned value rather than from a java.sql one that lost it. */
        TEMPORAL,
        /** The bytes of a binary column whose getObject is not a byte[]. */
        BYTES
    }

    private final int sqlType;
    private final String typeName;
    private final Object[] values;
    private final String[] texts;
    private final Object[] alternates;
    private final Alternate alternate;
    private final SourceConventions conventions;
    /**
     * Whether the values are java.sql dates and times of local fields (a date, a time, a timestamp without zone) that
     * the driver makes in the JVM's zone of the moment they are read (pgjdbc): made in another zone, such a value no
     * longer stands for what the driver would give.
     */
    private final boolean zoneDependent;

    /**
     * @param values     the snapshot of getObject per row; null for SQL NULL
     * @param texts      the driver's getString per row where it differs from {@link #derivedText}, else null; the
     *                   array itself is null when no row differs
     * @param alternates the second representation per row, or null when the column keeps none
     */
    CachedColumn(int sqlType, String typeName, Object[] values, String[] texts, Object[] alternates,
            Alternate alternate, SourceConventions conventions) {
        this(sqlType, typeName, values, texts, alternates, alternate, conventions, false);
    }

    /** @param zoneDependent whether the values are java.sql local dates and times made in the JVM's zone at read */
    CachedColumn(int sqlType, String typeName, Object[] values, String[] texts, Object[] alternates,
            Alternate alternate, SourceConventions conventions, boolean zoneDependent) {
        this.zoneDependent = zoneDependent && alternates != null;
        this.conventions = conventions;
        this.sqlType = sqlType;
        this.typeName = typeName;
        this.values = values;
        this.texts = texts;
        this.alternates = alternates;
        this.alternate = alternates == null ? Alternate.NONE : alternate;
    }

    /** The column's {@link java.sql.Types} code as the driver reported it. */
    int sqlType() {
        return sqlType;
    }

    String typeName() {
        return typeName;
    }

    Object value(int row) {
        return values[row];
    }

    /** Whether the column's values are java.sql dates and times that depend on the JVM's zone when read. */
    boolean zoneDependent() {
        return zoneDependent;
    }

    String text(int row) {
        if (texts != null) {
            String text = texts[row];
            if (text != null) {
                return text;
            }
        }
        Object value = values[row];
        // Checked first so that the commonest cell, text read as text, costs no virtual call.
        if (value instanceof String text) {
            return text;
        }
        return derivedText(value, conventions);
    }

    /** Whether the driver's text for this cell was kept because it differs from the value's own rendering. */
    boolean hasOwnText(int row) {
        return texts != null && texts[row] != null;
    }

    /** The text a cell has when the driver's own text was not kept: the value's, as the driver would render it. */
    static String derivedText(Object value, SourceConventions conventions) {
        if (value instanceof byte[] bytes) {
            return conventions.textOfBinary(bytes);
        }
        return value == null ? null : value.toString();
    }

    Object alternate(int row) {
        return alternates == null ? null : alternates[row];
    }

    Alternate alternateKind() {
        return alternate;
    }

    int rowCount() {
        return values.length;
    }

    /** Per-cell estimated bytes: the three slots a cell may use (value, text, second form) and what they hold. The
     *  column object and its array headers are part of {@link CachedResult#fixedBytes}. */
    long estimatedBytes() {
        long bytes = 0;
        for (int row = 0; row < values.length; row++) {
            bytes += cellBytes(values[row], texts == null ? null : texts[row],
                    alternates == null ? null : alternates[row]);
        }
        return bytes;
    }

    /** What one cell adds to a result's estimate; the capture counts rows with this same measure. */
    static long cellBytes(Object value, String differingText, Object alternate) {
        long bytes = 3L * SizeEstimates.REFERENCE + SizeEstimates.value(value);
        if (differingText != null) {
            bytes += SizeEstimates.string(differingText);
        }
        if (alternate != null && alternate != value) {
            // A driver that returns java.time from getObject gave the same object twice.
            bytes += SizeEstimates.value(alternate);
        }
        return bytes;
    }
}
