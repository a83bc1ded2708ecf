package dev.cachedjdbc.driver;

import dev.cachedjdbc.analysis.StatementAnalysis;
import dev.cachedjdbc.cache.Loaded;
import dev.cachedjdbc.cache.Loader;
import dev.cachedjdbc.cache.QueryCache;
import dev.cachedjdbc.result.CachedResult;
import dev.cachedjdbc.result.CachedResultSet;
import dev.cachedjdbc.result.CaptureOutcome;
import dev.cachedjdbc.result.IssuingStatement;
import dev.cachedjdbc.result.ResultCapture;
import dev.cachedjdbc.result.WarningSnapshot;
import java.lang.System.Logger.Level;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

/**
 * The cached-read part of one statement wrapper: answers a cacheable query from the cache or loads it once for all
 * concurrent callers, and remembers the result it handed out so that {@code getResultSet}, {@code getUpdateCount}
 * and {@code getMoreResults} describe it after {@code execute()}.
 */
final class CachedQueryRunner implements IssuingStatement {

    private static final System.Logger LOG = System.getLogger(CachedQueryRunner.class.getName());
    private static final int CANCELLED_QUERY_TIMEOUT_SECONDS = 1;

    private final CachingConnection connection;
    /** The wrapper this runner answers for; asked for its settings, which it may hold before its delegate exists. */
    private final Statement owner;
    private long maxRows;
    private final ResultChangingSettings settings = new ResultChangingSettings();
    private int resultSetType = -1;
    private boolean updatable;
    /** The fetch size last set on the statement; -1 while it has its default, which results ask for when wanted. */
    private int fetchSize = -1;

    /** The result of the last execution when this driver produced it; null when the delegate holds it. */
    private ResultSet served;
    /** True from an execution this driver answered until the next execution. */
    private boolean answered;
    /** True while an execution is in the cache's hands (waiting for another caller's load, or loading). */
    private volatile boolean inCacheLoad;
    /** Statement.cancel() arrived, from another thread, while {@link #inCacheLoad}. */
    private volatile boolean cancelledInCacheLoad;
    /** A result kept open by getMoreResults(KEEP_CURRENT_RESULT); the next execution closes it, as JDBC requires. */
    private ResultSet kept;
    /** The cached result the last execution was answered with; null when the delegate produced it. */
    private CachedResultSet snapshot;
    /** The statement was closed: its executions go to the database's driver, which refuses them. */
    private boolean ownerClosed;
    /**
     * Statement.closeOnCompletion was called: the statement closes when the application closes its last open result.
     * Kept here, not on the database driver's statement, which would close as soon as a load had read its rows.
     */
    private boolean closeOnCompletion;
    /** True while this runner closes results itself, which never closes the statement on completion. */
    private boolean closingOwnResults;
    /** The last result the database's driver produced that the caller reads straight from it; null for none. */
    private ResultSet passedThrough;
    private boolean warningsCleared;

    CachedQueryRunner(CachingConnection connection, Statement owner) {
        this.connection = connection;
        this.owner = owner;
    }

    /**
     * The query's result from the cache or from one load shared with concurrent identical callers; null when this
     * execution may not use the cache (the caller then runs the statement directly). The caller has made sure that
     * neither the statement nor its connection has {@link #ended()}.
     */
    ResultSet query(ReadPlan plan, BoundParameters parameters, SqlCall<ResultSet> execute) throws SQLException {
        forgetAnswer();
        QueryCache<CacheKey, CachedResult> cache = connection.cache();
        CacheKey key;
        try {
            key = keyFor(plan, parameters);
            if (key == null) {
                return null;
            }
            CachedResult hit = cache.getIfFresh(key);
            if (hit != null) {
                return answer(new CachedResultSet(hit, owner, resultSetType, this, fetchSize));
            }
        } catch (RuntimeException e) {
            // Nothing has run on the database yet: the statement can still run as if there were no cache.
            LOG.log(Level.WARNING, "Cache lookup failed; running the statement without the cache", e);
            return null;
        }
        return answer(load(cache, key, plan, execute));
    }

