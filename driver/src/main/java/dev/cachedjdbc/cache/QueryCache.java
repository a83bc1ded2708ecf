package dev.cachedjdbc.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Policy;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.cachedjdbc.analysis.TableKey;
import dev.cachedjdbc.driver.CacheStatistics;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;
import java.util.function.ToLongBiFunction;
import java.util.function.ToLongFunction;

/**
 * One cache of query results (one per database + user + settings); values are immutable and shared.
 *
 * <p>An entry keeps the {@link VersionStamp} captured before the query that produced it, and is served only while
 * that stamp is current, so a write that began after the query started hides the entry at once. Concurrent loads
 * of one key are coalesced: one caller (the leader) runs the query and the others wait for its value, each turning
 * it into its own result. No lock is held while a query runs, and loads of different keys never wait on each other.
 *
 * <p>With refresh-ahead, a hit on an entry near the end of its lifetime may choose its caller to reload it early
 * ({@link EarlyRefresh}): {@link #getIfFresh} then answers null, and the caller's {@link #load} runs the query as a
 * miss would, while every other caller keeps hitting the entry until its own lifetime ends. At most one caller per
 * entry is chosen, and none while a load of the key is in flight. The reload is a load like any other: its own stamp,
 * taken before its query, a lifetime counted from its start, stored only if its stamp is still current. It never
 * extends the old entry, which is served only within its own lifetime and while its own stamp is current.
 */
public final class QueryCache<K, V> {

    private static final System.Logger LOG = System.getLogger(QueryCache.class.getName());

    /**
     * What the cache keeps for each entry besides its key and value, for weighers that count it, counted with references
     * of 8 bytes and headers of 16 whatever the JVM uses (under compressed references it is about a quarter less): the
     * bounded map's node (96) and the hash table's node and slots (64), the entry with its lifetime and weight (48), and
     * the stamp of its load with the counters of the database, a table and a row bucket (112).
     */
    public static final long ENTRY_BOOKKEEPING_BYTES = 96 + 64 + 48 + 112;

    private final QueryCacheSettings settings;
    private final TableVersions versions;
    private final ToLongBiFunction<? super K, ? super V> weigher;
    private final Ticker ticker;
    private final EntryLifetimes lifetimes;
    private final EarlyRefresh earlyRefresh;
    private final long singleFlightTimeoutNanos;
    private final EntryFates<? super K> fates;

    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder loads = new LongAdder();
    private final LongAdder loadFailures = new LongAdder();
    private final LongAdder coalescedWaits = new LongAdder();
    private final LongAdder refreshes = new LongAdder();
    private final LongAdder invalidations = new LongAdder();
    private final LongAdder evictions = new LongAdder();
    private final LongAdder missesAfterEviction = new LongAdder();
    private final EvictedKeys evictedKeys;
    private final LongAdder admissionBypasses = new LongAdder();
    private final LongAdder loadsNeverReused = new LongAdder();

    private final ConcurrentHashMap<K, InFlightLoad<V>> inFlight = new ConcurrentHashMap<>();
    private final Cache<K, CacheEntry<V>> entries;
    private final Policy.Eviction<K, CacheEntry<V>> sizeBound;

    /**
     * Caffeine's upkeep runs on the calling thread. Handing it to a pool costs a thread wake-up every few reads,
     * which on a busy machine costs a hit more than the upkeep itself; done in place it is a short drain of a
     * buffer, and with one caller at a time the size bound holds as soon as a store returns (so sizes and eviction
     * counts are exact when a call returns).
     *
     * @param ticker       the clock of entry lifetimes; the single-flight wait is a timed block, which needs none
     * @param jitterSource uniform draws in [0, 1) that shorten each entry's lifetime by up to the jitter
     * @param refreshDraws uniform draws in (0, 1] that decide, near an entry's end, whether a hit reloads it early
     */
    public QueryCache(QueryCacheSettings settings, TableVersions versions, ToLongFunction<? super V> weigher,
                      Ticker ticker, DoubleSupplier jitterSource, DoubleSupplier refreshDraws) {
        this(settings, versions, ofValue(weigher), ticker, jitterSource, refreshDraws);
    }

    /** As the other constructor, with a weigher that counts the key as well as the value. */
    public QueryCache(QueryCacheSettings settings, TableVersions versions,
                      ToLongBiFunction<? super K, ? super V> weigher, Ticker ticker, DoubleSupplier jitterSource,
                      DoubleSupplier refreshDraws) {
        this(settings, versions, weigher, ticker, jitterSource, refreshDraws, EntryFates.ignored());
    }

