package dev.cachedjdbc.connection;

import dev.cachedjdbc.analysis.TableKey;
import dev.cachedjdbc.schema.SchemaDependencies;
import java.util.Set;

/**
 * The relations whose reads include rows of a table in cache.excludeTables, as one catalog snapshot shows them (see
 * {@link SchemaDependencies#readersOf}): worked out once per snapshot, so that planning a read stays a set lookup
 * per table.
 */
final class ExcludedReads {

    private final Set<TableKey> excludeTables;
    /** Immutable, so that a racing reader sees either it whole or an older one. */
    private volatile Reach last;

    ExcludedReads(Set<TableKey> excludeTables) {
        this.excludeTables = excludeTables;
    }

    /** The keys whose reads must not be cached under this snapshot. */
    Set<TableKey> under(SchemaDependencies dependencies) {
        if (excludeTables.isEmpty()) {
            return Set.of();
        }
        Reach reach = last;
        if (reach == null || reach.dependencies != dependencies) {
            reach = new Reach(dependencies, dependencies.readersOf(excludeTables));
            last = reach;
        }
        return reach.keys;
    }

    /** Whether the table itself is excluded, rather than reached from an excluded one. */
    boolean named(TableKey tableKey) {
        return excludeTables.contains(tableKey);
    }

    private record Reach(SchemaDependencies dependencies, Set<TableKey> keys) {
    }
}
