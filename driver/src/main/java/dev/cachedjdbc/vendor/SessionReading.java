package dev.cachedjdbc.vendor;

/**
 * What the driver learns from reading a session, besides the text that goes into its keys.
 *
 * @param isolation          the isolation level of the session's transactions, as the database names it; empty when
 *                           not read
 * @param backslashEscapes   whether a backslash in a plain string is an escape in this session
 * @param temporaryRelations whether the session has temporary tables, created where the text did not show it
 * @param databaseSettings   the settings that belong to the whole database (see
 *                           {@link DatabaseSupport#hasDatabaseWideSettings()}); null where there are none
 */
public record SessionReading(String isolation, boolean backslashEscapes, boolean temporaryRelations,
        String databaseSettings) {

    public SessionReading {
        isolation = isolation == null ? "" : isolation;
    }
}
