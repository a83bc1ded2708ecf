package dev.cachedjdbc.cache;

/**
 * What a {@link QueryCache} tells about each entry it stored: its first read, and its removal (invalidated, expired,
 * evicted, replaced or dropped) with how often it had been read by then. Called on the thread that read or removed
 * the entry, never under a lock of the cache, and must be quick: a first read happens on the hit path.
 *
 * @param <K> the cache's key
 */
public interface EntryFates<K> {

    /** The entry of this key was read for the first time. */
    void firstRead(K key);

    /**
     * The entry of this key left the cache after {@code reads} reads, counted up to {@link CacheEntry#COUNTED_READS}
     * and no further: zero means nobody read it.
     */
    void removed(K key, int reads);

    /** Fates nobody listens to. */
    static <K> EntryFates<K> ignored() {
        return new EntryFates<>() {
            @Override
            public void firstRead(K key) {
            }

            @Override
            public void removed(K key, int reads) {
            }
        };
    }
}
