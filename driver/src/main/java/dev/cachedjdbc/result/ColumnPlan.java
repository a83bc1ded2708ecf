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

    private final CachedColumn.Alternate alternate;
    private final Class<?> temporalClass;
    /** Cleared when the driver refuses the java.time form, so a large result does not pay for a refusal per row. */
    private boolean driverGivesTemporal = true;

    private ColumnPlan(CachedColumn.Alternate alternate, Class<?> temporalClass) {
        this.alternate = alternate;
        this.temporalClass = temporalClass;
    }

    static ColumnPlan of(int sqlType, String typeName) {
        String name = typeName.toLowerCase(Locale.ROOT);
        boolean zoned = name.endsWith("tz") || name.contains("with time zone");
        return switch (sqlType) {
            case Types.DATE -> temporal(LocalDate.class);
            case Types.TIME -> temporal(zoned ? OffsetTime.class : LocalTime.class);
            case Types.TIME_WITH_TIMEZONE -> temporal(OffsetTime.class);
            case Types.TIMESTAMP -> temporal(zoned ? OffsetDateTime.class : LocalDateTime.class);
            case Types.TIMESTAMP_WITH_TIMEZONE -> temporal(OffsetDateTime.class);
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY ->
                new ColumnPlan(CachedColumn.Alternate.BYTES, null);
            default -> new ColumnPlan(CachedColumn.Alternate.NONE, null);
        };
    }

    private static ColumnPlan temporal(Class<?> temporalClass) {
        return new ColumnPlan(CachedColumn.Alternate.TEMPORAL, temporalClass);
    }

    CachedColumn.Alternate alternate() {
        return alternate;
    }

    Class<?> temporalClass() {
        return temporalClass;
    }

    boolean driverGivesTemporal() {
        return driverGivesTemporal;
    }

    void driverRefusedTemporal() {
        driverGivesTemporal = false;
    }
}
