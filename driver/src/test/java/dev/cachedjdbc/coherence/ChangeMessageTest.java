package dev.cachedjdbc.coherence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.analysis.TableKey;
import dev.cachedjdbc.cache.WrittenTables;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What instances say to each other on the change channel survives the trip, and errs toward more invalidation. */
class ChangeMessageTest {

    private static final String SENDER = "7f0c1e2a";

    @Test
    void wholeTablesAndRowsSurviveTheTrip() {
        WrittenTables written = new WrittenTables(false, Set.of(TableKey.of("orders"), TableKey.of("audit")),
                Map.of(TableKey.of("customer"), Set.of(1L, 42L, -7L)));

        ChangeMessage read = ChangeMessage.decode(ChangeMessage.written(SENDER, written).encode());

        assertThat(read.sender()).isEqualTo(SENDER);
        assertThat(read.isHeartbeat()).isFalse();
        assertThat(read.written()).isEqualTo(written);
    }

    @Test
    void namesWithSpacesColonsCommasAndAnyLetterCannotPassForTheSyntax() {
        Set<TableKey> odd = Set.of(TableKey.of("a b"), TableKey.of("t:x"), TableKey.of("r:y:1,2"), TableKey.of("ünï ✓"),
                TableKey.of("'quoted'"), TableKey.of("%41"));
        WrittenTables written = new WrittenTables(false, odd, Map.of(TableKey.of("c,d"), Set.of(3L)));

        assertThat(ChangeMessage.decode(ChangeMessage.written(SENDER, written).encode()).written()).isEqualTo(written);
    }

    @Test
    void heartbeatsCarryTheirSequence() {
        ChangeMessage read = ChangeMessage.decode(ChangeMessage.heartbeat(SENDER, 123_456_789L).encode());

        assertThat(read.isHeartbeat()).isTrue();
        assertThat(read.heartbeat()).isEqualTo(123_456_789L);
        assertThat(read.sender()).isEqualTo(SENDER);
    }

    @Test
    void openingsAndClosingsCarryTheirWriteIdAndTables() {
        WrittenTables written = new WrittenTables(false, Set.of(TableKey.of("orders")),
                Map.of(TableKey.of("customer"), Set.of(42L)));

        ChangeMessage opening = ChangeMessage.decode(ChangeMessage.opening(SENDER, 9_000_000_001L, written).encode());
        ChangeMessage closing = ChangeMessage.decode(ChangeMessage.closing(SENDER, 9_000_000_001L, written).encode());

        assertThat(opening.kind()).isEqualTo(ChangeMessage.Kind.OPENING);
        assertThat(closing.kind()).isEqualTo(ChangeMessage.Kind.CLOSING);
        for (ChangeMessage read : new ChangeMessage[] {opening, closing}) {
            assertThat(read.sender()).isEqualTo(SENDER);
            assertThat(read.writeId()).isEqualTo(9_000_000_001L);
            assertThat(read.written()).isEqualTo(written);
            assertThat(read.isHeartbeat()).isFalse();
        }
        assertThat(ChangeMessage.decode(ChangeMessage.opening(SENDER, 3, WrittenTables.EVERYTHING).encode()).written())
                .isEqualTo(WrittenTables.EVERYTHING);
    }

    @Test
    void anOpeningWhoseWriteIdCannotBeReadMeansAWriteOfEverything() {
        ChangeMessage read = ChangeMessage.decode("cj1 " + SENDER + " o x1 t:orders");

        assertThat(read.kind()).isEqualTo(ChangeMessage.Kind.WRITTEN);
        assertThat(read.written()).isEqualTo(WrittenTables.EVERYTHING);
    }

    @Test
    void everythingSurvivesTheTrip() {
        assertThat(ChangeMessage.decode(ChangeMessage.written(SENDER, WrittenTables.EVERYTHING).encode()).written())
                .isEqualTo(WrittenTables.EVERYTHING);
    }

    @Test
    void tooManyRowsAreSentAsWholeTablesAndTooManyTablesAsEverything() {
        Set<Long> manyKeys = new HashSet<>();
        for (long key = 1_000_000_000L; key < 1_000_000_000L + 1_000; key++) {
            manyKeys.add(key);
        }
        WrittenTables rows = new WrittenTables(false, Set.of(), Map.of(TableKey.of("t"), manyKeys));
        String rowsPayload = ChangeMessage.written(SENDER, rows).encode();
        assertThat(rowsPayload.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(ChangeMessage.MOST_BYTES);
        assertThat(ChangeMessage.decode(rowsPayload).written())
                .isEqualTo(new WrittenTables(false, Set.of(TableKey.of("t")), Map.of()));

        Set<TableKey> manyTables = new HashSet<>();
        for (int table = 0; table < 1_000; table++) {
            manyTables.add(TableKey.of("a_rather_long_table_name_" + table));
        }
        String tablesPayload = ChangeMessage.written(SENDER, new WrittenTables(false, manyTables, Map.of())).encode();
        assertThat(tablesPayload.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(ChangeMessage.MOST_BYTES);
        assertThat(ChangeMessage.decode(tablesPayload).written()).isEqualTo(WrittenTables.EVERYTHING);
    }

    @Test
    void payloadsOfOtherApplicationsAreIgnoredAndOursThatCannotBeReadMeanEverything() {
        assertThat(ChangeMessage.decode("hello")).isNull();
        assertThat(ChangeMessage.decode(null)).isNull();
        assertThat(ChangeMessage.decode("cj1 " + SENDER + " r:t:notanumber").written()).isEqualTo(WrittenTables.EVERYTHING);
    }
}
