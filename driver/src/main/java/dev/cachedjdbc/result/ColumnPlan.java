package dev.cachedjdbc.result;

import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.util.Locale;

/**
 * What a column of a result is and what to read from the driver for each of its cells besides getObject and getString,
 * decided once from the column's metadata: the java.time form for date/time columns, the bytes for binary ones.
 * Immutable: every entry of one statement whose driver describes the columns alike shares one (see
 * {@link ResultShape}), and its cells refer to it rather than each keeping a copy of the type.
 */
final class ColumnPlan {

    private final int sqlType;
    private final String typeName;
    private final CachedColumn.Alternate alternate;
    private final Class<?> temporalClass;
    private final SourceConventions conventions;

    private ColumnPlan(int sqlType, String typeName, CachedColumn.Alternate alternate, Class<?> temporalClass,
            SourceConventions conventions) {
        this.sqlType = sqlType;
        this.typeName = typeName;
        this.alternate = alternate;
        this.temporalClass = temporalClass;
        this.conventions = conventions;
    }

    /** A column that keeps nothing besides its values, as results built here rather than by a driver have. */
    static ColumnPlan valuesOnly(int sqlType, String typeName, SourceConventions conventions) {
        return new ColumnPlan(sqlType, typeName, CachedColumn.Alternate.NONE, null, conventions);
    }

    static ColumnPlan of(int sqlType, String typeName, SourceConventions conventions) {
        String name = typeName.toLowerCase(Locale.ROOT);
        boolean zoned = name.endsWith("tz") || name.contains("with time zone");
        Class<?> temporalClass = switch (sqlType) {
            case Types.DATE -> LocalDate.class;
            case Types.TIME -> zoned ? OffsetTime.class : LocalTime.class;
            case Types.TIME_WITH_TIMEZONE -> OffsetTime.class;
            case Types.TIMESTAMP -> zoned ? OffsetDateTime.class : LocalDateTime.class;
            case Types.TIMESTAMP_WITH_TIMEZONE -> OffsetDateTime.class;
            default -> null;
        };
        if (temporalClass != null) {
            return new ColumnPlan(sqlType, typeName, CachedColumn.Alternate.TEMPORAL, temporalClass, conventions);
        }
        boolean binary = sqlType == Types.BINARY || sqlType == Types.VARBINARY || sqlType == Types.LONGVARBINARY;
        return new ColumnPlan(sqlType, typeName, binary ? CachedColumn.Alternate.BYTES : CachedColumn.Alternate.NONE,
                null, conventions);
    }

    int sqlType() {
        return sqlType;
    }

    String typeName() {
        return typeName;
    }

    CachedColumn.Alternate alternate() {
        return alternate;
    }

    Class<?> temporalClass() {
        return temporalClass;
    }

    /**
     * Whether the column holds local date/time fields (a date, a time or a timestamp without zone), which a driver
     * turns into java.sql values in the JVM's zone of the moment.
     */
    boolean localTemporal() {
        return temporalClass == LocalDate.class || temporalClass == LocalTime.class
                || temporalClass == LocalDateTime.class;
    }

    /** The conventions of the driver that reported the column. */
    SourceConventions conventions() {
        return conventions;
    }

    /** Estimated heap use of the plan itself; its type name is the metadata's. */
    static long estimatedBytes() {
        return SizeEstimates.OBJECT_HEADER + 4L * SizeEstimates.REFERENCE + 8;
    }
}
