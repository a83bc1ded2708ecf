package dev.cachedjdbc.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class CachedResultEstimateTest {

    @Test
    void theEstimateGrowsWithWhatTheCellsHoldAndCoversIt() throws SQLException {
        try (H2Results h2 = new H2Results()) {
            h2.execute("CREATE TABLE sized (id INT, text VARCHAR(5000), bin VARBINARY(5000), num NUMERIC(60, 0))");
            h2.execute("INSERT INTO sized SELECT x, REPEAT('a', 10), X'00', 1 FROM SYSTEM_RANGE(1, 100)");
            long small = h2.capture("SELECT * FROM sized").estimatedBytes();

            h2.execute("UPDATE sized SET text = REPEAT('a', 4000)");
            long longText = h2.capture("SELECT * FROM sized").estimatedBytes();
            // 100 rows of 3990 more characters, at one byte a character where the JVM keeps Latin-1 text compact
            // (HotSpot's default), give or take the padding of each object to 8 bytes.
            long latin1 = JvmLayout.COMPACT_STRINGS ? 1 : 2;
            assertThat(longText - small).isBetween(100 * (3990 * latin1 - 8), 100 * (3990 * latin1 + 8));

            h2.execute("UPDATE sized SET text = REPEAT('\u0101', 4000)");
            long wideText = h2.capture("SELECT * FROM sized").estimatedBytes();
            assertThat(wideText - small).as("text beyond Latin-1 takes two bytes a character")
                    .isBetween(100 * (3990 * 2L - 8), 100 * (3990 * 2L + 8));
            h2.execute("UPDATE sized SET text = REPEAT('a', 4000)");

            h2.execute("UPDATE sized SET bin = CAST(REPEAT('b', 3000) AS VARBINARY(5000))");
            long longBinary = h2.capture("SELECT * FROM sized").estimatedBytes();
            assertThat(longBinary - longText).isBetween(100 * (2999L - 8), 100 * (2999L + 8));

            h2.execute("UPDATE sized SET num = POWER(CAST(10 AS NUMERIC(60, 0)), 59)");
            long bigNumbers = h2.capture("SELECT * FROM sized").estimatedBytes();
            assertThat(bigNumbers).isGreaterThan(longBinary);

            assertThat(h2.capture("SELECT * FROM sized").estimatedBytes())
                    .as("the same result gives the same estimate").isEqualTo(bigNumbers);
        }
    }

    @Test
    void anEmptyResultStillCountsItsMetadata() throws SQLException {
        try (H2Results h2 = new H2Results().numbered("numbers", 1)) {
            long oneColumn = h2.capture("SELECT id FROM numbers WHERE id < 0").estimatedBytes();
            long twoColumns = h2.capture("SELECT id, label FROM numbers WHERE id < 0").estimatedBytes();
            assertThat(oneColumn).isPositive();
            assertThat(twoColumns).isGreaterThan(oneColumn);
        }
    }

    @Test
    void aDecimalCountsTheMagnitudeOfItsUnscaledValueWithoutBuildingIt() {
        String[] decimals = {"0", "0.00", "-0.5", "1", "12.50", "-2147483648", "4294967296", "999999999999999999",
                "-999999999999999999", "1000000000000000000", "0.000000000000000001", "1E+40", "-1E-40",
                "123456789012345678901234567890.123456789", "18446744073709551616"};
        for (String text : decimals) {
            BigDecimal decimal = new BigDecimal(text);
            BigInteger unscaled = decimal.unscaledValue();
            // A BigInteger's magnitude holds an int for every 32 bits, and one for -1, whose bitLength is 0.
            long ints = unscaled.signum() == 0 ? 0 : Math.max(1, (unscaled.bitLength() + 31) / 32);
            long magnitude = SizeEstimates.padded(40 + 16 + 4L * ints);
            assertThat(SizeEstimates.value(decimal)).as(text).isEqualTo(40 + magnitude);
        }
    }

    @Test
    void theEstimateSummedWhileCapturingIsTheOneTheColumnsGive() throws SQLException {
        try (H2Results h2 = new H2Results()) {
            h2.execute("CREATE TABLE mixed (id INT, text VARCHAR(100), num NUMERIC(30, 3), bin VARBINARY(10),"
                    + " ts TIMESTAMP, flag BOOLEAN)");
            h2.execute("INSERT INTO mixed SELECT x, CASE WHEN MOD(x, 4) = 0 THEN NULL ELSE REPEAT('t', x) END,"
                    + " x * 1234567890123.125, CAST(REPEAT('b', MOD(x, 10)) AS VARBINARY(10)),"
                    + " TIMESTAMP '2024-01-01 00:00:00' + x * INTERVAL '1' HOUR, MOD(x, 2) = 0"
                    + " FROM SYSTEM_RANGE(1, 50)");
            CachedResult result = h2.capture("SELECT * FROM mixed");
            CachedColumn[] columns = new CachedColumn[result.columnCount()];
            for (int i = 0; i < columns.length; i++) {
                columns[i] = result.column(i + 1);
            }
            assertThat(result.estimatedBytes()).as("the rows and, as this capture made it, the shape")
                    .isEqualTo(CachedResult.estimate(result.shape(), columns) + result.shape().estimatedBytes());
        }
    }
}
