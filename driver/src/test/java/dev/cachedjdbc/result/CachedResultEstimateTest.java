package dev.cachedjdbc.result;

import static org.assertj.core.api.Assertions.assertThat;

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
            // 100 rows of 3990 more characters, at two bytes a character (no compact strings assumed), give or
            // take the padding of each object to 8 bytes.
            assertThat(longText - small).isBetween(100 * (3990 * 2L - 8), 100 * (3990 * 2L + 8));

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
}
