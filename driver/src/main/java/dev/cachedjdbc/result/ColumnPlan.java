package dev.cachedjdbc.result;

import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.util.Locale;

/**
 * What to read from the driver for each cell of a column besides getObject and getString, decided once from the
 * column's metadata: the java.time form for date/time columns, the bytes for binary ones.
 */
final class ColumnPlan {

    private final int sqlType;
    private final String typeName;
    private final CachedColumn.Alternate alternate;
    private final Class<?> temporalClass;
    /** Cleared when the driver refuses the java.time form, so a large result does not pay for a refusal per row. */
    private boolean driverGivesTemporal = true;

    private ColumnPlan(int sqlType, String typeName, CachedColumn.Alternate alternate, Class<?> temporalClass) {
        this.sqlType = sqlType;
        this.typeName = typeName;
        this.alternate = alternate;
        this.temporalClass = temporalClass;
    }

    static ColumnPlan of(int sqlType, String typeName) {
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
            return new ColumnPlan(sqlType, typeName, CachedColumn.Alternate.TEMPORAL, temporalClass);
        }
        boolean binary = sqlType == Types.BINARY || sqlType == Types.VARBINARY || sqlType == Types.LONGVARBINARY;
        return new ColumnPlan(sqlType, typeName, binary ? CachedColumn.Alternate.BYTES : CachedColumn.Alternate.NONE,
                null);
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

    boolean driverGivesTemporal() {
        return driverGivesTemporal;
    }

    void driverRefusedTemporal() {
        driverGivesTemporal = false;
    }
}
