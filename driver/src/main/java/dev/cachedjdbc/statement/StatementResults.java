package dev.cachedjdbc.statement;

import dev.cachedjdbc.analysis.StatementAnalysis;
import dev.cachedjdbc.connection.CachingConnection;
import dev.cachedjdbc.connection.SqlCall;
import dev.cachedjdbc.jdbc.DelegatingStatement;
import dev.cachedjdbc.result.CachedResultSet;
import dev.cachedjdbc.result.IssuingStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;

/**
 * The result state of one caching statement, plain or prepared, and the rules that follow from it: the result its
 * last execution handed out and whether this driver answered it (then {@code getResultSet}, {@code getUpdateCount},
 * {@code getMoreResults} and {@code getWarnings} describe that result, not the database driver's statement), the
 * result kept open by {@code getMoreResults(KEEP_CURRENT_RESULT)}, close-on-completion, the row limit and fetch size
 * that results report, and the settings under which results may not come from the cache.
 *
 * <p>The settings under which the database's driver returns something other than what a cached result holds, so that
 * while any is in force executions neither read the cache nor fill it:
 * <ul>
 *   <li>escape processing off: the same text means something else to the database's driver;</li>
 *   <li>a field size limit: the driver cuts character and binary values to it (pgjdbc does);</li>
 *   <li>the driver's own statement handed out through {@code unwrap}: the caller may change settings this driver
 *       never sees (pgjdbc's {@code setPrepareThreshold} switches values to their binary form, which several
 *       getters render differently), so from then on the statement is the database's driver's alone.</li>
 * </ul>
 * The other settings leave the rows alone: the row limit is part of the key; fetch size and direction, query
 * timeout, cursor name, poolability and closeOnCompletion change how or whether rows arrive, not which.
 */
final class StatementResults implements IssuingStatement {

    private final CachingConnection connection;
    /** The wrapper whose results these are; its delegate answers for the executions this driver did not answer. */
    private final DelegatingStatement owner;

    private long maxRows;
    /** The fetch size last set on the statement; -1 while it has its default, which results ask for when wanted. */
    private int fetchSize = -1;
    private boolean escapeProcessingOff;
    private boolean fieldSizeLimited;
    private boolean driverStatementHandedOut;
    /** Whether the settings allow the cache, kept current by every setter so that a hit reads one field. */
    private boolean allowCache = true;

    /** The result of the last execution when this driver produced it; null when the delegate holds it. */
    private ResultSet served;
    /** True from an execution this driver answered until the next execution. */
    private boolean answered;
    /** A result kept open by getMoreResults(KEEP_CURRENT_RESULT); the next execution closes it, as JDBC requires. */
    private ResultSet kept;
    /** The cached result the last execution was answered with; null when the delegate produced it. */
    private CachedResultSet snapshot;
    private boolean warningsCleared;
    /** The last result the database's driver produced that the caller reads straight from it; null for none. */
    private ResultSet passedThrough;
    /** The statement was closed: its executions go to the database's driver, which refuses them. */
    private boolean ownerClosed;
    /**
     * Statement.closeOnCompletion was called: the statement closes when the application closes its last open result.
     * Kept here, not on the database driver's statement, which would close as soon as a load had read its rows, and
     * would not know of results answered from the cache.
     */
    private boolean closeOnCompletion;
    /** True while the statement closes results itself, which never closes it on completion. */
    private boolean closingOwnResults;

    StatementResults(CachingConnection connection, DelegatingStatement owner) {
        this.connection = connection;
        this.owner = owner;
    }

    // ----------------------------------------------------------------------------------------------------------
    // Executions

