package dev.cachedjdbc.driver;

import dev.cachedjdbc.analysis.StatementAnalysis;
import dev.cachedjdbc.schema.SchemaDependencies;
import java.util.List;

/**
 * How a query is cached on one database: the invalidation keys of the tables it reads, or why it is not cached
 * there. Made once per statement and catalog snapshot, so that a hit does no work on table names.
 *
 * @param analysis     the query's analysis
 * @param dependencies the catalog snapshot the plan was made against; a newer snapshot means a new plan
 * @param tableKeys    the tables whose writes make a cached result stale
 * @param refusal      why the query is not cached on this database, null when it is
 */
record ReadPlan(StatementAnalysis analysis, SchemaDependencies dependencies, List<String> tableKeys, String refusal) {

    boolean cacheable() {
        return refusal == null;
    }
}
