package dev.cachedjdbc.benchmarks.mixes;

/**
 * One client thread's freshness check of its reads. Before a read statement the client names the rows it may
 * return ({@link #expect}), which notes each row's floor in its ledger; after it, the version of each row it
 * returned ({@link #returned}). A statement is a stale read when any row it returned is older than that row's
 * floor. Also counts every read statement, checked or not, for the loads-per-read figure.
 */
final class ReadCheck {

    private static final int MOST_ROWS_EXPECTED = 64;

    private final VersionLedger[] ledgers = new VersionLedger[MOST_ROWS_EXPECTED];
    private final long[] rows = new long[MOST_ROWS_EXPECTED];
    private final long[] floors = new long[MOST_ROWS_EXPECTED];
    private int expected;
    private boolean stale;
    private long readStatements;
    private long checkedReads;
    private long staleReads;

    /** A read statement that returns no versioned rows: counted, not checked. */
    void unchecked() {
        readStatements++;
    }

    /** Before a checked read statement: the rows it may return are named next. */
    void beginRead() {
        expected = 0;
        stale = false;
    }

    /** Notes the row's floor now, before the read statement runs. */
    void expect(VersionLedger ledger, long row) {
        if (expected == MOST_ROWS_EXPECTED) {
            throw new IllegalStateException("More than " + MOST_ROWS_EXPECTED + " rows expected from one read");
        }
        ledgers[expected] = ledger;
        rows[expected] = row;
        floors[expected] = ledger.floor(row);
        expected++;
    }

    /** A row the read statement returned, with the version it returned it at. */
    void returned(VersionLedger ledger, long row, long version) {
        for (int i = 0; i < expected; i++) {
            if (ledgers[i] == ledger && rows[i] == row) {
                if (version < floors[i]) {
                    stale = true;
                }
                return;
            }
        }
        throw new IllegalStateException("A read returned row " + row + " of " + ledger + ", which it was not"
                + " expected to return: the mix names the wrong rows");
    }

    /** After the read statement: counts it, and counts it stale if any row it returned was. */
    void endRead() {
        readStatements++;
        checkedReads++;
        if (stale) {
            staleReads++;
        }
    }

    long readStatements() {
        return readStatements;
    }

    long checkedReads() {
        return checkedReads;
    }

    long staleReads() {
        return staleReads;
    }
}
