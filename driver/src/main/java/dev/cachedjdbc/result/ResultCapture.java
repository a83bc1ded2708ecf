package dev.cachedjdbc.result;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Objects;
import java.util.TimeZone;

/**
 * Reads a driver's result set into a {@link CachedResult}, within limits on rows and estimated bytes. Per cell it keeps
 * getObject (read through the typed getter where a known driver's getObject is just that), getString where that differs
 * from the value's own text, and for date/time and binary columns the java.time form or the bytes, so that a hit can
 * answer every getter as the driver would have.
 */
public final class ResultCapture {

    private ResultCapture() {
    }

    /**
     * Reads {@code delegate} to its end, buffering at most {@code maxRows} rows and {@code maxBytes} estimated bytes.
     * When everything fits, the delegate is closed and the outcome holds a {@link CachedResult}. When a limit is
     * crossed, or a value turns up that cannot be kept, the outcome holds no result and instead a result set for the
     * caller that replays the buffered rows and then continues streaming from the still-open delegate: the query is
     * never executed twice and never buffered whole.
     *
     * @param owner what {@code getStatement()} of a pass-through result set returns
     * @throws SQLException only what the driver threw while moving to the next row, unchanged; the delegate is then
     *                      closed
     */
    public static CaptureOutcome capture(ResultSet delegate, Statement owner, int maxRows, long maxBytes)
            throws SQLException {
        return capture(delegate, owner, null, maxRows, maxBytes);
    }

    /**
     * As {@link #capture(ResultSet, Statement, int, long)}, for a statement that learns when the application closes
     * a result set that is not cached.
     *
     * @param issuer the statement's side, told when the application closes the result set handed back; null for none
     */
    public static CaptureOutcome capture(ResultSet delegate, Statement owner, IssuingStatement issuer, int maxRows,
            long maxBytes) throws SQLException {
        return capture(delegate, owner, issuer, maxRows, maxBytes, null, null, JvmClock.SYSTEM);
    }

    /**
     * As {@link #capture(ResultSet, Statement, IssuingStatement, int, long)}, for the results of one statement: the
     * result shares the shape (metadata, column plans, label index) its statement's last result had when the driver
     * describes the columns the same way, and otherwise leaves its own shape in {@code shapes} for the next one.
     *
     * @param shapes    where the statement's last shape is kept
     * @param statement the statement's text, as it names the statement in {@code shapes}
     */
    public static CaptureOutcome capture(ResultSet delegate, Statement owner, IssuingStatement issuer, int maxRows,
            long maxBytes, ResultShapes shapes, String statement) throws SQLException {
        return capture(delegate, owner, issuer, maxRows, maxBytes, shapes, statement, JvmClock.SYSTEM);
    }

    /**
     * As {@link #capture(ResultSet, Statement, IssuingStatement, int, long, ResultShapes, String)}, reading the JVM's
     * zone and the current instant from {@code clock}, while capturing and whenever the result is read; with
     * {@code shapes} null the result has a shape of its own.
     */
    static CaptureOutcome capture(ResultSet delegate, Statement owner, IssuingStatement issuer, int maxRows,
            long maxBytes, ResultShapes shapes, String statement, JvmClock clock) throws SQLException {
        ResultShape held = shapes == null ? null : shapes.last(statement);
        ResultShape shape;
        try {
            ResultSetMetaData sourceMetaData = delegate.getMetaData();
            CachedResultSetMetaData metaData = CachedResultSetMetaData.capture(sourceMetaData,
                    held == null ? null : held.metaData());
            shape = ResultShape.of(metaData, SourceConventions.of(delegate, sourceMetaData), held);
        } catch (SQLException | RuntimeException e) {
            return CaptureOutcome.uncached(delegate, UncachedReason.UNREADABLE,
                    "the result's metadata could not be read: " + e);
        }
        CaptureOutcome outcome = new Capture(delegate, owner, issuer, shape, shape != held, maxRows, maxBytes, clock)
                .run();
        if (shapes != null && shape != held && outcome.isCached()) {
            shapes.remember(statement, shape);
        }
        return outcome;
    }

