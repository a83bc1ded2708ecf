package dev.cachedjdbc.result;

import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

class PostgresResultParityTest extends ResultParityContract {

    @Override
    Connection connect() throws SQLException {
        return TestDatabases.postgres();
    }

    @Override
    String uniqueTableName() {
        return "rs_parity_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
    }

    @Override
    String createTable(String table) {
        return "CREATE TABLE " + table + " (id int PRIMARY KEY, i2 smallint, i4 integer, i8 bigint,"
                + " num numeric(12,3), r real, d double precision, b boolean, c char(5), vc varchar(20), t text,"
                + " dt date, tm time, tmtz timetz, ts timestamp, tstz timestamptz, bin bytea, u uuid, j json,"
                + " jb jsonb, ia int[], ta text[], iv interval, digits varchar(20))";
    }

    @Override
    List<String> insertRows(String table) {
        String insert = "INSERT INTO " + table + " VALUES ";
        return List.of(
                insert + "(1, 7, 42, 9000000000, 12.345, 1.5, 2.25, true, 'ab', 'hello', '123', '2024-02-29',"
                        + " '13:14:15.123456', '13:14:15+02', '2024-02-29 13:14:15.123456',"
                        + " '2024-02-29 13:14:15.123456+02', '\\x0102ff', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',"
                        + " '{\"a\": 1}', '{\"a\": 1}', '{1,2,NULL}', '{x,\"y z\"}', '1 day 02:03:04', '1.5')",
                insert + "(2, -7, -42, -9000000000, -12.5, -1.5, -2.5, false, 'x', '', 'hello world', '1969-07-20',"
                        + " '00:00:00', '23:59:59.5-05', '1999-12-31 23:59:59.999999', '2000-01-01 00:00:00+05:30',"
                        + " '\\x', '00000000-0000-0000-0000-000000000000', '[]', '{\"b\": [1, 2]}', '{}',"
                        + " '{NULL,\"\"}', '-1 mons 3 days', '-17')",
                insert + "(3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
                        + " NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)",
                insert + "(4, 32767, 2147483647, 9223372036854775807, 123456789.999, 1.1, 1e20, true, 'abcde', '1',"
                        + " '0', '2024-03-31', '23:59:59.999999', '00:00:00Z', '2024-03-31 02:30:00',"
                        + " '2024-03-31 02:30:00-08', '\\x00', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '\"text\"',"
                        + " 'null', '{2147483647}', '{true}', '00:00:00.5', '2.5')",
                insert + "(5, 0, 0, 0, 0.5, 0.5, -0.5, false, ' ', 'true', 'f', '0001-01-01', '12:00:00',"
                        + " '12:00:00+14', '2026-09-27 02:45:00', '2026-09-27 02:45:00+12:45', '\\xff',"
                        + " '123e4567-e89b-12d3-a456-426614174000', 'null', '[1, \"x\"]', '{-1}', '{}',"
                        + " '1 year 2 mons', '2024-01-02 03:04:05')",
                insert + "(6, 1, 1, 1, 'NaN', 'Infinity', '-Infinity', true, 'z', 'NaN', 'infinity', 'infinity',"
                        + " '24:00:00', '24:00:00+00', 'infinity', '-infinity', '\\x5c', "
                        + " '123e4567-e89b-12d3-a456-426614174001', '{}', '{}', '{{1,2},{3,4}}', '{\"a,b\",\"c\\\"d\"}',"
                        + " '0', '1e3')");
    }

    @Override
    Map<String, String> deliberateDifferences() {
        return Map.of();
    }
}
