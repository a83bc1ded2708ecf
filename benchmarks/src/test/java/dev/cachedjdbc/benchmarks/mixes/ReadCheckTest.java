package dev.cachedjdbc.benchmarks.mixes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReadCheckTest {

    private final VersionLedger rows = new VersionLedger("rows");
    private final ReadCheck check = new ReadCheck();

    @Test
    void aReadOfTheLatestCommittedVersionIsFresh() {
        rows.committed(7, 12);
        read(7, 12);
        assertThat(check.checkedReads()).isEqualTo(1);
        assertThat(check.staleReads()).isZero();
    }

    @Test
    void aReadOlderThanAWriteCommittedBeforeItBeganIsStale() {
        rows.committed(7, 12);
        read(7, 11);
        assertThat(check.staleReads()).isEqualTo(1);
    }

    @Test
    void aWriteCommittedAfterTheReadBeganDoesNotMakeItStale() {
        rows.committed(7, 12);
        check.beginRead();
        check.expect(rows, 7);
        rows.committed(7, 13); // commits while the read runs: the read may return either version
        check.returned(rows, 7, 12);
        check.endRead();
        assertThat(check.staleReads()).isZero();
    }

    @Test
    void theLedgerKeepsTheHighestVersionWhateverOrderWritersRecordIn() {
        rows.committed(7, 13);
        rows.committed(7, 12);
        assertThat(rows.floor(7)).isEqualTo(13);
        assertThat(rows.floor(8)).isZero();
    }

    @Test
    void oneStaleRowMakesTheWholeStatementOneStaleRead() {
        VersionLedger others = new VersionLedger("others");
        rows.committed(1, 5);
        others.committed(1, 9);
        check.beginRead();
        check.expect(rows, 1);
        check.expect(others, 1);
        check.returned(rows, 1, 5);
        check.returned(others, 1, 8);
        check.endRead();
        assertThat(check.staleReads()).isEqualTo(1);
        assertThat(check.checkedReads()).isEqualTo(1);
    }

    @Test
    void eachReadIsJudgedByItsOwnFloors() {
        rows.committed(7, 12);
        read(7, 11);
        read(7, 12);
        assertThat(check.checkedReads()).isEqualTo(2);
        assertThat(check.staleReads()).isEqualTo(1);
    }

    @Test
    void aRowTheReadWasNotExpectedToReturnFailsTheRun() {
        check.beginRead();
        check.expect(rows, 7);
        assertThatThrownBy(() -> check.returned(rows, 8, 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("row 8 of rows");
        assertThatThrownBy(() -> check.returned(new VersionLedger("others"), 7, 1))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void uncheckedReadsCountAsReadsButNotAsChecked() {
        check.unchecked();
        read(7, 0);
        assertThat(check.readStatements()).isEqualTo(2);
        assertThat(check.checkedReads()).isEqualTo(1);
    }

    private void read(long row, long returnedVersion) {
        check.beginRead();
        check.expect(rows, row);
        check.returned(rows, row, returnedVersion);
        check.endRead();
    }
}
