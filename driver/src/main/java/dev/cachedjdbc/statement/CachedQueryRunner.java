package dev.cachedjdbc.statement;

import dev.cachedjdbc.cache.AdmissionPolicy;
import dev.cachedjdbc.cache.Loaded;
import dev.cachedjdbc.cache.Loader;
import dev.cachedjdbc.cache.QueryCache;
import dev.cachedjdbc.cache.StatementHistory;
import dev.cachedjdbc.config.CacheSettings;
import dev.cachedjdbc.connection.CachingConnection;
import dev.cachedjdbc.connection.ReadPlan;
import dev.cachedjdbc.connection.SqlCall;
import dev.cachedjdbc.result.CachedResult;
import dev.cachedjdbc.result.CachedResultSet;
import dev.cachedjdbc.result.CaptureOutcome;
import dev.cachedjdbc.result.ResultCapture;
import dev.cachedjdbc.result.WarningSnapshot;
import java.lang.System.Logger.Level;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The cached-read part of one statement wrapper: answers a cacheable query from the cache or loads it once for all
 * concurrent callers, and hands the result to the statement's {@link StatementResults}.
 */
final class CachedQueryRunner {

    private static final System.Logger LOG = System.getLogger(CachedQueryRunner.class.getName());
    private static final int CANCELLED_QUERY_TIMEOUT_SECONDS = 1;

    private final CachingConnection connection;
    /** The wrapper this runner answers for; asked for its settings, which it may hold before its delegate exists. */
    private final Statement owner;
    private final StatementResults results;
    private int resultSetType = -1;
    private boolean updatable;
    /**
     * Completed by Statement.cancel(), from another thread, while an execution is in the cache's hands (waiting for
     * another caller's load, or loading); null while none is. Each execution that reaches the cache has its own.
     */
    private volatile CompletableFuture<Void> cacheLoadCancellation;

    CachedQueryRunner(CachingConnection connection, Statement owner, StatementResults results) {
        this.connection = connection;
        this.owner = owner;
        this.results = results;
    }

    /**
     * The query's result from the cache or from one load shared with concurrent identical callers; null when this
     * execution may not use the cache (the caller then runs the statement directly). The caller has made sure that
     * neither the statement nor its connection has {@link StatementResults#ended() ended}.
     */
    ResultSet query(ReadPlan plan, BoundParameters parameters, SqlCall<ResultSet> execute) throws SQLException {
        results.forgetAnswer();
        QueryCache<CacheKey, CachedResult> cache = connection.cache();
        CacheKey key;
        ReadPlan loadPlan;
        try {
            key = keyFor(plan, parameters);
            if (key == null || !connection.hitsProvenFresh()) {
                return null;
            }
            // Null as well when this caller is the one chosen to reload an entry near its end: it loads as a miss does.
            CachedResult hit = cache.getIfFresh(key);
            if (hit != null) {
                return results.answer(resultSetOf(hit));
            }
            loadPlan = connection.planAfterCatalogCheck(plan);
            if (!loadPlan.cacheable()) {
                return null;
            }
        } catch (RuntimeException e) {
            // Nothing has run on the database yet: the statement can still run as if there were no cache.
            LOG.log(Level.WARNING, "Cache lookup failed; running the statement without the cache", e);
            return null;
        }
        return results.answer(load(cache, key, loadPlan, execute));
    }

    private CacheKey keyFor(ReadPlan plan, BoundParameters parameters) throws SQLException {
        if (!plan.cacheable() || (parameters != null && !parameters.cacheable())) {
            return null;
        }
        if (resultSetType == -1) {
            resultSetType = owner.getResultSetType();
            updatable = owner.getResultSetConcurrency() == ResultSet.CONCUR_UPDATABLE;
        }
        if (updatable || !results.allowCache() || connection.readRefusal() != null) {
            return null;
        }
        String session = connection.sessionFingerprint();
        if (session == null) {
            return null;
        }
        Object[] values = parameters == null ? new Object[0] : parameters.snapshot();
        return new CacheKey(plan.analysis().normalizedSql(), values, session, results.maxRows());
    }

    private CachedResultSet resultSetOf(CachedResult result) {
        return new CachedResultSet(result, owner, resultSetType, results, results.fetchSizeSet());
    }

