package dev.cachedjdbc.statement;

import java.util.Arrays;

/**
 * What makes two executions return the same rows within one cache (one database, user and settings): the
 * normalized SQL, every bound parameter with its type, the connection's session state and the row limit.
 */
public final class CacheKey {
    private final String normalizedSql;
    private final Object[] parameters;
    private final String session;
    private final long maxRows;
    private final int hash;

    /** The bound parameters, as {@link BoundParameters#snapshot()} gave them; not to be changed. */
    Object[] parameters() {
        return parameters;
    }

    public CacheKey(String normalizedSql, Object[] parameters, String session, long maxRows) {
        this.normalizedSql = normalizedSql;
        this.parameters = parameters;
        this.session = session;
        this.maxRows = maxRows;
        int h = normalizedSql.hashCode();
        h = 31 * h + Arrays.hashCode(parameters);
        h = 31 * h + session.hashCode();
        h = 31 * h + Long.hashCode(maxRows);
        this.hash = h;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof CacheKey key)) {
            return false;
        }
        return hash == key.hash
                && maxRows == key.maxRows
                && normalizedSql.equals(key.normalizedSql)
                && session.equals(key.session)
                && Arrays.equals(parameters, key.parameters);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** Estimated heap held by the key itself, counted with the entry it names. */
    long estimatedBytes() {
        return 64L + 2L * normalizedSql.length() + 16L * parameters.length;
    }

    @Override
    public String toString() {
        return normalizedSql + " " + Arrays.toString(parameters);
    }
}