    /** As the constructor above, telling {@code fates} what becomes of each stored entry. */
    public QueryCache(QueryCacheSettings settings, TableVersions versions,
                      ToLongBiFunction<? super K, ? super V> weigher, Ticker ticker, DoubleSupplier jitterSource,
                      DoubleSupplier refreshDraws, EntryFates<? super K> fates) {
        this.fates = Objects.requireNonNull(fates, "fates");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.versions = Objects.requireNonNull(versions, "versions");
        this.weigher = Objects.requireNonNull(weigher, "weigher");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.lifetimes = new EntryLifetimes(settings.ttl(), settings.ttlJitter(),
                Objects.requireNonNull(jitterSource, "jitterSource"));
        this.earlyRefresh = new EarlyRefresh(settings.refreshAhead(),
                Objects.requireNonNull(refreshDraws, "refreshDraws"));
        this.singleFlightTimeoutNanos = saturatedNanos(settings.singleFlightTimeout());
        this.evictedKeys = new EvictedKeys(settings.maxBytes(), ticker, versions);
        this.entries = Caffeine.newBuilder()
                .executor(Runnable::run)
                .ticker(ticker)
                .maximumWeight(settings.maxBytes())
                .<K, CacheEntry<V>>weigher((key, entry) -> entry.weight())
                .expireAfter(new UntilDrawnLifetimeEnds<K, V>())
                .evictionListener((K key, CacheEntry<V> entry, RemovalCause cause) -> {
                    if (cause == RemovalCause.SIZE) {
                        evictions.increment();
                        evictedKeys.evicted(key, entry);
                    }
                })
                .removalListener((K key, CacheEntry<V> entry, RemovalCause cause) -> entryRemoved(key, entry))
                .build();
        this.sizeBound = entries.policy().eviction().orElseThrow();
    }

    /**
     * Hit path: the value when present, unexpired and its stamp still current; else null (counted as a miss). Also
     * null, and counted as a miss, for the one caller chosen to reload an entry near its end early: its
     * {@link #load} of the key then runs the query instead of taking the entry.
     */
    public V getIfFresh(K key) {
        CacheEntry<V> entry = entries.getIfPresent(key);
        if (entry != null) {
            if (isCurrent(entry.stamp())) {
                if (entry.drawsForRefresh() && claimsEarlyRefresh(key, entry)) {
                    misses.increment();
                    return null;
                }
                hits.increment();
                if (entry.countRead()) {
                    firstRead(key);
                }
                return entry.value();
            }
            discardStale(key, entry);
        } else if (evictedKeys.missedSinceEviction(key)) {
            missesAfterEviction.increment();
        }
        misses.increment();
        return null;
    }

    /**
     * Miss path: gives this caller its result for {@code key}, a query reading {@code tableKeys}, running the query
     * at most once for all callers of the same key at the same time.
     *
     * <ul>
     *   <li>While a write to one of the tables is open, the query runs alone through {@link Loader#passThrough}:
     *       not shared, not stored, and not made into a value that could be.</li>
     *   <li>Otherwise the first caller leads: it runs {@link Loader#load()} on its own thread, stores the value if
     *       its stamp is still current and hands the value to the callers that waited for it. A waiter takes the
     *       value only if the leader's stamp is still current when it arrives, and runs the query itself when it
     *       is not, when there is no value, when the leader failed in a way {@link Loader#waitersRetryAfter} says
     *       to retry, after waiting the single-flight timeout (or {@link Loader#longestWaitNanos}, if
     *       shorter), or as soon as {@link Loader#waitCancellation} completes. For other failures each waiter
     *       throws {@link Loader#forWaiter}'s copy; the leader throws its own failure unchanged. Failures are not
     *       cached.</li>
     * </ul>
     */
    public <R, E extends Exception> R load(K key, Collection<TableKey> tableKeys, Loader<V, R, E> loader) throws E {
        return load(key, TableReads.wholeTables(tableKeys), loader);
    }

    /** As {@link #load(Object, Collection, Loader)}, for a query that may be confined to some rows of its tables. */
    public <R, E extends Exception> R load(K key, TableReads reads, Loader<V, R, E> loader) throws E {
        long startTick = ticker.read();
        VersionStamp stamp = versions.stampForFill(reads);
        if (stamp == null) {
            return runAlone(loader);
        }
        InFlightLoad<V> ownLoad = new InFlightLoad<>(stamp);
        InFlightLoad<V> leadersLoad = inFlight.putIfAbsent(key, ownLoad);
        if (leadersLoad != null) {
            coalescedWaits.increment();
            return awaitLeader(key, leadersLoad, stamp, startTick, loader);
        }
        try {
            return lead(key, ownLoad, startTick, loader);
        } finally {
            // Whatever happened, no waiter may be left waiting for a load that is over.
            ownLoad.abandon();
            inFlight.remove(key, ownLoad);
        }
    }

