package dev.cachedjdbc.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TableVersionsTest {

    private final TableVersions versions = new TableVersions();

    @Test
    void aStampStaysCurrentWhileNothingWritesItsTables() {
        VersionStamp stamp = versions.stampForFill(List.of("orders", "customers"));

        versions.invalidate(List.of("products"));

        assertThat(stamp).isNotNull();
        assertThat(versions.isCurrent(stamp)).isTrue();
    }

    @Test
    void invalidatingAnyStampedTableMakesTheStampStale() {
        VersionStamp stamp = versions.stampForFill(List.of("orders", "customers"));

        versions.invalidate(List.of("customers"));

        assertThat(versions.isCurrent(stamp)).isFalse();
    }

    @Test
    void invalidatingOnlyBumpsSoFillsStayAllowed() {
        versions.invalidate(List.of("orders"));
        versions.invalidateAll();

        assertThat(versions.stampForFill(List.of("orders"))).isNotNull();
    }

    @Test
    void invalidateAllMakesEveryStampStaleIncludingThoseOfNoTable() {
        VersionStamp ofATable = versions.stampForFill(List.of("orders"));
        VersionStamp ofNoTable = versions.stampForFill(List.of());

        versions.invalidateAll();

        assertThat(versions.isCurrent(ofATable)).isFalse();
        assertThat(versions.isCurrent(ofNoTable)).isFalse();
    }

    @Test
    void keysMeetWhateverTheirLetterCase() {
        VersionStamp stamp = versions.stampForFill(List.of("Orders"));

        versions.invalidate(List.of("ORDERS"));

        assertThat(versions.isCurrent(stamp)).isFalse();
    }

    @Test
    void aNullStampIsNeverCurrent() {
        assertThat(versions.isCurrent(null)).isFalse();
    }

    @Test
    void openingAWriteMakesEarlierStampsStaleAtOnce() {
        VersionStamp stamp = versions.stampForFill(List.of("orders"));

        WriteScope write = versions.openWriteScope();
        write.add(List.of("orders"));

        assertThat(versions.isCurrent(stamp)).isFalse();
    }

    @Test
    void noFillWhileAWriteOfOneOfTheTablesIsOpen() {
        WriteScope write = versions.openWriteScope();
        write.add(List.of("orders"));

        assertThat(versions.stampForFill(List.of("customers", "orders"))).isNull();
        assertThat(versions.stampForFill(List.of("customers"))).isNotNull();
    }

    @Test
    void fillsAreAllowedAgainOnceTheWriteCloses() {
        WriteScope write = versions.openWriteScope();
        write.add(List.of("orders"));
        write.close();

        VersionStamp stamp = versions.stampForFill(List.of("orders"));

        assertThat(stamp).isNotNull();
        assertThat(versions.isCurrent(stamp)).isTrue();
        assertThat(versions.openWriters("orders")).isZero();
    }

    @Test
    void closingBumpsTheWrittenTablesAgainAndNoOthers() {
        WriteScope write = versions.openWriteScope();
        write.add(List.of("orders"));
        VersionStamp ofAnotherTableDuringTheWrite = versions.stampForFill(List.of("customers"));
        VersionStamp beforeTheClose = versions.stampForFill(List.of());
        TableCounter orders = versions.counterFor("orders");
        long versionWhileOpen = orders.version();

        write.close();

        assertThat(orders.version()).isGreaterThan(versionWhileOpen);
        assertThat(versions.isCurrent(ofAnotherTableDuringTheWrite)).isTrue();
        assertThat(versions.isCurrent(beforeTheClose)).isTrue();
    }

    @Test
    void writingEverythingStalesEveryStampAndBlocksEveryFill() {
        VersionStamp before = versions.stampForFill(List.of("orders"));

        WriteScope write = versions.openWriteScope();
        write.addEverything();

        assertThat(versions.isCurrent(before)).isFalse();
        assertThat(versions.stampForFill(List.of("anything"))).isNull();
        assertThat(versions.stampForFill(List.of())).isNull();

        write.close();

        assertThat(versions.stampForFill(List.of("anything"))).isNotNull();
        assertThat(versions.openWritersOfEverything()).isZero();
    }

    @Test
    void aTableStaysBlockedUntilItsLastWriterCloses() {
        WriteScope first = versions.openWriteScope();
        WriteScope second = versions.openWriteScope();
        first.add(List.of("orders"));
        second.add(List.of("orders"));

        first.close();
        assertThat(versions.stampForFill(List.of("orders"))).isNull();

        second.close();
        assertThat(versions.stampForFill(List.of("orders"))).isNotNull();
    }

    @Test
    void aTableAddedTwiceToOneScopeCountsAsOneWriter() {
        WriteScope write = versions.openWriteScope();
        write.add(List.of("orders"));
        write.add(List.of("ORDERS", "orders"));
        write.addEverything();
        write.addEverything();

        assertThat(versions.openWriters("orders")).isEqualTo(1);
        assertThat(versions.openWritersOfEverything()).isEqualTo(1);

        write.close();

        assertThat(versions.openWriters("orders")).isZero();
        assertThat(versions.openWritersOfEverything()).isZero();
    }

    @Test
    void closingTwiceReleasesOnce() {
        WriteScope other = versions.openWriteScope();
        other.add(List.of("orders"));
        WriteScope write = versions.openWriteScope();
        write.add(List.of("orders"));

        write.close();
        write.close();

        assertThat(versions.openWriters("orders")).isEqualTo(1);
        assertThat(versions.stampForFill(List.of("orders"))).isNull();
    }

    @Test
    void aClosedScopeRefusesNewTables() {
        WriteScope write = versions.openWriteScope();
        write.close();

        assertThatThrownBy(() -> write.add(List.of("orders"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(write::addEverything).isInstanceOf(IllegalStateException.class);
        assertThat(versions.openWriters("orders")).isZero();
    }

    @Test
    void aScopeIsEmptyUntilSomethingIsAdded() {
        WriteScope tables = versions.openWriteScope();
        WriteScope everything = versions.openWriteScope();
        assertThat(tables.isEmpty()).isTrue();

        tables.add(Set.of("orders"));
        everything.addEverything();

        assertThat(tables.isEmpty()).isFalse();
        assertThat(everything.isEmpty()).isFalse();
    }

    @Test
    void invalidationsAreCountedOncePerTablePerWrite() {
        versions.invalidate(List.of("a", "b"));
        versions.invalidateAll();
        try (WriteScope write = versions.openWriteScope()) {
            write.add(List.of("c", "d"));
            write.add(List.of("c"));
            write.addEverything();
        }

        assertThat(versions.invalidationCount()).isEqualTo(2 + 1 + 2 + 1);
    }
}
