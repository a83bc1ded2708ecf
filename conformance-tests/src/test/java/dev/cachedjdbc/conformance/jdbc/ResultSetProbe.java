package dev.cachedjdbc.conformance.jdbc;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import java.util.UUID;

/**
 * Reads a whole result set through every getter, by index and by label, and writes down what each call gave
 * (see {@link Outcomes}) together with {@code wasNull} after it, one line per call: {@code <call> -> <outcome>}.
 * Two result sets that answer every getter alike give equal lists.
 */
final class ResultSetProbe {

    /** A zone with an offset no test machine has, so that a getter ignoring the calendar shows. */
    static final TimeZone CALENDAR_ZONE = TimeZone.getTimeZone("Pacific/Chatham");

    /** The getters read for every cell, each with the arguments after the column. */
    private static final List<Getter> GETTERS = List.of(
            new Getter("getString"),
            new Getter("getNString"),
            new Getter("getBoolean"),
            new Getter("getByte"),
            new Getter("getShort"),
            new Getter("getInt"),
            new Getter("getLong"),
            new Getter("getFloat"),
            new Getter("getDouble"),
            new Getter("getBigDecimal"),
            new Getter("getBytes"),
            new Getter("getDate"),
            new Getter("getTime"),
            new Getter("getTimestamp"),
            new Getter("getDate", Calendar.class),
            new Getter("getTime", Calendar.class),
            new Getter("getTimestamp", Calendar.class),
            new Getter("getObject"),
            new Getter("getArray"),
            new Getter("getCharacterStream"),
            new Getter("getBinaryStream"),
            new Getter("getAsciiStream"),
            new Getter("getBlob"),
            new Getter("getClob"),
            new Getter("getURL"),
            typed(String.class), typed(Boolean.class), typed(Short.class), typed(Integer.class), typed(Long.class),
            typed(Float.class), typed(Double.class), typed(BigDecimal.class), typed(byte[].class), typed(UUID.class),
            typed(LocalDate.class), typed(LocalTime.class), typed(LocalDateTime.class), typed(OffsetDateTime.class),
            typed(OffsetTime.class), typed(ZonedDateTime.class), typed(Instant.class), typed(java.sql.Date.class),
            typed(java.sql.Time.class), typed(java.sql.Timestamp.class), typed(Object.class));

    /** Between the call and its outcome in every line. */
    static final String SEPARATOR = " -> ";

    private ResultSetProbe() {
    }

    /** Every getter on every cell of every remaining row; leaves the result set after its last row. */
    static List<String> everyGetter(ResultSet resultSet) throws SQLException {
        ResultSetMetaData metaData = resultSet.getMetaData();
        int columns = metaData.getColumnCount();
        List<String> lines = new ArrayList<>();
        int row = 0;
        while (resultSet.next()) {
            row++;
            for (int column = 1; column <= columns; column++) {
                String label = metaData.getColumnLabel(column);
                for (Getter getter : GETTERS) {
                    String where = "row " + row + " " + label + " " + getter;
                    lines.add(where + " by index" + SEPARATOR + getter.read(resultSet, column));
                    lines.add(where + " by label" + SEPARATOR + getter.read(resultSet, label));
                }
            }
        }
        lines.add("rows: " + row);
        return lines;
    }

    /** The remaining rows by getObject and getString of every column: what a scenario needs to see of the data. */
    static List<String> values(ResultSet resultSet) throws SQLException {
        List<String> lines = new ArrayList<>();
        int columns = resultSet.getMetaData().getColumnCount();
        while (resultSet.next()) {
            StringBuilder line = new StringBuilder("row " + resultSet.getRow() + ":");
            for (int column = 1; column <= columns; column++) {
                int index = column;
                line.append(' ').append(Outcomes.of(() -> resultSet.getObject(index)))
                        .append(" \"").append(Outcomes.of(() -> resultSet.getString(index))).append('"');
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** Every property of every column. */
    static List<String> metaData(ResultSetMetaData metaData) throws SQLException {
        List<String> lines = new ArrayList<>();
        int columns = metaData.getColumnCount();
        lines.add("columns: " + columns);
        for (int column = 1; column <= columns; column++) {
            for (Method property : ResultSetMetaData.class.getMethods()) {
                if (property.getParameterCount() == 1 && property.getParameterTypes()[0] == int.class) {
                    int index = column;
                    lines.add("column " + column + " " + property.getName() + ": "
                            + Outcomes.of(() -> property.invoke(metaData, index)));
                }
            }
        }
        lines.sort(null);
        return lines;
    }

    private static Getter typed(Class<?> type) {
        return new Getter("getObject", Class.class, type);
    }

    /** One ResultSet getter with its arguments after the column. */
    private static final class Getter {
        private final String name;
        private final Class<?> argumentType;
        private final Object argument;

        Getter(String name) {
            this(name, null, null);
        }

        Getter(String name, Class<?> argumentType) {
            this(name, argumentType, Calendar.getInstance(CALENDAR_ZONE));
        }

        Getter(String name, Class<?> argumentType, Object argument) {
            this.name = name;
            this.argumentType = argumentType;
            this.argument = argument;
        }

        String read(ResultSet resultSet, Object column) {
            Class<?> columnType = column instanceof Integer ? int.class : String.class;
            String outcome = Outcomes.of(() -> {
                Method method = argumentType == null ? ResultSet.class.getMethod(name, columnType)
                        : ResultSet.class.getMethod(name, columnType, argumentType);
                if (argument instanceof Calendar calendar) {
                    // a fresh calendar each time: a driver may change the one it is given
                    Calendar fresh = Calendar.getInstance(calendar.getTimeZone());
                    return method.invoke(resultSet, column, fresh);
                }
                return argumentType == null ? method.invoke(resultSet, column)
                        : method.invoke(resultSet, column, argument);
            });
            return outcome + " wasNull=" + Outcomes.of(resultSet::wasNull);
        }

        @Override
        public String toString() {
            if (argumentType == null) {
                return name;
            }
            return name + "(" + (argument instanceof Class<?> type ? type.getSimpleName() : argumentType.getSimpleName())
                    + ")";
        }
    }
}
