package dev.cachedjdbc.analysis;

import java.util.Objects;

/**
 * A table as the cache knows it: the key under which writes and reads of it meet. It is the bare name with case
 * taken out (see {@link CaselessName}), so that a write to {@code s.T} reaches a cached read of {@code t},
 * {@code "T"} or {@code other.t}, whichever way the database folds unquoted names. Schema and catalog are left out
 * on purpose: a name without a schema matches the table of that name in every schema. The rule errs toward matching,
 * since a needless miss is cheap and a missed invalidation is a stale read.
 *
 * <p>Two keys made from names that differ only in case are equal, so a key can be made from any spelling; the
 * {@link #name()} it keeps is the caseless form.
 *
 * @param name the caseless bare name
 */
public record TableKey(String name) {

    public TableKey {
        name = CaselessName.of(Objects.requireNonNull(name, "name"));
    }

    /**
     * The key of a relation as the database stores its name (as a catalog lists it, or a part of a name with its
     * quotes and escapes already resolved).
     */
    public static TableKey of(String storedName) {
        return new TableKey(storedName);
    }

    @Override
    public String toString() {
        return name;
    }
}
