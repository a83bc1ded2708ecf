package dev.cachedjdbc.result;

/** Why a captured result was streamed to the caller instead of cached. */
public enum UncachedReason {
    TOO_MANY_ROWS("the result has more rows than a cached result may hold"),
    TOO_MANY_BYTES("the result is larger than a cached result may be"),
    UNCACHEABLE_VALUE("the result holds a value that cannot be kept beyond its result set"
            + " (a LOB, SQLXML, struct, or a value of unknown mutability)"),
    UNREADABLE("the driver could not describe or read the result the way caching needs");

    private final String description;

    UncachedReason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
