package dev.cachedjdbc.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.analysis.TableKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The stale fill race of {@link StaleFillRaceTest}, played for reads and writes confined by a composite key (the
 * review of one item by one user) and by a text key (a page by namespace and title, the title's code standing for
 * the string): each test plays one interleaving step by step, the writer's steps running inside the reader's query
 * where the interleaving puts them.
 */
class ColumnSetFillRaceTest {

    private static final TableKey REVIEW = TableKey.of("review");
    private static final TableKey PAGE = TableKey.of("page");
    /** Codes of two titles, as the driver would make them from the strings. */
    private static final long MAIN_PAGE = 0x5EEDL;
    private static final long HELP_PAGE = 0xBEEFL;

    private final TableVersions versions = new TableVersions();
    private final QueryCache<String, String> cache = TestCaches.cache(TestCaches.plainSettings(), versions);
    private final FakeDatabase database = new FakeDatabase();

    private static RowSelection pair(long item, long user) {
        return RowSelection.of(Map.of("i_id", new long[] {item}, "u_id", new long[] {user}));
    }

    private static RowSelection title(long namespace, long title) {
        return RowSelection.of(Map.of("page_namespace", new long[] {namespace}, "page_title", new long[] {title}));
    }

    private static TableReads reads(TableKey table, RowSelection rows) {
        return TableReads.builder().rows(table, rows).build();
    }

    private void write(TableKey table, RowSelection rows, String row, String value) {
        try (WriteScope write = versions.openWriteScope()) {
            write.addRows(table, List.of(rows), null);
            database.commit(row, value);
        }
    }

    private CallerResult load(String key, TableKey table, RowSelection rows, String row) throws Exception {
        return cache.load(key, reads(table, rows), TestLoader.running(() -> database.query(row)));
    }

    @Test
    void aPairReadBeforeAWriteOfThatPairCommittedIsNotServedAfterIt() throws Exception {
        database.commit("review 1 1", "old");

        CallerResult readersOwn = cache.load("q", reads(REVIEW, pair(1, 1)), TestLoader.running(() -> {
            String row = database.query("review 1 1");
            write(REVIEW, pair(1, 1), "review 1 1", "new");
            return row;
        }));

        assertThat(readersOwn.row()).isEqualTo("old");
        assertThat(cache.getIfFresh("q")).isNull();
        assertThat(load("q", REVIEW, pair(1, 1), "review 1 1").row()).isEqualTo("new");
        assertThat(cache.getIfFresh("q")).isEqualTo("new");
    }

    @Test
    void aPairReadWhileAnotherPairIsWrittenIsStoredAndStaysServed() throws Exception {
        database.commit("review 1 1", "row");

        cache.load("q", reads(REVIEW, pair(1, 1)), TestLoader.running(() -> {
            String row = database.query("review 1 1");
            write(REVIEW, pair(1, 2), "review 1 2", "other");
            return row;
        }));
        write(REVIEW, pair(2, 1), "review 2 1", "other");

        assertThat(cache.getIfFresh("q")).isEqualTo("row");
    }

    @Test
    void aPairIsNotStoredWhileAWriteOfItsItemThatBeganDuringItsQueryIsStillOpen() throws Exception {
        database.commit("review 1 1", "old");
        WriteScope itemWrite = versions.openWriteScope();

        cache.load("q", reads(REVIEW, pair(1, 1)), TestLoader.running(() -> {
            String row = database.query("review 1 1");
            itemWrite.addRows(REVIEW, List.of(RowSelection.of("i_id", 1)), null);
            return row;
        }));

        assertThat(cache.getIfFresh("q")).isNull();
        assertThat(cache.statistics().entries()).isZero();
        itemWrite.close();
    }

    @Test
    void aTitleReadBeforeAWriteOfThatTitleCommittedIsNotServedAfterItAndOtherTitlesStay() throws Exception {
        database.commit("page 0 Main", "old");
        database.commit("page 0 Help", "help");
        load("help", PAGE, title(0, HELP_PAGE), "page 0 Help");

        cache.load("main", reads(PAGE, title(0, MAIN_PAGE)), TestLoader.running(() -> {
            String row = database.query("page 0 Main");
            write(PAGE, title(0, MAIN_PAGE), "page 0 Main", "new");
            return row;
        }));

        assertThat(cache.getIfFresh("main")).isNull();
        assertThat(cache.getIfFresh("help")).isEqualTo("help");
        assertThat(load("main", PAGE, title(0, MAIN_PAGE), "page 0 Main").row()).isEqualTo("new");
    }

    @Test
    void aTitleIsNotFilledWhileAWriteOfThatTitleIsOpenButOthersAre() throws Exception {
        database.commit("page 0 Main", "main");
        database.commit("page 0 Help", "help");
        try (WriteScope write = versions.openWriteScope()) {
            write.addRows(PAGE, List.of(title(0, MAIN_PAGE)), null);

            load("main", PAGE, title(0, MAIN_PAGE), "page 0 Main");
            load("help", PAGE, title(0, HELP_PAGE), "page 0 Help");

            assertThat(cache.getIfFresh("main")).isNull();
            assertThat(cache.getIfFresh("help")).isEqualTo("help");
        }
    }

    /**
     * The case the registration under the table's lock exists for: a write by pair opened before any read by user
     * alone, and commits while the first such read runs its query. Had the read's new column set not taken the open
     * write's counters, the read would have filled, and nothing the write bumps at close would have retired it.
     */
    @Test
    void aReadByANewSetOfColumnsDuringAnOpenWriteThatCommitsMidQueryIsNotStored() throws Exception {
        database.commit("reviews of user 1", "old");
        WriteScope pairWrite = versions.openWriteScope();
        pairWrite.addRows(REVIEW, List.of(pair(1, 1)), null);

        CallerResult first = cache.load("by user", reads(REVIEW, RowSelection.of("u_id", 1)),
                TestLoader.running(() -> {
                    String row = database.query("reviews of user 1");
                    database.commit("reviews of user 1", "new");
                    pairWrite.close();
                    return row;
                }));

        assertThat(first.row()).isEqualTo("old");
        assertThat(cache.getIfFresh("by user")).isNull();
        assertThat(load("by user", REVIEW, RowSelection.of("u_id", 1), "reviews of user 1").row()).isEqualTo("new");
        assertThat(cache.getIfFresh("by user")).isEqualTo("new");
    }

    @Test
    void aReadByANewSetOfColumnsDuringAnOpenWriteOfOtherValuesFillsAtOnce() throws Exception {
        database.commit("reviews of user 2", "row");
        try (WriteScope pairWrite = versions.openWriteScope()) {
            pairWrite.addRows(REVIEW, List.of(pair(1, 1)), null);

            load("by user", REVIEW, RowSelection.of("u_id", 2), "reviews of user 2");

            assertThat(cache.getIfFresh("by user")).isEqualTo("row");
        }
        assertThat(cache.getIfFresh("by user")).isEqualTo("row");
    }
}
