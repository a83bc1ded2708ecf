package dev.cachedjdbc.schema;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The columns of a table an UPDATE must assign for something to fire: a foreign key's ON UPDATE action (its
 * referenced columns) or an UPDATE OF trigger (its column list); or every update. Names are compared without case
 * ({@link CatalogFacts#caseless}), which can only make more updates fire.
 */
final class FiringColumns {

    /** Fires on every update of the table, whichever columns it assigns. */
    static final FiringColumns ANY = new FiringColumns(null);

    /** Caseless names; null for {@link #ANY}. */
    private final Set<String> columns;

    private FiringColumns(Set<String> columns) {
        this.columns = columns;
    }

    /** Fires when one of these columns is assigned; {@link #ANY} when they are not known (null or none). */
    static FiringColumns of(Collection<String> names) {
        if (names == null || names.isEmpty()) {
            return ANY;
        }
        Set<String> caseless = new HashSet<>();
        for (String name : names) {
            if (name == null) {
                return ANY;
            }
            caseless.add(CatalogFacts.caseless(name));
        }
        return new FiringColumns(Set.copyOf(caseless));
    }

    /** Fires when either does. */
    FiringColumns or(FiringColumns other) {
        if (columns == null || other.columns == null) {
            return ANY;
        }
        Set<String> both = new HashSet<>(columns);
        both.addAll(other.columns);
        return new FiringColumns(Set.copyOf(both));
    }

    /**
     * Whether an update assigning these columns (caseless, see {@link RowEvents#assignedColumns}) fires it; an update
     * whose columns are not known (null) fires everything.
     */
    boolean firedBy(Set<String> assigned) {
        if (columns == null || assigned == null) {
            return true;
        }
        for (String column : assigned) {
            if (columns.contains(column)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return columns == null ? "any column" : columns.toString();
    }
}
