package dev.cachedjdbc.runtime;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.cachedjdbc.analysis.Dialect;
import dev.cachedjdbc.analysis.SqlAnalyzer;
import dev.cachedjdbc.cache.AdmissionPolicy;
import dev.cachedjdbc.cache.EntryFates;
import dev.cachedjdbc.cache.QueryCache;
import dev.cachedjdbc.cache.QueryCacheSettings;
import dev.cachedjdbc.cache.TableVersions;
import dev.cachedjdbc.coherence.ChangeFeed;
import dev.cachedjdbc.coherence.FeedContext;
import dev.cachedjdbc.coherence.StalenessGuard;
import dev.cachedjdbc.config.CacheSettings;
import dev.cachedjdbc.config.Coherence;
import dev.cachedjdbc.config.DriverSettings;
import dev.cachedjdbc.result.CachedResult;
import dev.cachedjdbc.schema.SchemaDependencies;
import dev.cachedjdbc.statement.CacheKey;
import dev.cachedjdbc.vendor.DatabaseSupport;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Everything one {@link CacheRuntime} keeps for one database (by server identity): the table versions that every
 * connection's writes bump, what the catalog says about hidden dependencies, and the caches of each user and
 * settings. Connections to one database share invalidation whatever their user or settings.
 */
public final class DatabaseRuntime {

    private static final System.Logger LOG = System.getLogger(DatabaseRuntime.class.getName());
    private static final Duration MIN_DEPENDENCY_REFRESH = Duration.ofSeconds(60);
    private static final int MAX_INTERNED_SESSIONS = 10_000;

    private final String identity;
    private final Dialect dialect;
    /** The clock of this database's caches and of the catalog's age. */
    private final Ticker ticker;
    private final CacheMBeans mbeans;
    private final TableVersions versions = new TableVersions();
    private final ConcurrentMap<CacheSlot, CacheHandle> caches = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, String> internedSessions = new ConcurrentHashMap<>();
    /**
     * Statement texts the database's driver has prepared without error, each with the session it was prepared in.
     * Preparing them again can wait until the statement is needed: the database, which reports a bad text when it is
     * prepared (as H2 does), has already accepted this one. DDL may make a text bad again, so DDL empties it.
     */
    private final Cache<PreparedText, Boolean> preparedTexts = Caffeine.newBuilder()
            .maximumSize(SqlAnalyzer.DEFAULT_MAX_CACHED_STATEMENTS)
            .executor(Runnable::run)
            .build();

    private volatile SchemaDependencies dependencies = SchemaDependencies.none();
    /** False until the catalog has been read, and again after DDL: meanwhile every write invalidates everything. */
    private volatile boolean dependenciesKnown;
    private volatile long dependenciesLoadedAt;
    /**
     * Counts DDL seen through the driver or noticed by the catalog check, so that a load that raced with DDL is not
     * taken as current.
     */
    private final java.util.concurrent.atomic.AtomicLong schemaChanges = new java.util.concurrent.atomic.AtomicLong();
    /**
     * Orders DDL and the publication of catalog reads. Connections read the catalog concurrently (a pool opening
     * connections in the background while the application runs DDL), and a read that began before DDL may end after
     * one that began after it: without the order, the older read would replace the newer one and mark the catalog
     * unknown again, so that transactions stop caching until one of them ends.
     */
    private final Object catalogLock = new Object();
    /** The DDL count at which the published catalog read began; guarded by {@link #catalogLock}. */
    private long publishedReadBeganAt = -1;
    /**
     * The catalog's fingerprint as read just before the published catalog read began, or null (none read yet, or
     * the read failed); guarded by {@link #catalogLock}. A check that finds another means DDL ran since.
     */
    private String publishedFingerprint;
    private final CatalogChangeCheck catalogCheck;
    private volatile boolean dependencyWarningLogged;
    /** The reasons for failing safe last warned about, so that each is logged once, not at every catalog read. */
    private volatile List<String> failSafeWarned = List.of();
    /** The database-wide settings last read by any connection (H2); null until one is read. */
    private final java.util.concurrent.atomic.AtomicReference<String> databaseSettings =
            new java.util.concurrent.atomic.AtomicReference<>();