    /** The state of one capture: the column buffers and the running size. */
    private static final class Capture {

        /** How a cell's value is read: getObject, or the typed getter whose value getObject would have boxed. */
        private static final byte BY_GET_OBJECT = 0;
        private static final byte BY_GET_INT = 1;
        private static final byte BY_GET_LONG = 2;
        private static final byte BY_GET_STRING = 3;

        private final ResultSet delegate;
        private final Statement owner;
        private final IssuingStatement issuer;
        private final ResultShape shape;
        private final SourceConventions conventions;
        private final int maxRows;
        private final long maxBytes;
        private final int columnCount;
        private final ColumnPlan[] plans;
        private final byte[] reads;
        /** Set for a column once the driver refused its java.time form, so that a large result pays once, not per row. */
        private final boolean[] temporalRefused;
        private final ColumnBuffer[] buffers;
        /** The row being read; copied into the buffers only once it is known to fit. */
        private final Object[] rowValues;
        private final String[] rowTexts;
        private final Object[] rowAlternates;
        private int rows;
        /**
         * The running estimate for the limit: the result's fixed part, its shape where this capture made it, every
         * cell's contents and a reference per slot; {@link #cellContentBytes} is the part the cells hold.
         */
        private long bytes;
        private long cellContentBytes;
        private final long shapeBytes;
        /** The JVM's zone while the rows are read, for date and time conversions; null when no column has dates. */
        private final TimeZone loadZone;
        /** Where the result, once built, reads the JVM's zone and the current instant. */
        private final JvmClock clock;

        /** @param ownShape whether this capture made the shape, so that its result's estimate counts it */
        Capture(ResultSet delegate, Statement owner, IssuingStatement issuer, ResultShape shape, boolean ownShape,
                int maxRows, long maxBytes, JvmClock clock) {
            this.delegate = delegate;
            this.owner = owner;
            this.issuer = issuer;
            this.shape = shape;
            this.conventions = shape.conventions();
            this.maxRows = maxRows;
            this.maxBytes = maxBytes;
            this.clock = clock;
            this.columnCount = shape.columnCount();
            this.plans = new ColumnPlan[columnCount];
            this.reads = new byte[columnCount];
            this.temporalRefused = new boolean[columnCount];
            this.buffers = new ColumnBuffer[columnCount];
            long emptyArrays = 0;
            for (int i = 0; i < columnCount; i++) {
                plans[i] = shape.plan(i);
                reads[i] = readFor(plans[i].sqlType(), conventions);
                boolean keepsAlternates = plans[i].alternate() != CachedColumn.Alternate.NONE;
                buffers[i] = new ColumnBuffer(keepsAlternates);
                emptyArrays += SizeEstimates.array(0) * (keepsAlternates ? 2 : 1);
            }
            this.rowValues = new Object[columnCount];
            this.rowTexts = new String[columnCount];
            this.rowAlternates = new Object[columnCount];
            this.shapeBytes = ownShape ? shape.estimatedBytes() : 0;
            this.bytes = CachedResult.fixedBytes(columnCount) + shapeBytes + emptyArrays;
            boolean anyTemporal = false;
            for (ColumnPlan plan : plans) {
                anyTemporal |= plan.alternate() == CachedColumn.Alternate.TEMPORAL;
            }
            this.loadZone = anyTemporal || conventions.convertsInSessionZone() ? clock.timeZone() : null;
        }

        /**
         * pgjdbc and H2 answer getObject of an INTEGER, BIGINT or character column with exactly what getInt, getLong
         * or getString gives (boxed, or null where wasNull); asking those directly spares pgjdbc a type lookup under
         * a lock per cell. Other drivers are asked for getObject.
         */
        private static byte readFor(int sqlType, SourceConventions conventions) {
            if (conventions == SourceConventions.GENERIC) {
                return BY_GET_OBJECT;
            }
            return switch (sqlType) {
                case Types.INTEGER -> BY_GET_INT;
                case Types.BIGINT -> BY_GET_LONG;
                case Types.VARCHAR, Types.CHAR -> BY_GET_STRING;
                default -> BY_GET_OBJECT;
            };
        }

