package dev.cachedjdbc.analysis;

import java.util.Objects;

/**
 * A table (or view) name as the dialect resolves it: unquoted parts folded, quoted parts kept exactly (without
 * the quotes). Catalog and schema are null when the statement does not give them. A statement's analysis gives
 * these names, and {@link Dialect#parseTableName(String)} reads one as a user writes it.
 *
 * <p>Immutable, equal by its three parts. It is a class rather than a record only so that it can make its
 * {@link #key()} once: an analysis is shared by every execution of its text, and the write path asks each written
 * table for its key on every execution.
 */
public final class TableName {

    private final String catalog;
    private final String schema;
    private final String name;
    private final TableKey key;

    public TableName(String catalog, String schema, String name) {
        this.catalog = catalog;
        this.schema = schema;
        this.name = Objects.requireNonNull(name, "name");
        this.key = new TableKey(name);
    }

    public static TableName of(String name) {
        return new TableName(null, null, name);
    }

    public static TableName of(String schema, String name) {
        return new TableName(null, schema, name);
    }

    /** The catalog part, null when the name has none. */
    public String catalog() {
        return catalog;
    }

    /** The schema part, null when the name has none. */
    public String schema() {
        return schema;
    }

    /** The bare name. */
    public String name() {
        return name;
    }

    /**
     * The key under which writes and reads of this table meet; see {@link TableKey}. Made with the name, so asking
     * for it allocates nothing. For a name as a user writes it rather than as a statement's analysis gives it, see
     * {@link Dialect#parseTableName(String)}.
     */
    public TableKey key() {
        return key;
    }

    /** True when a write to one may change what a read of the other returns; the rule of {@link TableKey}. */
    public boolean mayBeSameTable(TableName other) {
        return key.equals(other.key);
    }

    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof TableName that && Objects.equals(catalog, that.catalog)
                && Objects.equals(schema, that.schema) && name.equals(that.name);
    }

    @Override
    public int hashCode() {
        // The hash a record of these three parts has, so that sets of names keep the order they had as records.
        return (31 * Objects.hashCode(catalog) + Objects.hashCode(schema)) * 31 + name.hashCode();
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
