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

    /** What the column is, shared by every entry of the statement that the driver described alike. */
    private final ColumnPlan plan;
    private final Object[] values;
    private final String[] texts;
    /** The second form per row; null when the column keeps none, whatever its plan says. */
    private final Object[] alternates;
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
    CachedColumn(ColumnPlan plan, Object[] values, String[] texts, Object[] alternates) {
        this(plan, values, texts, alternates, false);
    }

    /** @param zoneDependent whether the values are java.sql local dates and times made in the JVM's zone at read */
    CachedColumn(ColumnPlan plan, Object[] values, String[] texts, Object[] alternates, boolean zoneDependent) {
        this.zoneDependent = zoneDependent && alternates != null;
        this.plan = plan;
        this.values = values;
        this.texts = texts;
        this.alternates = alternates;
    }

    /** The column's {@link java.sql.Types} code as the driver reported it. */
    int sqlType() {
        return plan.sqlType();
    }

    String typeName() {
        return plan.typeName();
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
        return derivedText(value, plan.conventions());
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
        return alternates == null ? Alternate.NONE : plan.alternate();
    }

    int rowCount() {
        return values.length;
    }

    /** The estimated bytes of the column object itself: a header, four references and a flag. */
    static final long OWN_BYTES = SizeEstimates.padded(SizeEstimates.OBJECT_HEADER + 4L * SizeEstimates.REFERENCE + 1);

    /**
     * Estimated bytes of the column's cells: the arrays holding them (the texts and second forms only where the
     * column has them) and what each cell holds. The column object itself is part of {@link CachedResult#fixedBytes}.
     */
    long estimatedBytes() {
        long bytes = arrayBytes();
        for (int row = 0; row < values.length; row++) {
            bytes += cellBytes(values[row], texts == null ? null : texts[row],
                    alternates == null ? null : alternates[row]);
        }
        return bytes;
    }

    /** The estimated bytes of the arrays holding the cells, without what the cells hold. */
    long arrayBytes() {
        long slots = SizeEstimates.array(values.length);
        if (texts != null) {
            slots += SizeEstimates.array(texts.length);
        }
        if (alternates != null) {
            slots += SizeEstimates.array(alternates.length);
        }
        return slots;
    }

    /**
     * What one cell's contents add to a result's estimate: its value, its own text where one was kept, and its second
     * form. The capture counts rows with this same measure; the references to them are in {@link #arrayBytes}.
     */
    static long cellBytes(Object value, String differingText, Object alternate) {
        long bytes = SizeEstimates.value(value);
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