    private final WriteInvalidator invalidator = new WriteInvalidator(this);
    private final DatabaseSupport support;
    /** Whether hits are proven fresh against other instances' writes; consulted only with a change feed. */
    private final StalenessGuard guard;
    /** The change feed, started by the first connection that asks for one; null until then. */
    private ChangeFeed feed;
    private Coherence feedMode;
    private volatile boolean retired;
    private boolean noFeedWarned;

    public DatabaseRuntime(String identity, DatabaseSupport support, Ticker ticker, CacheMBeans mbeans) {
        this.identity = identity;
        this.support = support;
        this.dialect = support.dialect();
        this.ticker = ticker;
        this.mbeans = mbeans;
        this.guard = new StalenessGuard(ticker, identity);
        this.catalogCheck = new CatalogChangeCheck(support.catalogFingerprintQuery(), ticker, identity);
    }

    /**
     * The database's change feed of the mode given, started on first call with the opener given; null where the
     * database has none of that mode ({@link DatabaseSupport#changeFeed}). One runtime follows a database in one mode:
     * a connection asking for another is refused, since the two would prove freshness against different channels.
     * The bound is noted so that suspensions are judged by the tightest asked. The first call waits until the feed
     * listens and has heard its first heartbeat, for at most the bound, so that the first connections do not begin
     * with their hits suspended.
     *
     * @throws SQLException when the server is not set up for the mode, or another mode is in force here
     */
    public ChangeFeed feed(Connection delegate, Coherence mode, Duration maxStaleness, FeedContext.Opener opener)
            throws SQLException {
        ChangeFeed started;
        synchronized (this) {
            if (feed != null) {
                if (feedMode != mode) {
                    throw new SQLException("cache.coherence=" + mode + " was asked for " + identity + ", which this"
                            + " JVM already follows with cache.coherence=" + feedMode + "; every connection to one"
                            + " database must use the same mode", "08001");
                }
                guard.boundAsked(maxStaleness);
                return feed;
            }
            ChangeFeed made = support.changeFeed(delegate, mode,
                    new FeedContext(opener, invalidator, guard, maxStaleness, identity, this::checkCatalogIfDue));
            if (made == null) {
                return null;
            }
            guard.boundAsked(maxStaleness);
            feed = made;
            feedMode = mode;
            started = made;
        }
        try {
            started.awaitProof(maxStaleness);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return started;
    }

    /** The mode of the change feed started for this database; null while none is. */
    public synchronized Coherence feedMode() {
        return feedMode;
    }

    public StalenessGuard guard() {
        return guard;
    }

    /** True the first time it is asked, so that a database without a change channel is warned about once. */
    synchronized boolean firstWithoutFeed() {
        boolean first = !noFeedWarned;
        noFeedWarned = true;
        return first;
    }

    /**
     * The server this runtime followed is gone (see {@link dev.cachedjdbc.coherence.ChangeListener#serverReplaced}):
     * its connections are gone with it, and the connections opened since follow the server that replaced it under
     * another identity. Stops the feed, drops the cached results so that their memory is freed, and marks the runtime
     * for its owner to forget. A connection of the old server that is somehow still used serves no hit: with its feed
     * stopped, nothing proves its results fresh.
     */
    void retire() {
        retired = true;
        closeFeed();
        invalidator.invalidateAll();
        caches.values().forEach(handle -> handle.cache().invalidateAll());
        LOG.log(Level.INFO, () -> "The server of " + identity + " was replaced (restarted or failed over); its"
                + " cached results are dropped and its change feed stopped");
    }

    /** Whether the server of this runtime was replaced, so that its owner forgets it. */
    boolean retired() {
        return retired;
    }

    /** Stops the change feed, if one was started. */
    synchronized void closeFeed() {
        if (feed != null) {
            feed.close();
            feed = null;
            feedMode = null;
        }
    }

    /** Where this database's peculiarities are answered. */
    public DatabaseSupport support() {
        return support;
    }

    /** Where every invalidation of this database's cached results enters. */
    public WriteInvalidator invalidator() {
        return invalidator;
    }

    public String identity() {
        return identity;
    }

    public Dialect dialect() {
        return dialect;
    }

    public TableVersions versions() {
        return versions;
    }

    /**
     * The cache of one user, cache settings and database driver settings ({@link DriverSettings#digest}); every cache
     * of the database shares its table versions, so a write through any connection invalidates them all.
     */
    CacheHandle cache(String user, CacheSettings settings, String driverSettings) {
        return caches.computeIfAbsent(new CacheSlot(user, settings, driverSettings), slot -> {
            QueryCacheSettings core = new QueryCacheSettings(settings.ttl(), settings.ttlJitter(), settings.maxBytes(),
                    settings.singleFlightTimeout(), settings.refreshAhead());
            AdmissionPolicy admission = settings.admission()
                    ? new AdmissionPolicy(ticker, SqlAnalyzer.DEFAULT_MAX_CACHED_STATEMENTS)
                    : null;
            EntryFates<CacheKey> fates = admission == null
                    ? EntryFates.ignored()
                    : admission.fatesOf(CacheKey::normalizedSql);
            QueryCache<CacheKey, CachedResult> cache = new QueryCache<>(core, versions,
                    DatabaseRuntime::entryWeight, ticker, () -> ThreadLocalRandom.current().nextDouble(),
                    () -> 1.0 - ThreadLocalRandom.current().nextDouble(), fates);
            CacheHandle handle = new CacheHandle(this, user, settings, cache, admission);
            if (settings.jmx()) {
                mbeans.register(handle);
            }
            return handle;
        });
    }

    /**
     * What one cached result weighs against {@code cache.maxBytes}: the result's own estimate (its shape only where it
     * was the first to hold it), its key, and the cache's bookkeeping for the entry.
     */
    private static long entryWeight(CacheKey key, CachedResult result) {
        return QueryCache.ENTRY_BOOKKEEPING_BYTES + key.estimatedBytes() + result.estimatedBytes();
    }

    public SchemaDependencies dependencies() {
        return dependencies;
    }

    public boolean dependenciesKnown() {
        return dependenciesKnown;
    }

    /** How many times DDL run elsewhere was noticed (see {@link CatalogChangeCheck}). */
    public long catalogChangesDetected() {
        return catalogCheck.changesDetected();
    }

    /** How many times the catalog was checked for DDL run elsewhere (see {@link CatalogChangeCheck}). */
    public long catalogChecks() {
        return catalogCheck.checks();
    }

    /**
     * After DDL the catalog may say something new: until it is read again, writes invalidate everything. What each
     * statement's caching earned is forgotten too: it was earned against tables and indexes that may be gone.
     */
    public void schemaChanged() {
        synchronized (catalogLock) {
            schemaChanges.incrementAndGet();
            dependenciesKnown = false;
        }
        preparedTexts.invalidateAll();
        for (CacheHandle handle : caches.values()) {
            if (handle.admission() != null) {
                handle.admission().forgetAll();
            }
        }
    }

    /**
     * Counts DDL seen through the driver and DDL run elsewhere that the catalog check noticed: a text prepared while
     * it moved may not be valid any more, and a write open while it moved was widened by an older catalog.
     */
    public long schemaChanges() {
        return schemaChanges.get();
    }

    /** Whether the database's driver has prepared this text in this session without error since the last DDL. */
    public boolean preparedBefore(String session, String sql) {
        return preparedTexts.getIfPresent(new PreparedText(session, sql)) != null;
    }

    /**
     * Notes a text the database's driver prepared without error, unless DDL ran since {@code schemaChangesBefore}
     * (read before it was prepared) and may have made it invalid.
     */
    public void preparedWithoutError(String session, String sql, long schemaChangesBefore) {
        preparedTexts.put(new PreparedText(session, sql), Boolean.TRUE);
        if (schemaChanges.get() != schemaChangesBefore) {
            preparedTexts.invalidate(new PreparedText(session, sql));
        }
    }

    /**
     * Checks the catalog for DDL run elsewhere when a check is due ({@link CatalogChangeCheck}), and reads it again
     * when it is unknown (after DDL) or older than the TTL. Runs only on a connection in autocommit, so that it never
     * reads inside the application's transaction. A failure leaves the dependencies unknown, which is safe: writes
     * then invalidate everything. Costs a clock read when nothing is due.
     */
    public void refreshDependenciesIfDue(Connection delegate, SqlAnalyzer analyzer, Duration ttl) {
        if (!catalogCheckDue() && !dependenciesDue(ttl)) {
            return;
        }
        try {
            if (!delegate.getAutoCommit()) {
                return;
            }
        } catch (SQLException | RuntimeException e) {
            return;
        }
        checkAndRefresh(delegate, analyzer, ttl);
    }

    /**
     * The same check and refresh for a connection that does not run in autocommit, called between two of its
     * transactions: the catalog is read in a transaction of the driver's own, ended before the application's next
     * statement. Without it, an application that never uses autocommit would stop caching for good after its first
     * DDL.
     */
    public void refreshDependenciesBetweenTransactions(Connection delegate, SqlAnalyzer analyzer, Duration ttl) {
        if (!catalogCheckDue() && !dependenciesDue(ttl)) {
            return;
        }
        boolean read = checkAndRefresh(delegate, analyzer, ttl);
        try {
            if (read) {
                delegate.commit();
            } else {
                delegate.rollback();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.DEBUG, "Could not end the transaction that read the catalog of " + identity, e);
        }
    }

    /** The catalog check run by the change feed's thread on its own connection (see {@link FeedContext.CatalogCheck}). */
    private void checkCatalogIfDue(Connection feedConnection) {
        if (catalogCheckDue()) {
            checkCatalog(feedConnection);
        }
    }

    /** @return whether every read made succeeded */
    private boolean checkAndRefresh(Connection delegate, SqlAnalyzer analyzer, Duration ttl) {
        boolean read = true;
        if (catalogCheckDue()) {
            read = checkCatalog(delegate);
        }
        if (dependenciesDue(ttl)) {
            read &= loadDependencies(delegate, analyzer);
        }
        return read;
    }

    /** A check is due only of a known catalog: an unknown one is read again, fingerprint first, anyway. */
    private boolean catalogCheckDue() {
        return catalogCheck.due() && dependenciesKnown;
    }

    /**
     * Compares the catalog's fingerprint with the published read's, if this caller gets the due check. When they
     * differ, or the fingerprint cannot be read, DDL may have run elsewhere since the catalog was read: the catalog
     * counts as unknown, as after DDL through the driver, so that writes invalidate everything until it is read
     * again; and every cached result of the database is invalidated, since writes made between that DDL and now were
     * widened by the old catalog and may have missed what it reaches now. Never throws.
     *
     * @return whether the fingerprint could be read
     */
    private boolean checkCatalog(Connection connection) {
        if (!catalogCheck.claim()) {
            return true;
        }
        String published;
        synchronized (catalogLock) {
            published = publishedFingerprint;
        }
        String current = catalogCheck.read(connection);
        if (current != null && current.equals(published)) {
            return true;
        }
        schemaChanged();
        invalidator.invalidateAll();
        if (current != null && published != null) {
            catalogCheck.changeDetected();
        }
        return current != null;
    }

    private boolean dependenciesDue(Duration ttl) {
        long age = ticker.read() - dependenciesLoadedAt;
        long refreshAfter = Math.max(ttl.toNanos(), MIN_DEPENDENCY_REFRESH.toNanos());
        return !dependenciesKnown || age >= refreshAfter;
    }

    private boolean loadDependencies(Connection delegate, SqlAnalyzer analyzer) {
        try {
            long changesBefore = schemaChanges.get();
            // Before the catalog is read: DDL that commits meanwhile is then seen by the next check.
            String fingerprint = catalogCheck.watches() ? catalogCheck.read(delegate) : null;
            SchemaDependencies loaded = SchemaDependencies.load(delegate, support::readCatalog,
                    definition -> analyzer.analyze(definition, dialect).isCacheable());
            warnOfFailingSafe(loaded.userCode().failSafeReasons());
            publish(loaded, changesBefore, fingerprint);
            return true;
        } catch (SQLException | RuntimeException e) {
            if (!dependencyWarningLogged) {
                dependencyWarningLogged = true;
                LOG.log(Level.WARNING, "Could not read the catalog of " + identity
                        + "; every write will invalidate every cached result of this database until it can be read", e);
            }
            return false;
        }
    }

    /**
     * Publishes a catalog read unless one that began after later DDL was published already. A read whose fingerprint
     * differs from the last one published (or is unknown) invalidates every cached result: DDL ran since the last
     * read, and if it ran elsewhere, since the last check, writes made meanwhile were widened by the old catalog.
     * After DDL through the driver nothing was cached meanwhile (reads are not cached while the catalog is unknown),
     * so it costs nothing there. A read of a known catalog that finds it changed (a read by age, in the moments
     * before a check would have noticed) counts as a check that noticed it: the catalog is marked unknown as well,
     * so that writes open meanwhile end as writes of everything, and it is read once more.
     */
    private void publish(SchemaDependencies loaded, long readBeganAt, String fingerprint) {
        boolean changed;
        boolean changedElsewhere;
        synchronized (catalogLock) {
            if (readBeganAt < publishedReadBeganAt) {
                return;
            }
            changed = catalogCheck.watches() && (fingerprint == null || !fingerprint.equals(publishedFingerprint));
            changedElsewhere = changed && fingerprint != null && publishedFingerprint != null && dependenciesKnown;
            publishedReadBeganAt = readBeganAt;
            publishedFingerprint = fingerprint;
            dependencies = loaded;
            dependenciesLoadedAt = ticker.read();
            dependenciesKnown = schemaChanges.get() == readBeganAt;
        }
        if (changedElsewhere) {
            schemaChanged();
            catalogCheck.changeDetected();
        }
        if (changed) {
            invalidator.invalidateAll();
        }
    }

    private void warnOfFailingSafe(List<String> reasons) {
        if (reasons.isEmpty() || failSafeWarned.containsAll(reasons)) {
            return;
        }
        failSafeWarned = reasons;
        LOG.log(Level.WARNING, "Users' code on " + identity + " runs where statements do not name it, so the cache"
                + " cannot tell which statements run it: " + String.join("; ", reasons) + ". Until that changes, "
                + "nothing of this database is cached, or every write invalidates every cached result, as each"
                + " reason requires.");
    }

    /**
     * The database-wide settings as a connection just read them. Every connection's queries follow them at once,
     * while the session texts in the keys of other connections still show the old ones: a change invalidates every
     * cached result of the database.
     */
    public void databaseSettingsSeen(String settings) {
        String previous = databaseSettings.getAndSet(settings);
        if (previous != null && !previous.equals(settings)) {
            invalidator.invalidateAll();
        }
    }

    /** One String instance per distinct session state, so that key comparisons are mostly identity checks. */
    public String intern(String session) {
        String existing = internedSessions.get(session);
        if (existing != null) {
            return existing;
        }
        if (internedSessions.size() >= MAX_INTERNED_SESSIONS) {
            return session;
        }
        existing = internedSessions.putIfAbsent(session, session);
        return existing == null ? session : existing;
    }

    private record CacheSlot(String user, CacheSettings settings, String driverSettings) {
    }

    private record PreparedText(String session, String sql) {
    }
}
