package dev.cachedjdbc.analysis;

import java.util.Objects;

/**
 * A table (or view) name as the dialect resolves it: unquoted parts folded, quoted parts kept exactly (without
 * the quotes). Catalog and schema are kept as written, and are null when the statement does not give them.
 */
public record TableName(String catalog, String schema, String name) {

    public TableName {
        Objects.requireNonNull(name, "name");
    }

    public static TableName of(String name) {
        return new TableName(null, null, name);
    }

    public static TableName of(String schema, String name) {
        return new TableName(null, schema, name);
    }

    /**
     * The key under which writes and reads of this table meet. It is the bare name with case taken out (see
     * {@link CaselessName}), so that a write to {@code s.T} reaches a cached read of {@code t}, {@code "T"} or
     * {@code other.t}, whichever way the database folds unquoted names: the rule errs toward matching, since a
     * needless miss is cheap and a missed invalidation is a stale read. For a name as a user writes it rather than
     * as a statement's analysis gives it, see {@link Dialect#invalidationKey(String)}.
     */
    public String invalidationKey() {
        return CaselessName.of(name);
    }

    /** True when a write to one may change what a read of the other returns; the rule of {@link #invalidationKey()}. */
    public boolean mayBeSameTable(TableName other) {
        return invalidationKey().equals(other.invalidationKey());
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        if (catalog != null) {
            text.append(catalog).append('.');
        }
        if (schema != null) {
            text.append(schema).append('.');
        }
        return text.append(name).toString();
    }
}
