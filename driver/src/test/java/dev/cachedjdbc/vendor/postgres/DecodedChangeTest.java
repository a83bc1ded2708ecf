package dev.cachedjdbc.vendor.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.analysis.TableKey;
import dev.cachedjdbc.cache.WrittenTables;
import dev.cachedjdbc.vendor.postgres.DecodedChange.Column;
import dev.cachedjdbc.vendor.postgres.DecodedChange.Kind;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Lines as PostgreSQL 15's test_decoding prints them (taken from the server with include-xids off), read into what
 * invalidation needs, and what a transaction of them invalidates.
 */
class DecodedChangeTest {

    private static final String ODD_INSERT = "table \"Odd Schema\".\"Odd \"\"T\"\"\": INSERT: \"Key Col\"[integer]:1"
            + " v[text]:'it''s a b' arr[integer[]]:'{1,2}' ts[timestamp without time zone]:'2024-01-01 10:00:00'"
            + " b[bit]:B'101'";
    private static final String KEY_CHANGED = "table public.item: UPDATE: old-key: id[integer]:1 new-tuple:"
            + " id[integer]:2 v[text]:'x'";

    @Test
    void quotedNamesAndValuesAreUnquoted() {
        DecodedChange change = DecodedChange.parse(ODD_INSERT);
        assertThat(change.kind()).isEqualTo(Kind.INSERT);
        assertThat(change.table()).isEqualTo("Odd \"T\"");
        assertThat(change.columns()).containsExactly(new Column("Key Col", "1"), new Column("v", "it's a b"),
                new Column("arr", "{1,2}"), new Column("ts", "2024-01-01 10:00:00"), new Column("b", "B'101'"));
    }

    @Test
    void anUpdateThatChangedTheKeyPrintsTheOldKeyAndTheNewTuple() {
        DecodedChange change = DecodedChange.parse(KEY_CHANGED);
        assertThat(change.kind()).isEqualTo(Kind.UPDATE);
        assertThat(change.columns()).containsExactly(new Column("id", "1"), new Column("id", "2"),
                new Column("v", "x"));
    }

    @Test
    void nullsAndUnchangedToastedValuesHaveNoValue() {
        DecodedChange change = DecodedChange.parse("table public.t: UPDATE: id[integer]:2 v[text]:null"
                + " big[text]:unchanged-toast-datum");
        assertThat(change.columns()).containsExactly(new Column("id", "2"), new Column("v", null),
                new Column("big", null));
    }

    @Test
    void aDeleteWithoutReplicaIdentityAndATruncateNameNoRows() {
        assertThat(DecodedChange.parse("table public.probe_nopk: DELETE: (no-tuple-data)").columns()).isEmpty();
        DecodedChange truncate = DecodedChange.parse("table public.probe_nopk: TRUNCATE: (no-flags)");
        assertThat(truncate.kind()).isEqualTo(Kind.TRUNCATE);
        assertThat(truncate.table()).isEqualTo("probe_nopk");
    }

    @Test
    void aMessageGivesItsPrefixAndContent() {
        DecodedChange message = DecodedChange.parse("message: transactional: 1 prefix: cached_jdbc, sz: 5"
                + " content:abc 1");
        assertThat(message.kind()).isEqualTo(Kind.MESSAGE);
        assertThat(message.prefix()).isEqualTo("cached_jdbc");
        assertThat(message.content()).isEqualTo("abc 1");
    }

    @Test
    void beginAndCommitAreReadWithOrWithoutTransactionIds() {
        assertThat(DecodedChange.parse("BEGIN").kind()).isEqualTo(Kind.BEGIN);
        assertThat(DecodedChange.parse("BEGIN 745").kind()).isEqualTo(Kind.BEGIN);
        assertThat(DecodedChange.parse("COMMIT 745").kind()).isEqualTo(Kind.COMMIT);
    }

