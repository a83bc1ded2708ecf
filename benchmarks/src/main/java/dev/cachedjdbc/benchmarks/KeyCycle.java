package dev.cachedjdbc.benchmarks;

/**
 * A small fixed set of first keys taken in turn, so that a benchmark does not read one entry (or one database page)
 * only, and every key of the set is known in advance, so that a hit benchmark can load them all before it measures.
 */
public final class KeyCycle {

    public static final int KEYS = 16;

    private final int[] firstKeys = new int[KEYS];
    private int next;

    /** Keys spread over the table so that ranges of {@code rows} rows starting at them stay inside it. */
    public KeyCycle(int rows) {
        int spacing = Math.max(rows, (ItemsTable.ROWS - rows) / KEYS);
        for (int i = 0; i < KEYS; i++) {
            firstKeys[i] = 1 + i * spacing;
        }
    }

    public int next() {
        int key = firstKeys[next];
        next = (next + 1) % KEYS;
        return key;
    }

    public int key(int index) {
        return firstKeys[index];
    }
}
