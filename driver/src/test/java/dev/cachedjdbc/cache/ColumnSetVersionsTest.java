package dev.cachedjdbc.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.analysis.TableKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reads and writes confined by equalities on sets of columns: a composite key (i_id, u_id) of reviews, a column of it
 * alone, and another column. Codes stand for values as the driver makes them (an integer is its own code).
 */
class ColumnSetVersionsTest {

    private static final TableKey REVIEW = TableKey.of("review");

    private final TableVersions versions = new TableVersions();

    /** Rows with these codes, given as column, codes, column, codes, ... */
    private static RowSelection rows(Object... columnsAndCodes) {
        Map<String, long[]> codes = new LinkedHashMap<>();
        for (int i = 0; i < columnsAndCodes.length; i += 2) {
            codes.put((String) columnsAndCodes[i], (long[]) columnsAndCodes[i + 1]);
        }
        return RowSelection.of(codes);
    }

    private static long[] of(long... codes) {
        return codes;
    }

    private VersionStamp read(RowSelection rows) {
        return versions.stampForFill(TableReads.builder().rows(REVIEW, rows).build());
    }

    private VersionStamp readOfPair(long item, long user) {
        return read(rows("i_id", of(item), "u_id", of(user)));
    }

    private WriteScope write(RowSelection... rows) {
        WriteScope scope = versions.openWriteScope();
        scope.addRows(REVIEW, List.of(rows), null);
        return scope;
    }

    private WriteScope writeOfPair(long item, long user) {
        return write(rows("i_id", of(item), "u_id", of(user)));
    }

    @Test
    void aWriteOfOnePairLeavesReadsOfOtherPairsCurrentAndStalesReadsOfThatPair() {
        VersionStamp pair11 = readOfPair(1, 1);
        VersionStamp pair12 = readOfPair(1, 2);
        VersionStamp pair21 = readOfPair(2, 1);
        VersionStamp pairs11And22 = read(rows("i_id", of(1, 2), "u_id", of(1, 2)));

        writeOfPair(2, 2).close();

        assertThat(versions.isCurrent(pair11)).isTrue();
        assertThat(versions.isCurrent(pair12)).isTrue();
        assertThat(versions.isCurrent(pair21)).isTrue();
        assertThat(versions.isCurrent(pairs11And22)).as("(2, 2) is among the combinations it read").isFalse();
        writeOfPair(1, 1).close();
        assertThat(versions.isCurrent(pair11)).isFalse();
        assertThat(versions.isCurrent(pair12)).isTrue();
    }

    @Test
    void aWriteOfAPairServesReadsByEachOfItsColumnsAlone() {
        VersionStamp item1 = read(rows("i_id", of(1)));
        VersionStamp item2 = read(rows("i_id", of(2)));
        VersionStamp user1 = read(rows("u_id", of(1)));
        VersionStamp user3 = read(rows("u_id", of(3)));

        writeOfPair(1, 3).close();

        assertThat(versions.isCurrent(item1)).isFalse();
        assertThat(versions.isCurrent(item2)).isTrue();
        assertThat(versions.isCurrent(user1)).isTrue();
        assertThat(versions.isCurrent(user3)).isFalse();
    }

    @Test
    void aWriteByOneColumnOfAReadsSetMeetsItOnlyWithTheSameValueThere() {
        VersionStamp pair15 = readOfPair(1, 5);
        VersionStamp pair25 = readOfPair(2, 5);

        write(rows("i_id", of(2))).close();

        assertThat(versions.isCurrent(pair15)).isTrue();
        assertThat(versions.isCurrent(pair25)).isFalse();
    }

    @Test
    void aWriteThatSharesOnlySomeColumnsWithAReadIsMatchedByThoseItShares() {
        VersionStamp pair15 = readOfPair(1, 5);
        VersionStamp pair25 = readOfPair(2, 5);

        write(rows("i_id", of(2), "rating", of(4))).close();

        assertThat(versions.isCurrent(pair15)).isTrue();
        assertThat(versions.isCurrent(pair25)).isFalse();
    }

