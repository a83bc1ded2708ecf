package dev.cachedjdbc.connection;

import dev.cachedjdbc.analysis.RowRestriction;
import dev.cachedjdbc.analysis.StatementAnalysis;
import dev.cachedjdbc.analysis.TableKey;
import dev.cachedjdbc.analysis.TableName;
import dev.cachedjdbc.runtime.DatabaseRuntime;
import dev.cachedjdbc.schema.SchemaDependencies;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides, for one connection, whether and how a query's result may be cached on its database, from the analysis and
 * the catalog: the tables whose writes make it stale and the row keys it is confined to, or why it is never cached.
 * Plans are immutable and tied to one catalog snapshot; the last one made is kept, since applications prepare the
 * same statement again and again.
 */
final class ReadPlanner {

    /**
     * A query that reads no table (SELECT 1, VALUES …) costs the database a lookup at most, and is what pools send to
     * check a connection: answered from the cache, it would pass on a connection the database's driver has lost.
     */
    private static final String NO_TABLE_READ = "it reads no table (a connection check must reach the database)";

    private final DatabaseRuntime database;
    private final ExcludedReads excludedReads;
    /** Reads the catalog where it is due; the connection's, since only a connection can read it. */
    private final Runnable refreshCatalogIfDue;
    /** The plan made last on this connection; immutable, so a racing reader sees either it whole or an older one. */
    private volatile ReadPlan lastPlan;

    ReadPlanner(DatabaseRuntime database, ExcludedReads excludedReads, Runnable refreshCatalogIfDue) {
        this.database = database;
        this.excludedReads = excludedReads;
        this.refreshCatalogIfDue = refreshCatalogIfDue;
    }

    /**
     * How this query is cached on this database, or why not: queries that may run users' code (see
     * {@link dev.cachedjdbc.schema.UserCode}), excluded tables and whatever reads their rows (views, synonyms,
     * inheritance parents and children), tables with row-level security and views whose definition is not cacheable
     * are never cached.
     */
    ReadPlan plan(StatementAnalysis analysis) {
        if (!analysis.isCacheable()) {
            return ReadPlan.refused(analysis, database.dependencies(), analysis.cacheabilityReason());
        }
        if (analysis.tablesRead().isEmpty()) {
            return ReadPlan.refused(analysis, database.dependencies(), NO_TABLE_READ);
        }
        if (!database.dependenciesKnown()) {
            refreshCatalogIfDue.run();
        }
        SchemaDependencies dependencies = database.dependencies();
        if (!database.dependenciesKnown()) {
            // After DDL a table may have gained row-level security or become a view: wait for the catalog.
            return ReadPlan.refused(analysis, dependencies, "the catalog has not been read since the last DDL");
        }
        String userCode = dependencies.userCode().refusal(analysis.namesUsed());
        if (userCode != null) {
            return ReadPlan.refused(analysis, dependencies, userCode);
        }
        List<TableKey> keys = new ArrayList<>(analysis.tablesRead().size());
        Set<TableKey> excluded = excludedReads.under(dependencies);
        for (TableName table : analysis.tablesRead()) {
            TableKey key = table.key();
            if (excluded.contains(key)) {
                return ReadPlan.refused(analysis, dependencies, "table " + table + (excludedReads.named(key)
                        ? " is in cache.excludeTables"
                        : " reads rows of a table in cache.excludeTables (through a view, synonym or inheritance)"));
            }
            if (dependencies.isUncacheableRead(key)) {
                return ReadPlan.refused(analysis, dependencies, "table " + table
                        + " is a sequence or has row-level security, or is a view that reads such a relation or calls a"
                        + " volatile function");
            }
            keys.add(key);
        }
        return new ReadPlan(analysis, dependencies, keys, rowRestrictions(analysis, keys, dependencies), null);
    }

    /**
     * The analysis's row restrictions that the catalog backs: on columns the database compares exactly, for a table
     * no other name of the statement shares an invalidation key with.
     */
    private static Map<TableKey, ExactRestriction> rowRestrictions(StatementAnalysis analysis, List<TableKey> tableKeys,
            SchemaDependencies dependencies) {
        Map<TableKey, ExactRestriction> backed = Map.of();
        for (Map.Entry<TableName, RowRestriction> entry : analysis.rowRestrictions().entrySet()) {
            TableKey key = entry.getKey().key();
            ExactRestriction restriction = Collections.frequency(tableKeys, key) == 1
                    ? ExactRestriction.of(entry.getValue(), dependencies.exactColumns(key)) : null;
            if (restriction != null) {
                if (backed.isEmpty()) {
                    backed = Map.of(key, restriction);
                } else {
                    backed = new HashMap<>(backed);
                    backed.put(key, restriction);
                }
            }
        }
        return backed;
    }

    /** A plan made earlier, or a new one when the catalog snapshot changed since. */
    ReadPlan current(ReadPlan plan, StatementAnalysis analysis) {
        if (isCurrent(plan, analysis)) {
            return plan;
        }
        // Applications prepare the same statement again and again on one connection: the last plan made here
        // spares a new statement the work of planning (and its allocation) on a hit.
        ReadPlan last = lastPlan;
        if (isCurrent(last, analysis)) {
            return last;
        }
        ReadPlan made = plan(analysis);
        lastPlan = made;
        return made;
    }

    private boolean isCurrent(ReadPlan plan, StatementAnalysis analysis) {
        return plan != null && plan.analysis() == analysis && holds(plan);
    }

    /** Whether the plan was made from the catalog as the database runtime knows it now. */
    boolean holds(ReadPlan plan) {
        return plan.dependencies() == database.dependencies() && database.dependenciesKnown();
    }
}