    private CacheKey keyFor(ReadPlan plan, BoundParameters parameters) throws SQLException {
        if (!plan.cacheable() || (parameters != null && !parameters.cacheable())) {
            return null;
        }
        if (resultSetType == -1) {
            resultSetType = owner.getResultSetType();
            updatable = owner.getResultSetConcurrency() == ResultSet.CONCUR_UPDATABLE;
        }
        if (updatable || !settings.allowCache() || connection.readRefusal() != null) {
            return null;
        }
        String session = connection.sessionFingerprint();
        if (session == null) {
            return null;
        }
        Object[] values = parameters == null ? new Object[0] : parameters.snapshot();
        return new CacheKey(plan.analysis().normalizedSql(), values, session, maxRows);
    }

    private ResultSet load(QueryCache<CacheKey, CachedResult> cache, CacheKey key, ReadPlan plan,
            SqlCall<ResultSet> execute) throws SQLException {
        CacheSettings settings = connection.settings();
        Loader<CachedResult, ResultSet> loader = new Loader<>() {
            @Override
            public Loaded<CachedResult, ResultSet> load() throws SQLException {
                CaptureOutcome outcome;
                try {
                    ResultSet rows = runCancellable(execute);
                    outcome = ResultCapture.capture(rows, owner, CachedQueryRunner.this, settings.maxResultRows(),
                            settings.maxResultBytes());
                } catch (SQLException e) {
                    throw connection.liveness().failed(e);
                }
                CachedResult result = outcome.result();
                if (result == null) {
                    return new Loaded<>(null, outcome.passThrough());
                }
                result = result.withStatementWarnings(statementWarnings());
                return new Loaded<>(result, new CachedResultSet(result, owner, resultSetType, CachedQueryRunner.this, fetchSize));
            }

            @Override
            public ResultSet fromShared(CachedResult value) {
                return new CachedResultSet(value, owner, resultSetType, CachedQueryRunner.this, fetchSize);
            }

            @Override
            public boolean waitersRetryAfter(Exception failure) {
                return LeaderFailures.waitersRetryAfter(failure);
            }

            @Override
            public Exception forWaiter(Exception leaderFailure) {
                return LeaderFailures.forWaiter(leaderFailure);
            }

            /**
             * A statement with a query timeout would have failed by then without the cache: it waits no longer for
             * another caller's load, then runs the query itself and meets the database's own timeout error.
             */
            @Override
            public boolean waitCancelled() {
                return cancelledInCacheLoad;
            }

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
        cancelledInCacheLoad = false;
        inCacheLoad = true;
        try {
            return cache.load(key, plan.reads(key.parameters()), loader);
        } catch (SQLException e) {
            throw e;
        } catch (RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("Interrupted while waiting for an identical query to load", "HY008", e);
        } catch (Exception e) {
            throw new SQLException(e.getMessage(), e);
        } finally {
            inCacheLoad = false;
        }
    }

    /**
     * Whether the statement or its connection has ended: an execution must then go to the database's driver, which
     * refuses it with its own error (or, if it still can, answers it), never to the cache.
     */
    boolean ended() {
        return ownerClosed || connection.liveness().ended();
    }

    /**
     * Runs an execution of an ended statement or connection on the database's driver. The result handed out last
     * closes as the driver closes its own: once the execution worked, and also when it failed where the driver
     * closes a statement's results before it checks its connection (pgjdbc; H2 checks first and keeps them).
     */
    <T> T onEnded(SqlCall<T> execution) throws SQLException {
        ResultSet earlier = passedThrough;
        T outcome;
        try {
            outcome = execution.run();
        } catch (SQLException e) {
            if (connection.support().closesResultsOfAFailedExecution()) {
                forgetAnswer();
            }
            throw e;
        }
        ResultSet produced = passedThrough == earlier ? null : passedThrough;
        passedThrough = earlier;
        forgetAnswer();
        passedThrough = produced;
        return outcome;
    }

    /**
     * Statement.cancel() from another thread. While this execution waits for another caller's load, the database
     * driver has no query of this statement to cancel and drops the cancel: the wait ends instead, and the query
     * this statement then runs itself is held to a one-second timeout, so that it ends about as promptly as a
     * cancelled query, with the database's own cancel error, unless it finishes first.
     */
    void cancel() {
        if (inCacheLoad) {
            cancelledInCacheLoad = true;
        }
    }

    private ResultSet runCancellable(SqlCall<ResultSet> execute) throws SQLException {
        if (!cancelledInCacheLoad) {
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

    private ResultSet answer(ResultSet result) {
        served = result;
        answered = true;
        snapshot = result instanceof CachedResultSet cached ? cached : null;
        warningsCleared = false;
        return result;
    }

    /**
     * Whether the last execution's warnings are the ones kept with a cached result (a hit, or a load that was cached)
     * rather than the delegate statement's: on a hit the delegate did not run, and may still hold an older execution's.
     */
    boolean answeredFromSnapshot() {
        return answered && snapshot != null;
    }

    /** The warnings of the cached result the last execution was answered with, as Statement.getWarnings gives them. */
    SQLWarning snapshotWarnings() {
        return warningsCleared ? null : snapshot.statementWarnings();
    }

    void clearWarnings() {
        warningsCleared = true;
    }

    /**
     * A new execution begins: the result handed out by the last one is closed, as JDBC closes a statement's result;
     * so is one the database's driver gave, which it would close itself only if it ran this execution.
     */
    void forgetAnswer() {
        if (served != null) {
            closeOwn(served);
        }
        if (kept != null) {
            closeOwn(kept);
        }
        if (passedThrough != null) {
            closeOwn(passedThrough);
            passedThrough = null;
        }
        served = null;
        kept = null;
        snapshot = null;
        answered = false;
    }

    boolean answered() {
        return answered;
    }

    ResultSet servedResult() {
        return served;
    }

    /** getMoreResults after an answered execution: there are no more results. */
    boolean moreResults(int current) {
        if (served != null && current != Statement.KEEP_CURRENT_RESULT) {
            closeOwn(served);
        } else if (served != null) {
            kept = served;
        }
        served = null;
        return false;
    }

    void maxRows(long maxRows) {
        this.maxRows = maxRows;
    }

    /** The statement settings that rule the cache out while they are in force. */
    ResultChangingSettings settings() {
        return settings;
    }

    /** The statement's fetch size was set: results answered from now on report it, as the driver's would. */
    void fetchSize(int rows) {
        this.fetchSize = rows;
    }

    @Override
    public int fetchSize() throws SQLException {
        return fetchSize >= 0 ? fetchSize : owner.getFetchSize();
    }

    @Override
    public boolean connectionEnded() {
        return connection.liveness().knownEnded();
    }

    @Override
    public boolean connectionLost() {
        return connection.liveness().lost();
    }

    /** Statement.closeOnCompletion. */
    void closeOnCompletion() {
        closeOnCompletion = true;
    }

    boolean isCloseOnCompletion() {
        return closeOnCompletion;
    }

    /**
     * A result the database's driver produced for {@code query}, which the caller reads straight from it: wrapped to
     * be followed, and so that rows changed through it are writes (see {@link WriteThroughResultSet}).
     */
    ResultSet passedThrough(ResultSet delegateResult, StatementAnalysis query) {
        PassThroughResultSet wrapped = new PassThroughResultSet(delegateResult, owner, this, connection, query);
        passedThrough = wrapped;
        return wrapped;
    }

    @Override
    public void resultSetClosedByApplication() throws SQLException {
        if (closeOnCompletion && !closingOwnResults && !ownerClosed && !isOpen(served) && !isOpen(kept)
                && !isOpen(passedThrough)) {
            owner.close();
        }
    }

    private static boolean isOpen(ResultSet result) {
        try {
            return result != null && !result.isClosed();
        } catch (SQLException e) {
            return false;
        }
    }

    /** A call of this statement failed: the connection may be lost. Returns the failure, unchanged. */
    SQLException connectionFailed(SQLException failure) {
        return connection.liveness().failed(failure);
    }

    void close() {
        ownerClosed = true;
        forgetAnswer();
    }

    /** Closes a result this statement handed out, as the statement itself does: the statement stays open. */
    private void closeOwn(ResultSet resultSet) {
        closingOwnResults = true;
        try {
            resultSet.close();
        } catch (SQLException | RuntimeException ignored) {
            // closing a cached result set does no I/O; a pass-through one is closed by the delegate statement too
        } finally {
            closingOwnResults = false;
        }
    }
}
