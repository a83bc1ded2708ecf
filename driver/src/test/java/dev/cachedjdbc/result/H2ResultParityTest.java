package dev.cachedjdbc.result;

import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.h2.util.DateTimeUtils;

class H2ResultParityTest extends ResultParityContract {

    private final String url = TestDatabases.uniqueH2Url("rs");

    @Override
    Connection connect() throws SQLException {
        return DriverManager.getConnection(url);
    }

    /** H2 remembers the JVM's zone from its first use until told to forget it. */
    @Override
    void jvmZoneChanged() {
        DateTimeUtils.resetCalendar();
    }

    @Override
    String uniqueTableName() {
        return "rs_parity";
    }

    @Override
    String createTable(String table) {
        return "CREATE TABLE " + table + " (id INT PRIMARY KEY, i2 SMALLINT, i4 INTEGER, i8 BIGINT,"
                + " num NUMERIC(12,3), r REAL, d DOUBLE PRECISION, b BOOLEAN, c CHAR(5), vc VARCHAR(20),"
                + " t VARCHAR, dt DATE, tm TIME(6), tmtz TIME(6) WITH TIME ZONE, ts TIMESTAMP(6),"
                + " tstz TIMESTAMP(6) WITH TIME ZONE, bin VARBINARY(16), u UUID, j JSON, ia INTEGER ARRAY,"
                + " ta VARCHAR ARRAY, digits VARCHAR(20))";
    }

    @Override
    List<String> insertRows(String table) {
        String insert = "INSERT INTO " + table + " VALUES ";
        return List.of(
                insert + "(1, 7, 42, 9000000000, 12.345, 1.5, 2.25, TRUE, 'ab', 'hello', '123', DATE '2024-02-29',"
                        + " TIME '13:14:15.123456', TIME WITH TIME ZONE '13:14:15+02',"
                        + " TIMESTAMP '2024-02-29 13:14:15.123456',"
                        + " TIMESTAMP WITH TIME ZONE '2024-02-29 13:14:15.123456+02', X'0102ff',"
                        + " 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', JSON '{\"a\": 1}', ARRAY[1, 2, NULL],"
                        + " ARRAY['x', 'y z'], '1.5')",
                insert + "(2, -7, -42, -9000000000, -12.5, -1.5, -2.5, FALSE, 'x', '', 'hello world',"
                        + " DATE '1969-07-20', TIME '00:00:00', TIME WITH TIME ZONE '23:59:59.5-05',"
                        + " TIMESTAMP '1999-12-31 23:59:59.999999',"
                        + " TIMESTAMP WITH TIME ZONE '2000-01-01 00:00:00+05:30', X'', "
                        + " '00000000-0000-0000-0000-000000000000', JSON '[]', ARRAY[], ARRAY[NULL, ''],"
                        + " '-17')",
                insert + "(3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
                        + " NULL, NULL, NULL, NULL, NULL, NULL, NULL)",
                insert + "(4, 32767, 2147483647, 9223372036854775807, 123456789.999, 1.1, 1e20, TRUE, 'abcde',"
                        + " '1', '0', DATE '2024-03-31', TIME '23:59:59.999999', TIME WITH TIME ZONE '00:00:00Z',"
                        + " TIMESTAMP '2024-03-31 02:30:00', TIMESTAMP WITH TIME ZONE '2024-03-31 02:30:00-08',"
                        + " X'00', 'ffffffff-ffff-ffff-ffff-ffffffffffff', JSON '\"text\"', ARRAY[2147483647],"
                        + " ARRAY['true'], '2.5')",
                insert + "(5, 0, 0, 0, 0.5, 0.5, -0.5, FALSE, ' ', 'true', 'f', DATE '0001-01-01',"
                        + " TIME '12:00:00', TIME WITH TIME ZONE '12:00:00+14', TIMESTAMP '2026-09-27 02:45:00',"
                        + " TIMESTAMP WITH TIME ZONE '2026-09-27 02:45:00+12:45', X'ff', "
                        + " '123e4567-e89b-12d3-a456-426614174000', JSON 'null', ARRAY[-1], ARRAY[],"
                        + " '2024-01-02 03:04:05')");
    }

    @Override
    Map<String, String> deliberateDifferences() {
        String binaryAsNumber = "H2 reads a one-byte binary as a TINYINT; a cached result refuses numbers from binary"
                + " columns rather than guess at the encoding of longer ones";
        return Map.of("bin getByte", binaryAsNumber, "bin getObject(Byte)", binaryAsNumber);
    }
}
