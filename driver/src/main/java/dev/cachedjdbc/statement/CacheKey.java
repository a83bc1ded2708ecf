package dev.cachedjdbc.statement;

import dev.cachedjdbc.result.SizeEstimates;
import java.util.Arrays;

/**
 * What makes two executions return the same rows within one cache (one database, user and settings): the
 * normalized SQL, every bound parameter with its type, the connection's session state and the row limit.
 */
public final class CacheKey {
    /** The key object: three references, the row limit and the hash. */
    private static final long OWN_BYTES = SizeEstimates.padded(SizeEstimates.OBJECT_HEADER
            + 3L * SizeEstimates.REFERENCE + 8 + 4);

    private final String normalizedSql;
    private final Object[] parameters;
    private final String session;
    private final long maxRows;
    private final int hash;

    /** The bound parameters, as {@link BoundParameters#snapshot()} gave them; not to be changed. */
    Object[] parameters() {
        return parameters;
    }

    /**
     * The statement's normalized text, shared with its analysis and every key of the statement; it names the
     * statement for {@link dev.cachedjdbc.cache.AdmissionPolicy}.
     */
    public String normalizedSql() {
        return normalizedSql;
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

    /**
     * Estimated heap held by the key itself, counted with the entry it names: the key object, its parameter array and
     * each parameter. The normalized text is the statement analysis's and the session text is interned, both shared
     * by every key of their statement and session, so neither is counted here.
     */
    public long estimatedBytes() {
        long bytes = OWN_BYTES + SizeEstimates.array(parameters.length);
        for (Object parameter : parameters) {
            bytes += BoundParameters.estimatedBytes(parameter);
        }
        return bytes;
    }

    @Override
    public String toString() {
        return normalizedSql + " " + Arrays.toString(parameters);
    }
}