    private ResultSet load(QueryCache<CacheKey, CachedResult> cache, CacheKey key, ReadPlan plan,
            SqlCall<ResultSet> execute) throws SQLException {
        CacheSettings settings = connection.settings();
        AdmissionPolicy admission = connection.admission();
        StatementHistory history = historyOf(admission, key);
        CompletableFuture<Void> cancellation = new CompletableFuture<>();
        Loader<CachedResult, ResultSet, SQLException> loader = new Loader<>() {
            @Override
            public Loaded<CachedResult, ResultSet> load() throws SQLException {
                CaptureOutcome outcome;
                try {
                    long began = history == null ? 0L : admission.now();
                    ResultSet rows = runCancellable(execute, cancellation.isDone());
                    long ran = history == null ? 0L : admission.now();
                    outcome = ResultCapture.capture(rows, owner, results, settings.maxResultRows(),
                            settings.maxResultBytes(), connection.resultShapes(), key.normalizedSql());
                    if (history != null) {
                        history.loaded(ran - began, admission.now() - ran, outcome.isCached());
                    }
                } catch (SQLException e) {
                    throw connection.liveness().failed(e);
                }
                CachedResult result = outcome.result();
                if (result == null) {
                    return new Loaded<>(null, outcome.passThrough());
                }
                result = result.withStatementWarnings(statementWarnings());
                return new Loaded<>(result, resultSetOf(result));
            }

            /** The database's rows straight to the caller, as if there were no cache: nothing is copied. */
            @Override
            public ResultSet passThrough() throws SQLException {
                ResultSet rows;
                try {
                    rows = runCancellable(execute, cancellation.isDone());
                } catch (SQLException e) {
                    throw connection.liveness().failed(e);
                }
                return results.passedThrough(rows, plan.analysis());
            }

            @Override
            public ResultSet fromShared(CachedResult value) {
                return resultSetOf(value);
            }

            @Override
            public boolean waitersRetryAfter(Exception failure) {
                return LeaderFailures.waitersRetryAfter(failure);
            }

            @Override
            public SQLException forWaiter(Exception leaderFailure) {
                return LeaderFailures.forWaiter(leaderFailure);
            }

            @Override
            public CompletableFuture<?> waitCancellation() {
                return cancellation;
            }

            /**
             * A statement with a query timeout would have failed by then without the cache: it waits no longer for
             * another caller's load, then runs the query itself and meets the database's own timeout error.
             */
            @Override
            public long longestWaitNanos() {
                try {
                    int seconds = owner.getQueryTimeout();
                    return seconds > 0 ? TimeUnit.SECONDS.toNanos(seconds) : Long.MAX_VALUE;
                } catch (SQLException | RuntimeException e) {
                    return Long.MAX_VALUE;
                }
            }
        };
        cacheLoadCancellation = cancellation;
        try {
            if (history != null && !history.admits()) {
                return cache.loadBypassingCache(loader);
            }
            return cache.load(key, plan.reads(key.parameters()), loader);
        } finally {
            cacheLoadCancellation = null;
        }
    }

    /** The statement's admission history; null when admission is off, or when finding it failed (then it is cached). */
    private static StatementHistory historyOf(AdmissionPolicy admission, CacheKey key) {
        if (admission == null) {
            return null;
        }
        try {
            return admission.history(key.normalizedSql());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Looking up whether caching a statement pays failed; it is cached", e);
            return null;
        }
    }

    /**
     * Statement.cancel() from another thread. While this execution waits for another caller's load, the database
     * driver has no query of this statement to cancel and drops the cancel: the wait ends instead, and the query
     * this statement then runs itself is held to a one-second timeout, so that it ends about as promptly as a
     * cancelled query, with the database's own cancel error, unless it finishes first.
     */
    void cancel() {
        CompletableFuture<Void> cancellation = cacheLoadCancellation;
        if (cancellation != null) {
            cancellation.complete(null);
        }
    }

    private ResultSet runCancellable(SqlCall<ResultSet> execute, boolean cancelled) throws SQLException {
        if (!cancelled) {
            return execute.run();
        }
        int timeout = owner.getQueryTimeout();
        if (timeout > 0 && timeout <= CANCELLED_QUERY_TIMEOUT_SECONDS) {
            return execute.run();
        }
        owner.setQueryTimeout(CANCELLED_QUERY_TIMEOUT_SECONDS);
        try {
            return execute.run();
        } finally {
            owner.setQueryTimeout(timeout);
        }
    }

    /** What the delegate statement reported while the rows were read; a hit reports the same. */
    private WarningSnapshot statementWarnings() {
        try {
            return WarningSnapshot.of(owner.getWarnings());
        } catch (SQLException | RuntimeException e) {
            return WarningSnapshot.of(null);
        }
    }
}