        private Object read(int column) throws SQLException {
            switch (reads[column - 1]) {
                case BY_GET_INT: {
                    int value = delegate.getInt(column);
                    return delegate.wasNull() ? null : Integer.valueOf(value);
                }
                case BY_GET_LONG: {
                    long value = delegate.getLong(column);
                    return delegate.wasNull() ? null : Long.valueOf(value);
                }
                case BY_GET_STRING:
                    return delegate.getString(column);
                default:
                    return delegate.getObject(column);
            }
        }

        CaptureOutcome run() throws SQLException {
            while (advance()) {
                if (rows >= maxRows) {
                    return passThrough(UncachedReason.TOO_MANY_ROWS, "more than " + maxRows + " rows");
                }
                long rowContentBytes;
                try {
                    rowContentBytes = readRow();
                } catch (UnsnapshottableValueException e) {
                    return passThrough(UncachedReason.UNCACHEABLE_VALUE, e.getMessage());
                } catch (SQLException | RuntimeException e) {
                    // A getter the caller might never have called failed; the caller still gets the result.
                    return passThrough(UncachedReason.UNREADABLE, "reading row " + (rows + 1) + " failed: " + e);
                }
                long rowBytes = rowContentBytes + rowSlotBytes();
                if (bytes + rowBytes > maxBytes) {
                    return passThrough(UncachedReason.TOO_MANY_BYTES, "more than " + maxBytes + " estimated bytes");
                }
                for (int i = 0; i < columnCount; i++) {
                    buffers[i].add(rowValues[i], rowTexts[i], rowAlternates[i]);
                }
                bytes += rowBytes;
                cellContentBytes += rowContentBytes;
                rows++;
            }
            delegate.close();
            return CaptureOutcome.cached(build());
        }

        private boolean advance() throws SQLException {
            try {
                return delegate.next();
            } catch (SQLException e) {
                closeQuietly();
                throw e;
            }
        }

        /** The references the row just read takes in the column arrays. */
        private long rowSlotBytes() {
            long slots = columnCount;
            for (int i = 0; i < columnCount; i++) {
                if (rowTexts[i] != null) {
                    slots++;
                }
                if (plans[i].alternate() != CachedColumn.Alternate.NONE) {
                    slots++;
                }
            }
            return slots * SizeEstimates.REFERENCE;
        }

        /** Reads the current row into the row arrays; returns the estimated size of what its cells hold. */
        private long readRow() throws SQLException, UnsnapshottableValueException {
            long rowBytes = 0;
            for (int i = 0; i < columnCount; i++) {
                int column = i + 1;
                Object raw = read(column);
                if (raw == null) {
                    rowValues[i] = null;
                    rowTexts[i] = null;
                    rowAlternates[i] = null;
                } else {
                    Object value = ValueSnapshots.snapshot(raw);
                    rowValues[i] = value;
                    if (conventions.textIsOwnRendering(value)) {
                        rowTexts[i] = null;
                    } else {
                        String text = delegate.getString(column);
                        // A java.util.Date renders in the JVM's zone of the moment, not in the one the driver's
                        // text was made in: its text is kept even where it reads the same today.
                        boolean rendersAlike = !(value instanceof java.util.Date)
                                && Objects.equals(text, CachedColumn.derivedText(value, conventions));
                        rowTexts[i] = rendersAlike ? null : text;
                    }
                    rowAlternates[i] = readAlternate(column, i, value);
                }
                rowBytes += CachedColumn.cellBytes(rowValues[i], rowTexts[i], rowAlternates[i]);
            }
            return rowBytes;
        }

