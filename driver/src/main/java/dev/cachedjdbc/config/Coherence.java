package dev.cachedjdbc.config;

import dev.cachedjdbc.analysis.Dialect;
import java.util.Locale;

/** Where a cache learns of writes that do not pass through its own JVM ({@code cache.coherence}). */
public enum Coherence {

    /** {@link #NOTIFY} on PostgreSQL, {@link #LOCAL} on every other database. */
    AUTO,

    /**
     * Only from writes through the driver in this JVM: for a single instance that is the only writer. Writes made
     * elsewhere are seen when entries expire.
     */
    LOCAL,

    /**
     * Every instance announces what its transactions wrote on a PostgreSQL channel and listens to the others'; hits
     * are served only while the channel proves that nothing announced more than {@code cache.maxStaleness} ago is
     * unheard.
     */
    NOTIFY,

    /**
     * The cache follows PostgreSQL's logical decoding of the write-ahead log: every change committed by any client
     * invalidates what it touched, and nothing is announced. Needs {@code wal_level=logical} and a role allowed to
     * replicate.
     */
    LOGICAL;

    /** The values {@code cache.coherence} accepts, in lower case, as written in a URL. */
    static final String[] NAMES = {"auto", "local", "notify", "logical"};

    static Coherence parse(String text) {
        for (Coherence mode : values()) {
            if (mode.name().equalsIgnoreCase(text)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("not one of " + String.join(", ", NAMES));
    }

    /** Whether other instances' writes reach this cache by a change feed. */
    public boolean hasFeed() {
        return this == NOTIFY || this == LOGICAL;
    }

    /** The mode in force on a database of this dialect: {@link #AUTO} resolved. */
    public Coherence on(Dialect dialect) {
        if (this == AUTO) {
            return dialect == Dialect.POSTGRESQL ? NOTIFY : LOCAL;
        }
        return this;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
