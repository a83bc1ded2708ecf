package dev.cachedjdbc.analysis;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a cache needs to know about one SQL text in one dialect. Immutable and shared: the analyser hands the
 * same instance to every caller that sends the same text.
 *
 * @param kind               what the statement does
 * @param tablesRead         every table or view the statement reads, in all its parts (joins, subqueries, CTE
 *                           bodies, set operations); CTE names are not tables
 * @param tablesWritten      every table the statement writes or whose definition it changes
 * @param writesUnknownTables true when the statement may write tables the text does not name (calls, DO blocks,
 *                           functions that are not known to be side-effect free, unknown or multiple statements): a
 *                           cache must treat it as writing everything
 * @param cacheability       whether the result may be reused; anything but {@link Cacheability#CACHEABLE} says why not
 * @param cacheabilityDetail a short human-readable detail of the verdict (for example the function that made it
 *                           volatile), empty when there is none
 * @param normalizedSql      the text for cache keys: a canonical spelling of the statement's tokens, without
 *                           comments, with canonical spacing and keywords in upper case; literals, identifiers,
 *                           quoting and placeholders exactly as written
 * @param parameterCount     the number of {@code ?} placeholders
 * @param transactionControl the transaction effect of a transaction-control statement, NONE for any other kind
 * @param rowRestrictions    for tables whose rows the statement is provably confined to by equalities on some of
 *                           their columns (see {@link RowRestriction}), that restriction, with every confining
 *                           column; a table read or written without one may have any of its rows read or written.
 *                           Only tables named once in the statement can have one, and only single parsed queries that
 *                           may be cached and UPDATE, DELETE or INSERT … VALUES statements that write nothing beyond
 *                           what they name. Which of the columns a cache can use (their types, collations, keys) is
 *                           for the cache to find in the catalog
 * @param namesUsed          every word of the text (identifiers and keywords, quotes removed) and every operator, in
 *                           lower case. A database may run code of its users' making where the text shows only a
 *                           name: a function that shadows a built-in one, an operator, a cast or a domain with a
 *                           check, a function called with attribute notation ({@code r.f} for {@code f(r)}). The name
 *                           that code is known by is among these, so a cache that knows such names from the catalog
 *                           can tell which statements may run it
 * @param sessionEffects     what the statement may do to its session's transaction or private tables beyond its kind
 * @param assignedColumns    for the table a single statement updates through assignments it lists (UPDATE … SET,
 *                           INSERT … ON CONFLICT DO UPDATE SET or ON DUPLICATE KEY UPDATE, MERGE … WHEN MATCHED
 *                           THEN UPDATE SET; see {@link AssignedColumnsFinder}), every name those assignments' targets
 *                           are spelt with: unquoted names folded the dialect's way, quoted names exactly as written.
 *                           The statement changes existing rows of that table in no other column (a trigger or a
 *                           generated column aside, which the catalog knows of). A written table without an entry
 *                           may have any of its columns assigned
 */
public record StatementAnalysis(
        StatementKind kind,
        Set<TableName> tablesRead,
        Set<TableName> tablesWritten,
        boolean writesUnknownTables,
        Cacheability cacheability,
        String cacheabilityDetail,
        String normalizedSql,
        int parameterCount,
        TransactionControl transactionControl,
        Map<TableName, RowRestriction> rowRestrictions,
        Set<String> namesUsed,
        Set<SessionEffect> sessionEffects,
        Map<TableName, Set<String>> assignedColumns) {

    public StatementAnalysis {
        Objects.requireNonNull(kind, "kind");
        tablesRead = Set.copyOf(tablesRead);
        tablesWritten = Set.copyOf(tablesWritten);
        Objects.requireNonNull(cacheability, "cacheability");
        cacheabilityDetail = cacheabilityDetail == null ? "" : cacheabilityDetail;
        Objects.requireNonNull(normalizedSql, "normalizedSql");
        Objects.requireNonNull(transactionControl, "transactionControl");
        rowRestrictions = Map.copyOf(rowRestrictions);
        namesUsed = Set.copyOf(namesUsed);
        sessionEffects = sessionEffects.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(sessionEffects));
        if (writesUnknownTables && !rowRestrictions.isEmpty()) {
            throw new IllegalArgumentException("a statement that may write anything is confined to no rows");
        }
        assignedColumns = copyOfAssigned(assignedColumns);
        if (writesUnknownTables && !assignedColumns.isEmpty()) {
            throw new IllegalArgumentException("a statement that may write anything may assign any column");
        }
        if (cacheability.isCacheable() && (kind != StatementKind.QUERY || writesUnknownTables || !tablesWritten.isEmpty())) {
            throw new IllegalArgumentException("only a query that writes nothing may be cacheable");
        }
    }

    /** An analysis without the columns its assignments list. */
    public StatementAnalysis(StatementKind kind, Set<TableName> tablesRead, Set<TableName> tablesWritten,
            boolean writesUnknownTables, Cacheability cacheability, String cacheabilityDetail, String normalizedSql,
            int parameterCount, TransactionControl transactionControl, Map<TableName, RowRestriction> rowRestrictions,
            Set<String> namesUsed, Set<SessionEffect> sessionEffects) {
        this(kind, tablesRead, tablesWritten, writesUnknownTables, cacheability, cacheabilityDetail, normalizedSql,
                parameterCount, transactionControl, rowRestrictions, namesUsed, sessionEffects, Map.of());
    }

    /** An analysis without the names the text uses. */
    public StatementAnalysis(StatementKind kind, Set<TableName> tablesRead, Set<TableName> tablesWritten,
            boolean writesUnknownTables, Cacheability cacheability, String cacheabilityDetail, String normalizedSql,
            int parameterCount, TransactionControl transactionControl, Map<TableName, RowRestriction> rowRestrictions) {
        this(kind, tablesRead, tablesWritten, writesUnknownTables, cacheability, cacheabilityDetail, normalizedSql,
                parameterCount, transactionControl, rowRestrictions, Set.of(), Set.of());
    }

    /** An analysis without row restrictions or the names the text uses. */
    public StatementAnalysis(StatementKind kind, Set<TableName> tablesRead, Set<TableName> tablesWritten,
            boolean writesUnknownTables, Cacheability cacheability, String cacheabilityDetail, String normalizedSql,
            int parameterCount, TransactionControl transactionControl) {
        this(kind, tablesRead, tablesWritten, writesUnknownTables, cacheability, cacheabilityDetail, normalizedSql,
                parameterCount, transactionControl, Map.of(), Set.of(), Set.of());
    }

    /** This analysis with the names and operators of its text and its effects on the session. */
    StatementAnalysis withTokenFacts(Set<String> names, Set<SessionEffect> effects) {
        return new StatementAnalysis(kind, tablesRead, tablesWritten, writesUnknownTables, cacheability,
                cacheabilityDetail, normalizedSql, parameterCount, transactionControl, rowRestrictions, names, effects,
                assignedColumns);
    }

    /**
     * This text as one that a session reads otherwise than the analysis did (see {@link Cacheability#UNANALYZABLE}):
     * never cached, writing anything, and able to open a transaction or create a temporary table. Its names stay, so
     * that users' code behind them is still found.
     */
    public StatementAnalysis unreadable(String detail) {
        return new StatementAnalysis(StatementKind.UNKNOWN, Set.of(), Set.of(), true, Cacheability.UNANALYZABLE, detail,
                normalizedSql, parameterCount, TransactionControl.NONE, Map.of(), namesUsed,
                EnumSet.of(SessionEffect.MAY_OPEN_TRANSACTION, SessionEffect.MAY_CREATE_TEMPORARY_TABLE));
    }

    /** Whether the statement may have this effect on its session (see {@link SessionEffect}). */
    public boolean may(SessionEffect effect) {
        return sessionEffects.contains(effect);
    }

    public boolean isCacheable() {
        return cacheability.isCacheable();
    }

    /** True when a cache must invalidate something before and after running this statement. */
    public boolean writes() {
        return writesUnknownTables || !tablesWritten.isEmpty();
    }

    /** The reason shown to users: the verdict's description, with the detail when there is one. */
    public String cacheabilityReason() {
        return cacheabilityDetail.isEmpty() ? cacheability.description() : cacheability.description() + ": " + cacheabilityDetail;
    }

    /** The verdict for text that could not be analysed: unknown, never cached, may write anything. */
    public static StatementAnalysis unanalyzable(String normalizedSql, int parameterCount, String detail) {
        return new StatementAnalysis(StatementKind.UNKNOWN, Set.of(), Set.of(), true, Cacheability.UNANALYZABLE, detail,
                normalizedSql, parameterCount, TransactionControl.NONE);
    }

    private static Map<TableName, Set<String>> copyOfAssigned(Map<TableName, Set<String>> assigned) {
        if (assigned.isEmpty()) {
            return Map.of();
        }
        Map<TableName, Set<String>> copy = new HashMap<>();
        assigned.forEach((table, columns) -> copy.put(table, Set.copyOf(columns)));
        return Map.copyOf(copy);
    }
}
