package dev.cachedjdbc.connection;

import dev.cachedjdbc.analysis.StatementAnalysis;
import dev.cachedjdbc.analysis.TableKey;
import dev.cachedjdbc.cache.TableReads;
import dev.cachedjdbc.schema.SchemaDependencies;
import java.util.List;
import java.util.Map;

/**
 * How a query is cached on one database: the keys of the tables it reads, or why it is not cached there. Made once
 * per statement and catalog snapshot, so that a hit does no work on table names.
 *
 * @param analysis        the query's analysis
 * @param dependencies    the catalog snapshot the plan was made against; a newer snapshot means a new plan
 * @param tableKeys       the tables whose writes make a cached result stale
 * @param rowRestrictions of those tables, the ones the query reads only some rows of, by the columns the database
 *                        compares exactly (see {@link SchemaDependencies#exactColumns}); writes of other rows leave
 *                        its result current
 * @param refusal         why the query is not cached on this database, null when it is
 */
public record ReadPlan(StatementAnalysis analysis, SchemaDependencies dependencies, List<TableKey> tableKeys,
        Map<TableKey, ExactRestriction> rowRestrictions, String refusal) {

    public ReadPlan {
        tableKeys = List.copyOf(tableKeys);
        rowRestrictions = Map.copyOf(rowRestrictions);
    }

    static ReadPlan refused(StatementAnalysis analysis, SchemaDependencies dependencies, String refusal) {
        return new ReadPlan(analysis, dependencies, List.of(), Map.of(), refusal);
    }

    public boolean cacheable() {
        return refusal == null;
    }

    /** What one execution reads, given its bound parameters. */
    public TableReads reads(Object[] parameters) {
        TableReads.Builder reads = TableReads.builder();
        for (TableKey key : tableKeys) {
            ExactRestriction restriction = rowRestrictions.get(key);
            reads.rows(key, restriction == null ? null : restriction.rows(parameters));
        }
        return reads.build();
    }
}
