package dev.cachedjdbc.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.analysis.TableKey;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Writes confined to some key values of a table, and reads confined to some key values. */
class RowLevelVersionsTest {

    private final TableVersions versions = new TableVersions();

    private VersionStamp readOfRows(String table, long... keys) {
        return versions.stampForFill(TableReads.builder().rows(TableKey.of(table), RowSelection.of("id", keys)).build());
    }

    private VersionStamp readOfWholeTable(String table) {
        return versions.stampForFill(TableReads.builder().wholeTable(TableKey.of(table)).build());
    }

    private WriteScope writeOfRows(String table, long... keys) {
        WriteScope scope = versions.openWriteScope();
        scope.addRows(TableKey.of(table), List.of(RowSelection.of("id", keys)), keys);
        return scope;
    }

    private static int bucketOf(long key) {
        return ColumnSetCounters.bucketOf(1, key);
    }

    @Test
    void aWriteOfOneKeyLeavesReadsOfOtherKeysCurrent() {
        VersionStamp item5 = readOfRows("item", 5);
        VersionStamp items5And7 = readOfRows("item", 5, 7);

        writeOfRows("item", 6).close();

        assertThat(versions.isCurrent(item5)).isTrue();
        assertThat(versions.isCurrent(items5And7)).isTrue();
    }

    @Test
    void aWriteOfAKeyMakesReadsOfThatKeyStale() {
        VersionStamp item5 = readOfRows("item", 5);
        VersionStamp items3And5 = readOfRows("item", 3, 5);

        writeOfRows("item", 5).close();

        assertThat(versions.isCurrent(item5)).isFalse();
        assertThat(versions.isCurrent(items3And5)).isFalse();
    }

    @Test
    void aWriteOfAKeyMakesReadsOfTheWholeTableStale() {
        VersionStamp wholeTable = readOfWholeTable("item");

        writeOfRows("item", 6).close();

        assertThat(versions.isCurrent(wholeTable)).isFalse();
    }

    @Test
    void aWriteOfTheWholeTableMakesReadsOfAnyKeyStale() {
        VersionStamp item5 = readOfRows("item", 5);

        WriteScope write = versions.openWriteScope();
        write.add(List.of(TableKey.of("item")));
        write.close();

        assertThat(versions.isCurrent(item5)).isFalse();
    }

    @Test
    void aWriteOfAKeyOfAnotherTableLeavesEveryReadCurrent() {
        VersionStamp item5 = readOfRows("item", 5);
        VersionStamp wholeItems = readOfWholeTable("item");

        writeOfRows("orders", 5).close();

        assertThat(versions.isCurrent(item5)).isTrue();
        assertThat(versions.isCurrent(wholeItems)).isTrue();
    }

    @Test
    void anOpenWriteOfAKeyBlocksFillsThatMayMeetItAndNoOthers() {
        WriteScope write = writeOfRows("item", 5);

        assertThat(readOfRows("item", 5)).isNull();
        assertThat(readOfRows("item", 4, 5)).isNull();
        assertThat(readOfWholeTable("item")).isNull();
        assertThat(readOfRows("item", 6)).isNotNull();

        write.close();

        assertThat(readOfRows("item", 5)).isNotNull();
        assertThat(readOfWholeTable("item")).isNotNull();
    }

    @Test
    void anOpenWriteOfTheWholeTableBlocksFillsOfEveryKey() {
        WriteScope write = versions.openWriteScope();
        write.add(List.of(TableKey.of("item")));

        assertThat(readOfRows("item", 6)).isNull();

        write.close();
        assertThat(readOfRows("item", 6)).isNotNull();
    }

    @Test
    void aScopeThatWritesTooManyKeysWritesTheWholeTable() {
        VersionStamp farAway = readOfRows("item", 1_000_000_007L);
        WriteScope write = versions.openWriteScope();
        long key = 0;
        int buckets = 0;
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        while (buckets <= TableWrite.MOST_BUCKETS_PER_SET) {
            key++;
            if (bucketOf(key) == bucketOf(1_000_000_007L)) {
                continue;
            }
            if (seen.add(bucketOf(key))) {
                buckets++;
            }
            write.addRows(TableKey.of("item"), List.of(RowSelection.of("id", key)), new long[] {key});
        }

        assertThat(versions.isCurrent(farAway)).isFalse();
        assertThat(readOfRows("item", 1_000_000_007L)).isNull();
        write.close();
    }

    @Test
    void keysThatShareABucketInvalidateEachOther() {
        long first = 5;
        long second = 6;
        while (bucketOf(second) != bucketOf(first)) {
            second++;
        }
        VersionStamp readOfFirst = readOfRows("item", first);

        writeOfRows("item", second).close();

        assertThat(versions.isCurrent(readOfFirst)).isFalse();
    }

    @Test
    void neighbouringKeysSpreadOverBuckets() {
        java.util.Set<Integer> buckets = new java.util.HashSet<>();
        for (long key = 1; key <= 1000; key++) {
            buckets.add(bucketOf(key));
        }

        assertThat(buckets).hasSizeGreaterThan(600);
    }

    @Test
    void invalidatingATableFromElsewhereMakesReadsOfItsKeysStale() {
        VersionStamp item5 = readOfRows("item", 5);

        versions.invalidate(List.of(TableKey.of("ITEM")));

        assertThat(versions.isCurrent(item5)).isFalse();
    }

    @Test
    void invalidatingRowsFromElsewhereMakesStaleOnlyWhatMayHaveReadThem() {
        VersionStamp item5 = readOfRows("item", 5);
        VersionStamp item6 = readOfRows("item", 6);
        VersionStamp wholeTable = readOfWholeTable("item");

        versions.invalidateRows(TableKey.of("item"), RowSelection.of("id", 5));

        assertThat(versions.isCurrent(item5)).isFalse();
        assertThat(versions.isCurrent(wholeTable)).isFalse();
        assertThat(versions.isCurrent(item6)).isTrue();
    }

    @Test
    void aReadOfManyKeysCountsAsAReadOfTheWholeTable() {
        long[] keys = new long[TableReads.MOST_COUNTERS_PER_TABLE + 1];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = i + 1;
        }
        VersionStamp manyKeys = readOfRows("item", keys);

        writeOfRows("item", 1_000_000).close();

        assertThat(versions.isCurrent(manyKeys)).isFalse();
    }

    @Test
    void aWriteCountsOneInvalidationPerTableWhateverItsKeys() {
        long before = versions.invalidationCount();

        WriteScope write = writeOfRows("item", 1, 2, 3);
        write.addRows(TableKey.of("item"), List.of(RowSelection.of("id", 4)), new long[] {4});
        write.add(List.of(TableKey.of("item")));
        write.close();

        assertThat(versions.invalidationCount() - before).isEqualTo(1);
    }
}