        private Object readAlternate(int column, int index, Object value)
                throws SQLException, UnsnapshottableValueException {
            ColumnPlan plan = plans[index];
            switch (plan.alternate()) {
                case BYTES:
                    return value instanceof byte[] ? null : ValueSnapshots.snapshot(delegate.getBytes(column));
                case TEMPORAL:
                    Class<?> temporalClass = plan.temporalClass();
                    if (temporalClass.isInstance(value)) {
                        return value;
                    }
                    if (!temporalRefused[index]) {
                        try {
                            return ValueSnapshots.snapshot(delegate.getObject(column, temporalClass));
                        } catch (SQLException | RuntimeException e) {
                            temporalRefused[index] = true;
                        }
                    }
                    return temporalFrom(value, temporalClass);
                default:
                    return null;
            }
        }

        /** The java.time form of a java.sql value, for drivers that cannot give one themselves. */
        private static Object temporalFrom(Object value, Class<?> temporalClass) {
            if (value instanceof Timestamp timestamp) {
                if (temporalClass == LocalDateTime.class) {
                    return timestamp.toLocalDateTime();
                }
                if (temporalClass == OffsetDateTime.class) {
                    return timestamp.toInstant().atOffset(ZoneOffset.UTC);
                }
            }
            if (value instanceof java.sql.Date date && temporalClass == LocalDate.class) {
                return date.toLocalDate();
            }
            if (value instanceof Time time && temporalClass == LocalTime.class) {
                return time.toLocalTime();
            }
            return null;
        }

        /** The result of the rows read so far; its estimate counts the arrays as they are, not the running bound. */
        private CachedResult build() {
            CachedColumn[] columns = new CachedColumn[columnCount];
            long estimate = CachedResult.fixedBytes(columnCount) + shapeBytes + cellContentBytes;
            for (int i = 0; i < columnCount; i++) {
                columns[i] = buffers[i].toColumn(rows, plans[i], conventions);
                estimate += columns[i].arrayBytes();
            }
            return new CachedResult(shape, columns, rows, estimate, loadZone, clock);
        }

        /** Leaves the driver on the row capture stopped on; the caller reads it, and the rest, from there. */
        private CaptureOutcome passThrough(UncachedReason reason, String detail) {
            ResultSet replaying = new ReplayingResultSet(build(), delegate, owner, issuer, true);
            return CaptureOutcome.uncached(replaying, reason, detail);
        }

        private void closeQuietly() {
            try {
                delegate.close();
            } catch (SQLException | RuntimeException ignored) {
                // The caller gets the error that mattered; the one from closing adds nothing.
            }
        }
    }

    /** The growing cells of one column during a capture. */
    private static final class ColumnBuffer {

        private Object[] values = new Object[16];
        private String[] texts;
        private Object[] alternates;
        private int size;
        /** Whether a value is a java.util.Date (a java.sql date, time or timestamp). */
        private boolean holdsDates;

        ColumnBuffer(boolean keepsAlternates) {
            if (keepsAlternates) {
                alternates = new Object[16];
            }
        }

        void add(Object value, String text, Object alternate) {
            if (size == values.length) {
                int capacity = size * 2;
                values = Arrays.copyOf(values, capacity);
                if (texts != null) {
                    texts = Arrays.copyOf(texts, capacity);
                }
                if (alternates != null) {
                    alternates = Arrays.copyOf(alternates, capacity);
                }
            }
            values[size] = value;
            holdsDates |= value instanceof java.util.Date;
            if (text != null) {
                if (texts == null) {
                    texts = new String[values.length];
                }
                texts[size] = text;
            }
            if (alternates != null) {
                alternates[size] = alternate;
            }
            size++;
        }

        CachedColumn toColumn(int rows, ColumnPlan plan, SourceConventions conventions) {
            boolean zoneDependent = holdsDates && plan.localTemporal() && !conventions.convertsInSessionZone();
            return new CachedColumn(plan, exactly(values, rows), exactly(texts, rows), exactly(alternates, rows),
                    zoneDependent);
        }

        /** The first {@code rows} cells; the buffer itself when it holds exactly those, as it is not written again. */
        private static <T> T[] exactly(T[] cells, int rows) {
            return cells == null || cells.length == rows ? cells : Arrays.copyOf(cells, rows);
        }
    }
}
