package dev.cachedjdbc.analysis;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import net.sf.jsqlparser.schema.Table;

/** What a walk over one statement found, before it becomes a {@link StatementAnalysis}. */
final class Findings {

    StatementKind kind;
    TransactionControl transactionControl = TransactionControl.NONE;
    final Set<TableName> read = new LinkedHashSet<>();
    final Set<TableName> written = new LinkedHashSet<>();
    boolean writesUnknownTables;
    /** Set when a part of the statement changes rows, even inside a query (writable CTE, SELECT … INTO). */
    boolean changesRows;
    /** Set for statements that return rows but are not plain queries (EXPLAIN, SHOW, COPY … TO). */
    boolean notAPlainQuery;
    String lockingDetail;
    String volatileDetail;
    String unknownFunctionDetail;
    String sessionChangeDetail;
    String systemCatalogDetail;
    /** Why the statement cannot be trusted after all (a construct the walk does not follow), or null. */
    String unanalyzableReason;
    int plainSelects;
    /** The invalidation keys of the CTE names the statement defines: names that stand for no table. */
    final Set<TableKey> cteKeys = new LinkedHashSet<>();
    /** Lower-case names the statement defines or targets (CTEs, aliases, tables): not function calls. */
    final Set<String> localNames = new LinkedHashSet<>();
    /**
     * Every table reference the walk met, each parsed node once however often it was visited: how many times a
     * table is named in the statement, which a row restriction depends on.
     */
    final Set<Table> tableReferences = Collections.newSetFromMap(new IdentityHashMap<>());
    /** The row restrictions of a single parsed statement; none until {@link RowRestrictionFinder} finds some. */
    Map<TableName, RowRestriction> rowRestrictions = Map.of();
    /** The columns a single parsed statement assigns; none until {@link AssignedColumnsFinder} lists some. */
    Map<TableName, Set<String>> assignedColumns = Map.of();

    static Findings of(StatementKind kind) {
        Findings findings = new Findings();
        findings.kind = kind;
        return findings;
    }

    void volatileCall(String detail) {
        if (volatileDetail == null) {
            volatileDetail = detail;
        }
    }

    void unknownCall(String detail) {
        if (unknownFunctionDetail == null) {
            unknownFunctionDetail = detail;
        }
        writesUnknownTables = true;
    }

    void sessionChange(String detail) {
        if (sessionChangeDetail == null) {
            sessionChangeDetail = detail;
        }
    }

    void locking(String detail) {
        if (lockingDetail == null) {
            lockingDetail = detail;
        }
    }

    void unanalyzable(String reason) {
        if (unanalyzableReason == null) {
            unanalyzableReason = reason;
        }
    }

    /** Adds what another statement of the same text found (multi-statement texts, COPY's inner statement). */
    void absorb(Findings other) {
        read.addAll(other.read);
        written.addAll(other.written);
        writesUnknownTables |= other.writesUnknownTables;
        changesRows |= other.changesRows;
        if (lockingDetail == null) {
            lockingDetail = other.lockingDetail;
        }
        if (volatileDetail == null) {
            volatileDetail = other.volatileDetail;
        }
        if (unknownFunctionDetail == null) {
            unknownFunctionDetail = other.unknownFunctionDetail;
        }
        if (sessionChangeDetail == null) {
            sessionChangeDetail = other.sessionChangeDetail;
        }
        if (systemCatalogDetail == null) {
            systemCatalogDetail = other.systemCatalogDetail;
        }
        if (unanalyzableReason == null) {
            unanalyzableReason = other.unanalyzableReason;
        }
        plainSelects += other.plainSelects;
        localNames.addAll(other.localNames);
        cteKeys.addAll(other.cteKeys);
    }
}