    /**
     * Runs the query of a statement that admission keeps out of the cache for now: alone, through
     * {@link Loader#passThrough}, as while a write is open, so that nothing is copied, shared or stored. Counted as a
     * load and as an admission bypass.
     */
    public <R, E extends Exception> R loadBypassingCache(Loader<V, R, E> loader) throws E {
        admissionBypasses.increment();
        return runAlone(loader);
    }

    /** Drops every entry; the versions are left as they are, since they belong to the database, not this cache. */
    public void invalidateAll() {
        long dropped = entries.estimatedSize();
        entries.invalidateAll();
        invalidations.add(dropped);
    }

    public CacheStatistics statistics() {
        return new CacheStatistics(hits.sum(), misses.sum(), loads.sum(), loadFailures.sum(), coalescedWaits.sum(),
                refreshes.sum(), invalidations.sum(), evictions.sum(), entries.estimatedSize(),
                sizeBound.weightedSize().orElse(0L), settings.maxBytes(), missesAfterEviction.sum(),
                admissionBypasses.sum(), loadsNeverReused.sum());
    }

    public TableVersions versions() {
        return versions;
    }

    public QueryCacheSettings settings() {
        return settings;
    }

    private <R, E extends Exception> R lead(K key, InFlightLoad<V> ownLoad, long startTick, Loader<V, R, E> loader)
            throws E {
        // The previous leader of this key may have stored its value between this caller's miss and now. An entry
        // whose early refresh was claimed is not handed out: this caller is the one chosen to replace it (or missed
        // before it was stored, and runs its query as the chosen caller would have).
        CacheEntry<V> storedMeanwhile = currentEntry(key);
        if (storedMeanwhile != null) {
            if (!storedMeanwhile.refreshClaimed()) {
                ownLoad.succeed(storedMeanwhile.value());
                return loader.fromShared(storedMeanwhile.value());
            }
            refreshes.increment();
        }
        long queryStartTick = ticker.read();
        Loaded<V, R> loaded;
        try {
            loaded = runQuery(loader);
        } catch (Throwable failure) {
            ownLoad.fail(failure);
            throw failure;
        }
        V shareable = loaded.shareable();
        if (shareable != null) {
            store(key, ownLoad.stamp(), shareable, startTick, queryStartTick);
        }
        ownLoad.succeed(shareable);
        return loaded.result();
    }

    private <R, E extends Exception> R awaitLeader(K key, InFlightLoad<V> leadersLoad, VersionStamp ownStamp,
                                                   long startTick, Loader<V, R, E> loader) throws E {
        boolean finished;
        try {
            finished = leadersLoad.await(Math.min(singleFlightTimeoutNanos, loader.longestWaitNanos()),
                    loader.waitCancellation());
        } catch (InterruptedException e) {
            // The interrupt stays for the caller's own query to meet, exactly as it would without the cache.
            Thread.currentThread().interrupt();
            finished = false;
        }
        if (finished) {
            Throwable failure = leadersLoad.failure();
            if (failure == null) {
                V shared = leadersLoad.sharedValue();
                // A stale leader's stamp means a write began after its query did: its value may predate the write.
                if (shared != null && isCurrent(leadersLoad.stamp())) {
                    return loader.fromShared(shared);
                }
            } else if (failure instanceof Exception exception && !loader.waitersRetryAfter(exception)) {
                E copy = loader.forWaiter(exception);
                if (copy != null) {
                    throw copy;
                }
            }
        }
        return loadUncoalesced(key, ownStamp, startTick, loader);
    }

    private <R, E extends Exception> R loadUncoalesced(K key, VersionStamp ownStamp, long startTick,
                                                       Loader<V, R, E> loader) throws E {
        long queryStartTick = ticker.read();
        Loaded<V, R> loaded = runQuery(loader);
        if (loaded.shareable() != null) {
            store(key, ownStamp, loaded.shareable(), startTick, queryStartTick);
        }
        return loaded.result();
    }

    private <R, E extends Exception> Loaded<V, R> runQuery(Loader<V, R, E> loader) throws E {
        loads.increment();
        try {
            return Objects.requireNonNull(loader.load(), "the loader returned no Loaded");
        } catch (Throwable failure) {
            loadFailures.increment();
            throw failure;
        }
    }

