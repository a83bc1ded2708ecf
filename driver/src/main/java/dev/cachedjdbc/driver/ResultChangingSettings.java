package dev.cachedjdbc.driver;

/**
 * The settings of one statement under which the database's driver returns something other than what a cached result
 * holds: while any of them is in force the statement's executions neither read the cache nor fill it.
 *
 * <ul>
 *   <li>escape processing off: the same text means something else to the database's driver;</li>
 *   <li>a field size limit: the driver cuts character and binary values to it (pgjdbc does);</li>
 *   <li>the driver's own statement handed out through {@code unwrap}: the caller may change settings this driver
 *       never sees (pgjdbc's {@code setPrepareThreshold} switches values to their binary form, which several
 *       getters render differently), so from then on the statement is the database's driver's alone.</li>
 * </ul>
 * The other settings leave the rows alone: the row limit is part of the key; fetch size and direction, query
 * timeout, cursor name, poolability and closeOnCompletion change how or whether rows arrive, not which.
 */
final class ResultChangingSettings {

    private boolean escapeProcessingOff;
    private boolean fieldSizeLimited;
    private boolean driverStatementHandedOut;
    /** The verdict, kept current by every setter so that a hit reads one field. */
    private boolean allowCache = true;

    void escapeProcessing(boolean enabled) {
        escapeProcessingOff = !enabled;
        decide();
    }

    void maxFieldSize(int max) {
        fieldSizeLimited = max > 0;
        decide();
    }

    void driverStatementHandedOut() {
        driverStatementHandedOut = true;
        decide();
    }

    boolean allowCache() {
        return allowCache;
    }

    private void decide() {
        allowCache = !escapeProcessingOff && !fieldSizeLimited && !driverStatementHandedOut;
    }
}
