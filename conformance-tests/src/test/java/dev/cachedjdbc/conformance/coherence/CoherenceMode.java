package dev.cachedjdbc.conformance.coherence;

/**
 * The {@code cache.coherence} mode the caching instances of a run use, and whether it hears writes that pass through
 * no instance of the driver: only then are the external writer's writes judged with the instances' own.
 */
enum CoherenceMode {

    /** Instances announce their writes on LISTEN/NOTIFY: writes made through a plain connection are not heard. */
    NOTIFY("notify", false),
    /** The database's own change stream (logical decoding): every committed write is heard, whoever made it. */
    LOGICAL("logical", true);

    private final String property;
    private final boolean hearsExternalWrites;

    CoherenceMode(String property, boolean hearsExternalWrites) {
        this.property = property;
        this.hearsExternalWrites = hearsExternalWrites;
    }

    /** The value of {@code cache.coherence}, which is also what {@code CoherenceStatus.mode()} reports. */
    String property() {
        return property;
    }

    boolean hearsExternalWrites() {
        return hearsExternalWrites;
    }

    /** The connections one instance's feed holds: LISTEN/NOTIFY's one, or logical decoding's stream and heartbeats. */
    int connectionsPerFeed() {
        return this == LOGICAL ? 2 : 1;
    }

    /** Whether instances announce their writes (and count the announcements): only on LISTEN/NOTIFY. */
    boolean announces() {
        return this == NOTIFY;
    }

    static CoherenceMode of(String property) {
        for (CoherenceMode mode : values()) {
            if (mode.property.equals(property)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("no coherence mode " + property);
    }
}