    private <R, E extends Exception> R runAlone(Loader<V, R, E> loader) throws E {
        loads.increment();
        try {
            return loader.passThrough();
        } catch (Throwable failure) {
            loadFailures.increment();
            throw failure;
        }
    }

    /**
     * Stores a value unless a write began since its stamp, it is larger than the whole cache, or its lifetime (from
     * the start of its load, {@code startTick}) is already over. Checking the stamp here only saves space: a write
     * that slips in after the check still hides the entry, because every hit checks the stamp again. The time from
     * {@code queryStartTick} to now is the load's duration, which sets how early the entry may be refreshed.
     */
    private void store(K key, VersionStamp stamp, V value, long startTick, long queryStartTick) {
        try {
            if (!isCurrent(stamp)) {
                return;
            }
            long weight = weigher.applyAsLong(key, value);
            if (weight < 0 || weight > settings.maxBytes() || weight > Integer.MAX_VALUE) {
                return;
            }
            long now = ticker.read();
            long loadNanos = Math.max(0L, now - queryStartTick);
            CacheEntry<V> entry = new CacheEntry<>(value, stamp, startTick + lifetimes.drawNanos(), loadNanos,
                    earlyRefresh.windowNanos(loadNanos), (int) weight);
            if (entry.nanosLeftAt(now) > 0) {
                // Caffeine's upkeep runs right after the put on this thread (the executor runs it in place) when no
                // other thread is doing it, and evicts down to the bound there. Forcing it with cleanUp() would wait
                // for another loader's upkeep on the eviction lock: with the cache at its bound every load queued
                // there. Concurrent stores may hold the cache over the bound by their entries until one upkeep ends.
                entries.put(key, entry);
            }
        } catch (RuntimeException e) {
            // The caller already has its result; failing to cache it must not fail the statement.
            LOG.log(Level.WARNING, "A query result was not cached because storing it failed", e);
        }
    }

    /**
     * Called on a hit within the entry's refresh window, until the claim is taken: while no load of the key is in
     * flight, one more clock reading and one draw. The caller is chosen when the draw says so and no other caller
     * was chosen for this entry first.
     */
    private boolean claimsEarlyRefresh(K key, CacheEntry<V> entry) {
        return !inFlight.containsKey(key)
                && earlyRefresh.drawsRefresh(entry.nanosLeftAt(ticker.read()), entry.loadNanos())
                && entry.claimRefresh();
    }

    private CacheEntry<V> currentEntry(K key) {
        CacheEntry<V> entry = entries.getIfPresent(key);
        if (entry == null || isCurrent(entry.stamp())) {
            return entry;
        }
        discardStale(key, entry);
        return null;
    }

    private void discardStale(K key, CacheEntry<V> entry) {
        if (entries.asMap().remove(key, entry)) {
            invalidations.increment();
        }
    }

    private void firstRead(K key) {
        try {
            fates.firstRead(key);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Noting the first read of a cached result failed; the read is served", e);
        }
    }

    /** Every removal, whatever its cause: the entry's reads tell whether storing it paid. */
    private void entryRemoved(K key, CacheEntry<V> entry) {
        if (key == null || entry == null) {
            return;
        }
        int reads = entry.reads();
        if (reads == 0) {
            loadsNeverReused.increment();
        }
        try {
            fates.removed(key, reads);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Noting the removal of a cached result failed", e);
        }
    }

    private boolean isCurrent(VersionStamp stamp) {
        return versions.isCurrent(stamp);
    }

    private static <K, V> ToLongBiFunction<K, V> ofValue(ToLongFunction<? super V> weigher) {
        Objects.requireNonNull(weigher, "weigher");
        return (key, value) -> weigher.applyAsLong(value);
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * Each entry expires when the lifetime drawn for it, counted from the start of its load, is over. A read also
     * tells the entry the tick it happened at, which the cache read anyway to check expiry, so that a hit learns
     * whether the entry is near its end without reading the clock again.
     */
    private static final class UntilDrawnLifetimeEnds<K, V> implements Expiry<K, CacheEntry<V>> {

        @Override
        public long expireAfterCreate(K key, CacheEntry<V> entry, long currentTime) {
            return entry.nanosLeftAt(currentTime);
        }

        @Override
        public long expireAfterUpdate(K key, CacheEntry<V> entry, long currentTime, long currentDuration) {
            return entry.nanosLeftAt(currentTime);
        }

        @Override
        public long expireAfterRead(K key, CacheEntry<V> entry, long currentTime, long currentDuration) {
            entry.noteReadAt(currentTime);
            return currentDuration;
        }
    }
}
