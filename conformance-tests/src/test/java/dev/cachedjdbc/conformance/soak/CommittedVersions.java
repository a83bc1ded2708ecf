package dev.cachedjdbc.conformance.soak;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What the writers of the hot table have done, as the readers' yardstick. Each row's versions are handed out once
 * and only ever grow in the table; a writer publishes a version as committed only after its commit returned, so a
 * read that begins afterwards must see that version or a later one. Versions written by a transaction that was
 * rolled back are remembered too: no reader may ever see one.
 */
final class CommittedVersions {

    private final AtomicLongArray lastCommitted;
    private final AtomicLongArray lastAllocated;
    private final Set<Long> rolledBack = ConcurrentHashMap.newKeySet();

    CommittedVersions(int rows) {
        lastCommitted = new AtomicLongArray(rows);
        lastAllocated = new AtomicLongArray(rows);
    }

    int rows() {
        return lastCommitted.length();
    }

    /** A version of this row that no writer has used yet, larger than every one handed out before. */
    long allocate(int row) {
        return lastAllocated.incrementAndGet(row);
    }

    void committed(int row, long version) {
        lastCommitted.accumulateAndGet(row, version, Math::max);
    }

    void rolledBack(int row, long version) {
        rolledBack.add(key(row, version));
    }

    boolean wasRolledBack(int row, long version) {
        return rolledBack.contains(key(row, version));
    }

    /** The committed versions as a reader takes them before its read begins. */
    long[] snapshot() {
        long[] versions = new long[lastCommitted.length()];
        for (int row = 0; row < versions.length; row++) {
            versions[row] = lastCommitted.get(row);
        }
        return versions;
    }

    private long key(int row, long version) {
        return version * lastCommitted.length() + row;
    }
}
