package dev.cachedjdbc.cache;

/**
 * The versions of the tables a query reads (and of "everything"), captured before the query ran. A cached result
 * carries the stamp of the query that produced it and may be served only while the stamp is current.
 *
 * <p>It keeps the counters themselves next to the captured values, so checking it is a walk over two arrays with
 * no map lookup and no allocation.
 */
public final class VersionStamp {

    private final TableCounter[] counters;
    private final long[] capturedVersions;

    VersionStamp(TableCounter[] counters, long[] capturedVersions) {
        this.counters = counters;
        this.capturedVersions = capturedVersions;
    }

    boolean isCurrent() {
        for (int i = 0; i < counters.length; i++) {
            if (counters[i].version() != capturedVersions[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("VersionStamp[");
        for (int i = 0; i < counters.length; i++) {
            if (i > 0) {
                text.append(", ");
            }
            text.append(counters[i].name()).append("@v").append(capturedVersions[i]);
        }
        return text.append(']').toString();
    }
}
