package dev.cachedjdbc.analysis;

import java.util.Objects;

/**
 * A table (or view) name as the dialect resolves it: unquoted parts folded, quoted parts kept exactly (without
 * the quotes). Catalog and schema are null when the statement does not give them. A statement's analysis gives
 * these names, and {@link Dialect#parseTableName(String)} reads one as a user writes it.
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

    /** The key under which writes and reads of this table meet; see {@link TableKey}. */
    public TableKey key() {
        return new TableKey(name);
    }

    /**
     * The text of {@link #key()}, for the maps that still hold keys as strings. For a name as a user writes it rather
     * than as a statement's analysis gives it, see {@link Dialect#parseTableName(String)}.
     */
    public String invalidationKey() {
        return CaselessName.of(name);
    }

    /** True when a write to one may change what a read of the other returns; the rule of {@link TableKey}. */
    public boolean mayBeSameTable(TableName other) {
        return key().equals(other.key());
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
