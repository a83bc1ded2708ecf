package dev.cachedjdbc.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachedjdbc.analysis.TableKey;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TableVersionsTest {

    private final TableVersions versions = new TableVersions();

    @Test
    void aStampStaysCurrentWhileNothingWritesItsTables() {
        VersionStamp stamp = versions.stampForFill(List.of(TableKey.of("orders"), TableKey.of("customers")));

        versions.invalidate(List.of(TableKey.of("products")));

        assertThat(stamp).isNotNull();
        assertThat(versions.isCurrent(stamp)).isTrue();
    }

    @Test
    void invalidatingAnyStampedTableMakesTheStampStale() {
        VersionStamp stamp = versions.stampForFill(List.of(TableKey.of("orders"), TableKey.of("customers")));

        versions.invalidate(List.of(TableKey.of("customers")));

        assertThat(versions.isCurrent(stamp)).isFalse();
    }

    @Test
    void invalidatingOnlyBumpsSoFillsStayAllowed() {
        versions.invalidate(List.of(TableKey.of("orders")));
        versions.invalidateAll();

        assertThat(versions.stampForFill(List.of(TableKey.of("orders")))).isNotNull();
    }

    @Test
    void invalidateAllMakesEveryStampStaleIncludingThoseOfNoTable() {
        VersionStamp ofATable = versions.stampForFill(List.of(TableKey.of("orders")));
        VersionStamp ofNoTable = versions.stampForFill(List.of());

        versions.invalidateAll();

        assertThat(versions.isCurrent(ofATable)).isFalse();
        assertThat(versions.isCurrent(ofNoTable)).isFalse();
    }

    @Test
    void keysMeetWhateverTheirLetterCase() {
        VersionStamp stamp = versions.stampForFill(List.of(TableKey.of("Orders")));

        versions.invalidate(List.of(TableKey.of("ORDERS")));

        assertThat(versions.isCurrent(stamp)).isFalse();
    }

    @Test
    void aNullStampIsNeverCurrent() {
        assertThat(versions.isCurrent(null)).isFalse();
    }

    @Test
    void openingAWriteMakesEarlierStampsStaleAtOnce() {
        VersionStamp stamp = versions.stampForFill(List.of(TableKey.of("orders")));

        WriteScope write = versions.openWriteScope();
        write.add(List.of(TableKey.of("orders")));

        assertThat(versions.isCurrent(stamp)).isFalse();
    }

    @Test
    void noFillWhileAWriteOfOneOfTheTablesIsOpen() {
        WriteScope write = versions.openWriteScope();
        write.add(List.of(TableKey.of("orders")));

        assertThat(versions.stampForFill(List.of(TableKey.of("customers"), TableKey.of("orders")))).isNull();
        assertThat(versions.stampForFill(List.of(TableKey.of("customers")))).isNotNull();
    }

    @Test
    void fillsAreAllowedAgainOnceTheWriteCloses() {
        WriteScope write = versions.openWriteScope();
        write.add(List.of(TableKey.of("orders")));
        write.close();

        VersionStamp stamp = versions.stampForFill(List.of(TableKey.of("orders")));

        assertThat(stamp).isNotNull();
        assertThat(versions.isCurrent(stamp)).isTrue();
        assertThat(versions.openWriters(TableKey.of("orders"))).isZero();
    }

    @Test
    void closingBumpsTheWrittenTablesAgainAndNoOthers() {
        WriteScope write = versions.openWriteScope();
        write.add(List.of(TableKey.of("orders")));
        VersionStamp ofAnotherTableDuringTheWrite = versions.stampForFill(List.of(TableKey.of("customers")));
        VersionStamp beforeTheClose = versions.stampForFill(List.of());
        TableCounter orders = versions.counterFor(TableKey.of("orders"));
        long versionWhileOpen = orders.version();

        write.close();

        assertThat(orders.version()).isGreaterThan(versionWhileOpen);
        assertThat(versions.isCurrent(ofAnotherTableDuringTheWrite)).isTrue();
        assertThat(versions.isCurrent(beforeTheClose)).isTrue();
    }

    @Test
    void writingEverythingStalesEveryStampAndBlocksEveryFill() {
        VersionStamp before = versions.stampForFill(List.of(TableKey.of("orders")));

        WriteScope write = versions.openWriteScope();
        write.addEverything();

        assertThat(versions.isCurrent(before)).isFalse();
        assertThat(versions.stampForFill(List.of(TableKey.of("anything")))).isNull();
        assertThat(versions.stampForFill(List.of())).isNull();

        write.close();

        assertThat(versions.stampForFill(List.of(TableKey.of("anything")))).isNotNull();
        assertThat(versions.openWritersOfEverything()).isZero();
    }

    @Test
    void aTableStaysBlockedUntilItsLastWriterCloses() {
        WriteScope first = versions.openWriteScope();
        WriteScope second = versions.openWriteScope();
        first.add(List.of(TableKey.of("orders")));
        second.add(List.of(TableKey.of("orders")));

        first.close();
        assertThat(versions.stampForFill(List.of(TableKey.of("orders")))).isNull();

        second.close();
        assertThat(versions.stampForFill(List.of(TableKey.of("orders")))).isNotNull();
    }

    @Test
    void aTableAddedTwiceToOneScopeCountsAsOneWriter() {
        WriteScope write = versions.openWriteScope();
        write.add(List.of(TableKey.of("orders")));
        write.add(List.of(TableKey.of("ORDERS"), TableKey.of("orders")));
        write.addEverything();
        write.addEverything();

        assertThat(versions.openWriters(TableKey.of("orders"))).isEqualTo(1);
        assertThat(versions.openWritersOfEverything()).isEqualTo(1);

        write.close();

        assertThat(versions.openWriters(TableKey.of("orders"))).isZero();
        assertThat(versions.openWritersOfEverything()).isZero();
    }

    @Test
    void closingTwiceReleasesOnce() {
        WriteScope other = versions.openWriteScope();
        other.add(List.of(TableKey.of("orders")));
        WriteScope write = versions.openWriteScope();
        write.add(List.of(TableKey.of("orders")));

        write.close();
        write.close();

        assertThat(versions.openWriters(TableKey.of("orders"))).isEqualTo(1);
        assertThat(versions.stampForFill(List.of(TableKey.of("orders")))).isNull();
    }

    @Test
    void aClosedScopeRefusesNewTables() {
        WriteScope write = versions.openWriteScope();
        write.close();

        assertThatThrownBy(() -> write.add(List.of(TableKey.of("orders")))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(write::addEverything).isInstanceOf(IllegalStateException.class);
        assertThat(versions.openWriters(TableKey.of("orders"))).isZero();
    }

    @Test
    void aScopeIsEmptyUntilSomethingIsAdded() {
        WriteScope tables = versions.openWriteScope();
        WriteScope everything = versions.openWriteScope();
        assertThat(tables.isEmpty()).isTrue();

        tables.add(Set.of(TableKey.of("orders")));
        everything.addEverything();

        assertThat(tables.isEmpty()).isFalse();
        assertThat(everything.isEmpty()).isFalse();
    }

    @Test
    void invalidationsAreCountedOncePerTablePerWrite() {
        versions.invalidate(List.of(TableKey.of("a"), TableKey.of("b")));
        versions.invalidateAll();
        try (WriteScope write = versions.openWriteScope()) {
            write.add(List.of(TableKey.of("c"), TableKey.of("d")));
            write.add(List.of(TableKey.of("c")));
            write.addEverything();
        }

        assertThat(versions.invalidationCount()).isEqualTo(2 + 1 + 2 + 1);
    }
}