    @Test
    void aWriteByAColumnOutsideTheReadsSetStalesEveryReadOfTheSet() {
        VersionStamp pair15 = readOfPair(1, 5);
        VersionStamp item1 = read(rows("i_id", of(1)));

        write(rows("rating", of(4))).close();

        assertThat(versions.isCurrent(pair15)).isFalse();
        assertThat(versions.isCurrent(item1)).isFalse();
    }

    @Test
    void aWriteOfAnyRowStalesEveryReadByColumnsAndEveryReadOfTheWholeTable() {
        VersionStamp pair15 = readOfPair(1, 5);
        VersionStamp whole = versions.stampForFill(TableReads.builder().wholeTable(REVIEW).build());

        WriteScope write = versions.openWriteScope();
        write.add(List.of(REVIEW));
        write.close();

        assertThat(versions.isCurrent(pair15)).isFalse();
        assertThat(versions.isCurrent(whole)).isFalse();
    }

    @Test
    void aWriteByAPairStalesReadsOfTheWholeTable() {
        VersionStamp whole = versions.stampForFill(TableReads.builder().wholeTable(REVIEW).build());

        writeOfPair(7, 7).close();

        assertThat(versions.isCurrent(whole)).isFalse();
    }

    @Test
    void aBatchOfPairsMeetsEachOfItsPairsAndNotTheirOtherCombinations() {
        VersionStamp pair12 = readOfPair(1, 2);
        VersionStamp pair21 = readOfPair(2, 1);
        VersionStamp pair11 = readOfPair(1, 1);

        write(rows("i_id", of(1), "u_id", of(1)), rows("i_id", of(2), "u_id", of(2))).close();

        assertThat(versions.isCurrent(pair12)).isTrue();
        assertThat(versions.isCurrent(pair21)).isTrue();
        assertThat(versions.isCurrent(pair11)).isFalse();
    }

    @Test
    void anOpenWriteOfAPairBlocksFillsThatMayMeetItAndNoOthers() {
        WriteScope write = writeOfPair(1, 1);

        assertThat(readOfPair(1, 1)).isNull();
        assertThat(read(rows("i_id", of(1)))).isNull();
        assertThat(read(rows("u_id", of(1)))).isNull();
        assertThat(readOfPair(1, 2)).isNotNull();
        assertThat(read(rows("i_id", of(2)))).isNotNull();

        write.close();

        assertThat(readOfPair(1, 1)).isNotNull();
        assertThat(read(rows("i_id", of(1)))).isNotNull();
    }

    @Test
    void aSetFirstReadWhileAWriteIsOpenTakesItsCountersFromThatWrite() {
        WriteScope pairWrite = writeOfPair(1, 1);
        WriteScope wholeWrite = versions.openWriteScope();
        wholeWrite.add(List.of(TableKey.of("trust")));

        assertThat(read(rows("u_id", of(1)))).as("a read of the user the open write writes").isNull();
        VersionStamp user2 = read(rows("u_id", of(2)));
        assertThat(user2).isNotNull();
        assertThat(versions.stampForFill(TableReads.builder().rows(TableKey.of("trust"),
                rows("source_u_id", of(1))).build())).as("the set is registered under a write of any row").isNull();

        pairWrite.close();
        wholeWrite.close();

        assertThat(versions.isCurrent(user2)).isTrue();
        assertThat(read(rows("u_id", of(1)))).isNotNull();
        assertThat(versions.stampForFill(TableReads.builder().rows(TableKey.of("trust"),
                rows("source_u_id", of(1))).build())).isNotNull();
    }

