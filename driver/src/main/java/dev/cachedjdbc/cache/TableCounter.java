package dev.cachedjdbc.cache;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The version and the open-writer count of one invalidation key (a table, or "everything").
 *
 * <p>Both fields are volatile and changed only by volatile-mode atomic additions, so every read and change of them
 * takes part in one total order that respects each thread's program order; the argument in {@link TableVersions}
 * relies on exactly that.
 */
final class TableCounter {

    private static final VarHandle VERSION;
    private static final VarHandle OPEN_WRITERS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            VERSION = lookup.findVarHandle(TableCounter.class, "version", long.class);
            OPEN_WRITERS = lookup.findVarHandle(TableCounter.class, "openWriters", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** What it counts, for diagnostics: the table's name and which of its counters (see {@link TableState}). */
    private final String name;
    private volatile long version;
    private volatile int openWriters;

    TableCounter(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    long version() {
        return version;
    }

    boolean hasOpenWriter() {
        return openWriters > 0;
    }

    int openWriters() {
        return openWriters;
    }

    void bumpVersion() {
        VERSION.getAndAdd(this, 1L);
    }

    void writerOpened() {
        OPEN_WRITERS.getAndAdd(this, 1);
    }

    void writerClosed() {
        OPEN_WRITERS.getAndAdd(this, -1);
    }

    @Override
    public String toString() {
        return name + "@v" + version + (openWriters > 0 ? "(" + openWriters + " writing)" : "");
    }
}
