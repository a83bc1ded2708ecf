package dev.cachedjdbc.result;

import java.sql.SQLWarning;
import java.util.ArrayList;
import java.util.List;

/**
 * The warnings a statement reported while a result was loaded (a PostgreSQL NOTICE, say), kept with the result so
 * that a hit reports them as the execution it stands for did. Each read makes a new chain: callers may link to it.
 */
public final class WarningSnapshot {

    static final WarningSnapshot NONE = new WarningSnapshot(List.of());

    private final List<Warning> warnings;

    private WarningSnapshot(List<Warning> warnings) {
        this.warnings = warnings;
    }

    /** A copy of a warning chain; null or an empty chain gives {@link #NONE}. */
    public static WarningSnapshot of(SQLWarning chain) {
        List<Warning> warnings = new ArrayList<>();
        for (SQLWarning warning = chain; warning != null; warning = warning.getNextWarning()) {
            warnings.add(new Warning(warning.getMessage(), warning.getSQLState(), warning.getErrorCode()));
        }
        return warnings.isEmpty() ? NONE : new WarningSnapshot(List.copyOf(warnings));
    }

    /** A new chain of the kept warnings, or null when there were none, as {@code Statement.getWarnings()} gives. */
    public SQLWarning toChain() {
        SQLWarning first = null;
        for (Warning warning : warnings) {
            SQLWarning copy = new SQLWarning(warning.message(), warning.sqlState(), warning.vendorCode());
            if (first == null) {
                first = copy;
            } else {
                first.setNextWarning(copy);
            }
        }
        return first;
    }

    long estimatedBytes() {
        long bytes = SizeEstimates.OBJECT_HEADER;
        for (Warning warning : warnings) {
            bytes += SizeEstimates.OBJECT_HEADER + SizeEstimates.string(String.valueOf(warning.message()))
                    + SizeEstimates.string(String.valueOf(warning.sqlState()));
        }
        return bytes;
    }

    private record Warning(String message, String sqlState, int vendorCode) {
    }
}
