package dev.cachedjdbc.conformance.jdbc;

import java.util.List;
import java.util.Map;

/** {@link TypeParityContract} on PostgreSQL with pgjdbc: every built-in type an application commonly reads. */
class PostgresTypeParityTest extends TypeParityContract {

    @Override
    Databases connectDatabases() {
        return Databases.postgres();
    }

    @Override
    List<String> columns() {
        return List.of("c_smallint", "c_int", "c_bigint", "c_numeric", "c_real", "c_double", "c_boolean", "c_char",
                "c_varchar", "c_text", "c_date", "c_time", "c_timetz", "c_timestamp", "c_timestamptz", "c_bytea",
                "c_uuid", "c_json", "c_jsonb", "c_int_array", "c_text_array", "c_interval");
    }

    @Override
    Map<String, String> knownDivergences() {
        return Map.of(
                "c_date getTime\\(Calendar\\)", "pgjdbc gives the calendar's reading of local midnight; the cache 00:00",
                "row 2 c_date get(Date|Timestamp)",
                "a date before the Gregorian reform: pgjdbc uses the Julian calendar, the cache the proleptic one",
                "row 2 c_time (getTimestamp|getTime\\(Calendar\\))",
                "24:00:00: pgjdbc gives midnight of the next day, the cache the last instant of the day",
                "row 2 c_timestamp(tz)? (getDate|getTimestamp\\(Calendar\\)|getObject\\(OffsetDateTime\\))",
                "'infinity' and '-infinity': pgjdbc's special values do not survive the cache's conversions",
                "row 2 c_timetz getDate\\(Calendar\\)", "a zoned time of day west of UTC read as a date in another zone",
                "row 2 c_varchar getByte", "pgjdbc reads the empty string as 0 in getByte only; the cache refuses it");
    }

    @Override
    List<String> createStatements() {
        return List.of("""
                create table cj_parity_types (
                  id int primary key,
                  c_smallint smallint, c_int int, c_bigint bigint, c_numeric numeric(12, 3), c_real real,
                  c_double double precision, c_boolean boolean, c_char char(5), c_varchar varchar(20), c_text text,
                  c_date date, c_time time, c_timetz timetz, c_timestamp timestamp, c_timestamptz timestamptz,
                  c_bytea bytea, c_uuid uuid, c_json json, c_jsonb jsonb, c_int_array int[], c_text_array text[],
                  c_interval interval)""",
                """
                insert into cj_parity_types values (1,
                  12, 123456, 9876543210, 1234.5, 1.5, 2.25, true, 'ab', 'plain', 'some text',
                  date '2024-02-29', time '13:14:15.123456', timetz '13:14:15+02', timestamp '2024-02-29 13:14:15.123456',
                  timestamptz '2024-02-29 13:14:15.123456+02', '\\x00ff10', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
                  '{"a": 1, "b": [true, null]}', '{"b": [true, null], "a": 1}', '{1,2,3}', '{"x","y z"}',
                  interval '1 year 2 months 3 days 04:05:06.789')""",
                """
                insert into cj_parity_types values (2,
                  -32768, -2147483648, 9223372036854775807, -999999999.999, 'NaN', '-Infinity', false, 'éü😀', '', '1',
                  date '0044-03-15 BC', time '24:00:00', timetz '00:00:00.000001-14:59',
                  timestamp 'infinity', timestamptz '-infinity', '\\x', '00000000-0000-0000-0000-000000000000',
                  '"\\u00e9 \\n"', '[]', '{{1,2},{3,NULL}}', '{NULL,"","NULL","a,b\\"c"}',
                  interval '-178000000 years -1 microsecond')""",
                "insert into cj_parity_types (id) values (3)");
    }
}