    @Test
    void aSetFirstReadWhileAWriteOfSeveralSelectionsIsOpenWaitsOnlyForThoseItMayMeet() {
        WriteScope write = versions.openWriteScope();
        write.addRows(REVIEW, List.of(rows("i_id", of(1), "u_id", of(1))), null);
        write.addRows(REVIEW, List.of(rows("u_id", of(3))), null);
        VersionStamp pair13BeforeRegistration = readOfPair(1, 3);
        assertThat(pair13BeforeRegistration).as("(1, 3) may hold a row of u_id 3").isNull();
        VersionStamp pair22 = readOfPair(2, 2);

        write.close();

        assertThat(versions.isCurrent(pair22)).isTrue();
        assertThat(readOfPair(1, 3)).isNotNull();
    }

    @Test
    void rowsHeardByTheirKeyMeetReadsBySetsWithThatColumnByValueAndEveryOtherReadWhole() {
        VersionStamp id5 = read(rows("a_id", of(5)));
        VersionStamp id6WithItem = read(rows("a_id", of(6), "i_id", of(1)));
        VersionStamp id5WithItem = read(rows("a_id", of(5), "i_id", of(1)));
        VersionStamp item1 = read(rows("i_id", of(1)));

        versions.invalidateRows(REVIEW, RowSelection.of("a_id", 5));

        assertThat(versions.isCurrent(id5)).isFalse();
        assertThat(versions.isCurrent(id5WithItem)).isFalse();
        assertThat(versions.isCurrent(id6WithItem)).isTrue();
        assertThat(versions.isCurrent(item1)).as("a row of key 5 may have any item").isFalse();
    }

    @Test
    void aTableInvalidatedFromElsewhereStalesReadsOfEverySet() {
        VersionStamp pair = readOfPair(1, 1);
        VersionStamp item = read(rows("i_id", of(1)));

        versions.invalidate(List.of(REVIEW));

        assertThat(versions.isCurrent(pair)).isFalse();
        assertThat(versions.isCurrent(item)).isFalse();
    }

    @Test
    void aReadByMoreColumnsThanASetHoldsIsNarrowedToFewerColumns() {
        VersionStamp wide = read(rows("a", of(1), "b", of(1), "c", of(1), "d", of(1), "e", of(1, 2)));
        assertThat(wide).isNotNull();

        write(rows("a", of(2), "b", of(2), "c", of(2), "d", of(2))).close();

        assertThat(versions.isCurrent(wide)).as("e, with the most values, was left out; a to d tell the rows apart")
                .isTrue();
    }

    @Test
    void aReadOfTooManyCombinationsCountsAsAReadOfTheWholeTableOnceNarrowedToNothing() {
        long[] many = new long[TableReads.MOST_COUNTERS_PER_TABLE + 1];
        for (int i = 0; i < many.length; i++) {
            many[i] = i;
        }
        VersionStamp tooMany = read(rows("i_id", many));

        writeOfPair(1_000_000, 1_000_000).close();

        assertThat(versions.isCurrent(tooMany)).isFalse();
    }

    @Test
    void readsByMoreSetsThanATableKeepsCountAsReadsOfTheWholeTable() {
        for (int set = 0; set < TableState.MOST_COLUMN_SETS; set++) {
            assertThat(read(rows("c" + set, of(1)))).isNotNull();
        }
        VersionStamp oneSetTooMany = read(rows("i_id", of(1)));

        write(rows("i_id", of(2))).close();

        assertThat(versions.isCurrent(oneSetTooMany)).isFalse();
    }

    @Test
    void aScopeWritingMoreBucketsOfASetThanItKeepsApartWritesEveryRowOfThatSet() {
        VersionStamp farPair = readOfPair(-1, -1);
        WriteScope write = versions.openWriteScope();
        long[] items = new long[TableWrite.MOST_BUCKETS_PER_SET + 1];
        for (int i = 0; i < items.length; i++) {
            items[i] = i;
        }
        write.addRows(REVIEW, List.of(rows("i_id", items, "u_id", of(0))), null);

        assertThat(versions.isCurrent(farPair)).isFalse();
        write.close();
    }
}