    @Test
    void aLineOfAnotherShapeIsUnknown() {
        assertThat(DecodedChange.parse("").kind()).isEqualTo(Kind.UNKNOWN);
        assertThat(DecodedChange.parse("table public.t: MERGE: id[integer]:1").kind()).isEqualTo(Kind.UNKNOWN);
        assertThat(DecodedChange.parse("table public.t: INSERT: id[integer").kind()).isEqualTo(Kind.UNKNOWN);
        assertThat(DecodedChange.parse("table \"unterminated: INSERT: id[integer]:1").kind())
                .isEqualTo(Kind.UNKNOWN);
    }

    @Test
    void aTransactionNamesTheRowsOfTablesWithARowKeyColumnAndOtherTablesWhole() {
        DecodedTransaction transaction = new DecodedTransaction(table -> table.equals(TableKey.of("item")) ? "id"
                : table.equals(TableKey.of("Odd \"T\"")) ? "Key Col" : null);
        transaction.add(DecodedChange.parse(KEY_CHANGED));
        transaction.add(DecodedChange.parse(ODD_INSERT));
        transaction.add(DecodedChange.parse("table public.probe_nopk: INSERT: a[integer]:1 b[text]:'x'"));

        WrittenTables written = transaction.written();
        assertThat(written.everything()).isFalse();
        assertThat(written.rows()).isEqualTo(Map.of(TableKey.of("item"), Set.of(1L, 2L),
                TableKey.of("Odd \"T\""), Set.of(1L)));
        assertThat(written.wholeTables()).containsExactly(TableKey.of("probe_nopk"));
    }

    @Test
    void aChangeThatDoesNotPrintItsKeyOrATruncateTakesTheTableWhole() {
        DecodedTransaction transaction = new DecodedTransaction(table -> "id");
        transaction.add(DecodedChange.parse("table public.item: UPDATE: id[integer]:4"));
        transaction.add(DecodedChange.parse("table public.item: DELETE: (no-tuple-data)"));
        transaction.add(DecodedChange.parse("table public.other: INSERT: id[text]:'not a number'"));
        transaction.add(DecodedChange.parse("table public.third: UPDATE: id[integer]:5"));
        transaction.add(DecodedChange.parse("table public.third: TRUNCATE: cascade"));

        WrittenTables written = transaction.written();
        assertThat(written.rows()).isEmpty();
        assertThat(written.wholeTables()).containsExactlyInAnyOrder(TableKey.of("item"), TableKey.of("other"),
                TableKey.of("third"));
    }

    @Test
    void manyRowsOfOneTableAreTakenAsTheWholeTable() {
        DecodedTransaction transaction = new DecodedTransaction(table -> "id");
        for (int id = 0; id <= DecodedTransaction.MOST_ROWS_PER_TABLE; id++) {
            transaction.add(DecodedChange.parse("table public.item: INSERT: id[integer]:" + id));
        }
        assertThat(transaction.written().rows()).isEmpty();
        assertThat(transaction.written().wholeTables()).containsExactly(TableKey.of("item"));
    }

    @Test
    void aLineTheFeedCannotReadMakesTheTransactionEveryTable() {
        DecodedTransaction transaction = new DecodedTransaction(table -> "id");
        transaction.add(DecodedChange.parse("table public.item: INSERT: id[integer]:1"));
        transaction.add(DecodedChange.parse("something new"));
        assertThat(transaction.written().everything()).isTrue();
    }

    @Test
    void aServerNotSetUpForLogicalDecodingIsRefusedWithTheSettingToChange() {
        assertThat(PostgresLogicalFeed.refusal("replica", true, "app"))
                .contains("wal_level=logical (it is replica)", "ALTER SYSTEM SET wal_level = logical",
                        "cache.coherence=notify");
        assertThat(PostgresLogicalFeed.refusal("logical", false, "app")).contains("ALTER ROLE app REPLICATION");
        assertThat(PostgresLogicalFeed.refusal("logical", true, "app")).isNull();
    }
}
