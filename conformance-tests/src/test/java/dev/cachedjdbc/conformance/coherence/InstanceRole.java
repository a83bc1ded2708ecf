package dev.cachedjdbc.conformance.coherence;

/**
 * What an {@link ApplicationInstance} does during a run, and how the parent judges its records.
 */
enum InstanceRole {

    /** Reads, and writes of every kind (autocommit, committed and rolled-back transactions), through the cache. */
    MIXED("mixed", true, true),
    /** Reads only, through the cache. */
    READER("reader", true, false),
    /** Autocommit writes only, through the cache. */
    AUTOCOMMIT_WRITER("autocommit-writer", false, true),
    /**
     * Reads only, through the cache with {@code cache.coherence=local}, which hears no other instance: the control
     * whose stale reads show that the check can fail.
     */
    LOCAL_READER("local-reader", true, false),
    /**
     * Writes of every kind through a plain pgjdbc connection, not the caching driver: another application writing
     * the same table. Its writes are recorded like the instances'; they are judged with them only where the run's
     * coherence mode hears writes made outside the driver.
     */
    EXTERNAL_WRITER("external-writer", false, true);

    private final String argument;
    private final boolean reads;
    private final boolean writes;

    InstanceRole(String argument, boolean reads, boolean writes) {
        this.argument = argument;
        this.reads = reads;
        this.writes = writes;
    }

    /** How the role is named on an instance's command line. */
    String argument() {
        return argument;
    }

    boolean reads() {
        return reads;
    }

    boolean writes() {
        return writes;
    }

    /** Whether it writes only in autocommit. */
    boolean autocommitOnly() {
        return this == AUTOCOMMIT_WRITER;
    }

    /** Whether it goes through the caching driver. */
    boolean caches() {
        return this != EXTERNAL_WRITER;
    }

    /** The {@code cache.coherence} it runs with in a run of this mode. */
    String coherence(CoherenceMode mode) {
        return this == LOCAL_READER ? "local" : mode.property();
    }

    /** Whether its reads are judged against the bound: a caching instance that hears the others. */
    boolean judged() {
        return caches() && this != LOCAL_READER;
    }

    boolean control() {
        return this == LOCAL_READER;
    }

    boolean external() {
        return this == EXTERNAL_WRITER;
    }

    static InstanceRole of(String argument) {
        for (InstanceRole role : values()) {
            if (role.argument.equals(argument)) {
                return role;
            }
        }
        throw new IllegalArgumentException("no instance role " + argument);
    }
}