    /** An execution was answered by this driver with {@code result}: it is the statement's result until the next. */
    ResultSet answer(ResultSet result) {
        served = result;
        answered = true;
        snapshot = result instanceof CachedResultSet cached ? cached : null;
        warningsCleared = false;
        return result;
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

    /**
     * A result the database's driver produced for {@code query}, which the caller reads straight from it: wrapped to
     * be followed, and so that rows changed through it are writes (see {@link WriteThroughResultSet}).
     */
    ResultSet passedThrough(ResultSet delegateResult, StatementAnalysis query) {
        PassThroughResultSet wrapped = new PassThroughResultSet(delegateResult, owner, this, connection, query);
        passedThrough = wrapped;
        return wrapped;
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

    /** The statement closes: its results with it. */
    void close() {
        ownerClosed = true;
        forgetAnswer();
    }

    // ----------------------------------------------------------------------------------------------------------
    // What the statement reports about its last execution

    /** Whether this driver answered the last execution; the statement's current result is then {@link #served()}. */
    boolean answered() {
        return answered;
    }

    ResultSet served() {
        return served;
    }

    /**
     * Statement.getWarnings: on an execution answered with a cached result, the warnings kept with it, since the
     * driver's statement did not run and may still hold an older execution's; else the driver's statement's.
     */
    SQLWarning warnings() throws SQLException {
        if (answered && snapshot != null) {
            return warningsCleared ? null : snapshot.statementWarnings();
        }
        return owner.delegate().getWarnings();
    }

    /** Statement.clearWarnings, as far as the warnings of a cached result go. */
    void clearWarnings() {
        warningsCleared = true;
    }

    int updateCount() throws SQLException {
        return answered ? -1 : owner.delegate().getUpdateCount();
    }

    long largeUpdateCount() throws SQLException {
        return answered ? -1 : owner.delegate().getLargeUpdateCount();
    }

    boolean moreResults() throws SQLException {
        return answered ? noMoreResults(Statement.CLOSE_CURRENT_RESULT) : owner.delegate().getMoreResults();
    }

    boolean moreResults(int current) throws SQLException {
        return answered ? noMoreResults(current) : owner.delegate().getMoreResults(current);
    }

    /** getMoreResults after an answered execution: there are no more results. */
    private boolean noMoreResults(int current) {
        if (served != null && current != Statement.KEEP_CURRENT_RESULT) {
            closeOwn(served);
        } else if (served != null) {
            kept = served;
        }
        served = null;
        return false;
    }

    // ----------------------------------------------------------------------------------------------------------
    // Close on completion

    /** Statement.closeOnCompletion; a closed statement's is the database driver's, to fail as it does. */
    void closeOnCompletion() throws SQLException {
        if (owner.isClosed()) {
            owner.delegate().closeOnCompletion();
        }
        closeOnCompletion = true;
    }

    boolean isCloseOnCompletion() throws SQLException {
        if (owner.isClosed()) {
            owner.delegate().isCloseOnCompletion();
        }
        return closeOnCompletion;
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

    // ----------------------------------------------------------------------------------------------------------
    // Settings that results follow

    long maxRows() {
        return maxRows;
    }

    void maxRows(long maxRows) {
        this.maxRows = maxRows;
    }

    /** The statement's fetch size was set: results answered from now on report it, as the driver's would. */
    void fetchSize(int rows) {
        this.fetchSize = rows;
    }

    /** The fetch size last set on the statement, for results answered now; -1 while it has its default. */
    int fetchSizeSet() {
        return fetchSize;
    }

    @Override
    public int fetchSize() throws SQLException {
        return fetchSize >= 0 ? fetchSize : owner.getFetchSize();
    }

    void escapeProcessing(boolean enabled) {
        escapeProcessingOff = !enabled;
        decide();
    }

    /** Statement.setMaxFieldSize: made on the driver's statement, and a limit keeps results off the cache. */
    void maxFieldSize(int max) throws SQLException {
        owner.delegate().setMaxFieldSize(max);
        fieldSizeLimited = max > 0;
        decide();
    }

    void driverStatementHandedOut() {
        driverStatementHandedOut = true;
        decide();
    }

    /** Whether the statement's settings let its results come from the cache. */
    boolean allowCache() {
        return allowCache;
    }

    private void decide() {
        allowCache = !escapeProcessingOff && !fieldSizeLimited && !driverStatementHandedOut;
    }

    // ----------------------------------------------------------------------------------------------------------
    // The connection, as results see it

    @Override
    public boolean connectionEnded() {
        return connection.liveness().knownEnded();
    }

    @Override
    public boolean connectionLost() {
        return connection.liveness().lost();
    }

    /** A call of this statement failed: the connection may be lost. Returns the failure, unchanged. */
    SQLException connectionFailed(SQLException failure) {
        return connection.liveness().failed(failure);
    }
}
