package dev.cachedjdbc.statement;

import dev.cachedjdbc.analysis.StatementAnalysis;
import dev.cachedjdbc.connection.CachingConnection;
import dev.cachedjdbc.connection.ReadPlan;
import dev.cachedjdbc.jdbc.DelegatingPreparedStatement;
import dev.cachedjdbc.jdbc.ParameterSetter;
import dev.cachedjdbc.statement.DelegateOnFirstNeed.Setting;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A prepared statement: its text is analysed once, when it is prepared; every parameter is recorded, with how it was
 * bound, for the cache key. The database driver's statement behind it may be created only when first needed
 * ({@link DelegateOnFirstNeed}): until then the settings and typed parameters that callers make on every execution are
 * kept, so that a result served from the cache creates nothing on the database driver; everything else creates it
 * first and then proceeds as on a statement that had it from the start.
 */
public final class CachingPreparedStatement extends DelegatingPreparedStatement {

    private final CachingConnection connection;
    private final DelegateOnFirstNeed statement;
    private final StatementAnalysis analysis;
    private final StatementResults results;
    private final CachedQueryRunner runner;
    private final BoundParameters parameters;
    private ReadPlan plan;
    private boolean batched;
    /** The parameter sets of the pending batch, for the rows a write by key writes; made on the first addBatch. */
    private List<Object[]> batchParameterSets;
    /** The pending batch has more sets than a scope would keep apart: it counts as writing any row. */
    private boolean batchKeysUnknown;
    private static final int MOST_KEYED_BATCH_SETS = 1024;

    public CachingPreparedStatement(DelegateOnFirstNeed statement, CachingConnection connection, String sql,
            StatementAnalysis analysis) {
        super(connection, sql);
        this.connection = connection;
        this.statement = statement;
        this.analysis = analysis;
        this.parameters = new BoundParameters(analysis.parameterCount());
        this.results = new StatementResults(connection, this);
        this.runner = new CachedQueryRunner(connection, this, results);
    }

    @Override
    public PreparedStatement delegate() throws SQLException {
        return statement.get();
    }

    /**
     * Closed, or on a closed connection: calls go to the driver's statement (created for the purpose if it never
     * was), so that they fail with the driver's own error rather than being answered from the cache.
     */
    private boolean closedHere() {
        return statement.isClosed() || connection.liveness().ended();
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        if (closedHere()) {
            return results.onEnded(super::executeQuery);
        }
        ResultSet cached = cachedQuery();
        if (cached != null) {
            return cached;
        }
        return connection.execute(analysis, thisExecution(), super::executeQuery);
    }

    @Override
    public boolean execute() throws SQLException {
        if (closedHere()) {
            return results.onEnded(super::execute);
        }
        if (cachedQuery() != null) {
            return true;
        }
        return connection.execute(analysis, thisExecution(), super::execute);
    }

    private ResultSet cachedQuery() throws SQLException {
        plan = connection.currentPlan(plan, analysis);
        return runner.query(plan, parameters, () -> delegate().executeQuery());
    }

    @Override
    public int executeUpdate() throws SQLException {
        results.forgetAnswer();
        return connection.execute(analysis, thisExecution(), super::executeUpdate);
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        results.forgetAnswer();
        return connection.execute(analysis, thisExecution(), super::executeLargeUpdate);
    }

    /** The parameters of the execution about to run, for the rows a write by key writes. */
    private List<Object[]> thisExecution() {
        return analysis.rowRestrictions().isEmpty() ? null : List.<Object[]>of(parameters.snapshot());
    }

    @Override
    public void addBatch() throws SQLException {
        super.addBatch();
        batched = true;
        if (!batchKeysUnknown && !analysis.rowRestrictions().isEmpty()) {
            if (batchParameterSets == null) {
                batchParameterSets = new ArrayList<>();
            }
            batchParameterSets.add(parameters.snapshot());
            if (batchParameterSets.size() > MOST_KEYED_BATCH_SETS) {
                batchKeysUnknown = true;
                batchParameterSets = null;
            }
        }
    }

    @Override
    public void clearBatch() throws SQLException {
        super.clearBatch();
        forgetBatch();
    }

    @Override
    public int[] executeBatch() throws SQLException {
        results.forgetAnswer();
        try {
            return connection.executeBatch(batchAnalyses(), batchParameterSets(), super::executeBatch);
        } finally {
            forgetBatch();
        }
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        results.forgetAnswer();
        try {
            return connection.executeBatch(batchAnalyses(), batchParameterSets(), super::executeLargeBatch);
        } finally {
            forgetBatch();
        }
    }

    /** The pending batch's parameter sets; null when they are not known. */
    private List<Object[]> batchParameterSets() {
        if (batchKeysUnknown) {
            return null;
        }
        return batchParameterSets == null ? List.of() : batchParameterSets;
    }

    private void forgetBatch() {
        batched = false;
        batchParameterSets = null;
        batchKeysUnknown = false;
    }

    private List<StatementAnalysis> batchAnalyses() {
        return batched ? List.of(analysis) : List.of();
    }

    @Override
    public void clearParameters() throws SQLException {
        statement.clearParameters();
        parameters.clear();
    }

    @Override
    public ResultSet getResultSet() throws SQLException {
        return results.answered() ? results.served() : super.getResultSet();
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        return results.warnings();
    }

    /** A driver statement that does not exist yet has no warnings to clear: it is not created for that. */
    @Override
    public void clearWarnings() throws SQLException {
        results.clearWarnings();
        if (statement.isCreated() || closedHere()) {
            super.clearWarnings();
        }
    }

    @Override
    public int getUpdateCount() throws SQLException {
        return results.updateCount();
    }

    @Override
    public long getLargeUpdateCount() throws SQLException {
        return results.largeUpdateCount();
    }

    @Override
    public boolean getMoreResults() throws SQLException {
        return results.moreResults();
    }

    @Override
    public boolean getMoreResults(int current) throws SQLException {
        return results.moreResults(current);
    }

    // ----------------------------------------------------------------------------------------------------------
    // Settings: kept until the driver's statement exists where the value is one every driver accepts

    @Override
    public void setMaxRows(int max) throws SQLException {
        if (max >= 0) {
            statement.set(Setting.MAX_ROWS, max, created -> created.setMaxRows(max));
        } else {
            super.setMaxRows(max);
        }
        results.maxRows(max);
    }

    @Override
    public int getMaxRows() throws SQLException {
        Object kept = statement.kept(Setting.MAX_ROWS);
        return kept != null ? (Integer) kept : super.getMaxRows();
    }

    /** Not kept: pgjdbc does not implement it, and must say so here, where it is called. */
    @Override
    public void setLargeMaxRows(long max) throws SQLException {
        super.setLargeMaxRows(max);
        results.maxRows(max);
    }

    @Override
    public void setEscapeProcessing(boolean enable) throws SQLException {
        statement.set(Setting.ESCAPE_PROCESSING, enable, created -> created.setEscapeProcessing(enable));
        results.escapeProcessing(enable);
    }

    @Override
    public void setMaxFieldSize(int max) throws SQLException {
        results.maxFieldSize(max);
    }

    @Override
    protected void handingOutDelegate() {
        results.driverStatementHandedOut();
    }

    /**
     * Kept where a timeout is the statement's own; where it is the whole connection's (H2), later statements of the
     * connection run under it from this call on, so it is set now.
     */
    @Override
    public void setQueryTimeout(int seconds) throws SQLException {
        if (seconds >= 0 && connection.support().queryTimeoutIsPerStatement()) {
            statement.set(Setting.QUERY_TIMEOUT, seconds, created -> created.setQueryTimeout(seconds));
        } else {
            super.setQueryTimeout(seconds);
        }
    }

    @Override
    public int getQueryTimeout() throws SQLException {
        Object kept = statement.kept(Setting.QUERY_TIMEOUT);
        return kept != null ? (Integer) kept : super.getQueryTimeout();
    }

    /** H2 refuses a fetch size above a maximum row count: such a size goes to the driver's statement at once. */
    @Override
    public void setFetchSize(int rows) throws SQLException {
        Object maxRows = statement.kept(Setting.MAX_ROWS);
        boolean withinMaxRows = rows == 0 || maxRows == null || (Integer) maxRows == 0 || rows <= (Integer) maxRows;
        if (rows >= 0 && withinMaxRows && !statement.isCreated()) {
            statement.set(Setting.FETCH_SIZE, rows, created -> created.setFetchSize(rows));
        } else {
            super.setFetchSize(rows);
        }
        results.fetchSize(rows);
    }

    @Override
    public int getFetchSize() throws SQLException {
        Object kept = statement.kept(Setting.FETCH_SIZE);
        return kept != null ? (Integer) kept : super.getFetchSize();
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        if (direction == ResultSet.FETCH_FORWARD || direction == ResultSet.FETCH_REVERSE
                || direction == ResultSet.FETCH_UNKNOWN) {
            statement.set(Setting.FETCH_DIRECTION, direction, created -> created.setFetchDirection(direction));
        } else {
            super.setFetchDirection(direction);
        }
    }

    @Override
    public int getFetchDirection() throws SQLException {
        Object kept = statement.kept(Setting.FETCH_DIRECTION);
        return kept != null ? (Integer) kept : super.getFetchDirection();
    }

    @Override
    public void setPoolable(boolean poolable) throws SQLException {
        statement.set(Setting.POOLABLE, poolable, created -> created.setPoolable(poolable));
    }

    @Override
    public boolean isPoolable() throws SQLException {
        Object kept = statement.kept(Setting.POOLABLE);
        return kept != null ? (Boolean) kept : super.isPoolable();
    }

    @Override
    public void closeOnCompletion() throws SQLException {
        results.closeOnCompletion();
    }

    @Override
    public boolean isCloseOnCompletion() throws SQLException {
        return results.isCloseOnCompletion();
    }

    @Override
    protected ResultSet wrapResultSet(ResultSet delegateResultSet) {
        return results.passedThrough(delegateResultSet, analysis);
    }

    /** Only the defaults are ever deferred: a statement prepared without a type is forward-only and read-only. */
    @Override
    public int getResultSetType() throws SQLException {
        return statement.isCreated() || closedHere() ? super.getResultSetType() : ResultSet.TYPE_FORWARD_ONLY;
    }

    @Override
    public int getResultSetConcurrency() throws SQLException {
        return statement.isCreated() || closedHere() ? super.getResultSetConcurrency()
                : ResultSet.CONCUR_READ_ONLY;
    }

    // ----------------------------------------------------------------------------------------------------------
    // Life cycle: none of it needs the driver's statement until it exists

    /**
     * A driver statement that does not exist runs no query to cancel; a wait for another caller's load of the same
     * query ends all the same. One that exists is cancelled as without the cache.
     */
    @Override
    public void cancel() throws SQLException {
        runner.cancel();
        PreparedStatement created = statement.ifCreated();
        if (created != null) {
            created.cancel();
        } else if (closedHere()) {
            super.cancel();
        }
    }

    @Override
    public void close() throws SQLException {
        results.close();
        statement.close();
    }

    /** Closed only by its own close while it has no driver statement: drivers differ on a closed connection's. */
    @Override
    public boolean isClosed() throws SQLException {
        PreparedStatement created = statement.ifCreated();
        return created != null ? created.isClosed() : statement.isClosed();
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (statement.isCreated() || closedHere()) {
            return super.getConnection();
        }
        return connection;
    }

    @Override
    public String toString() {
        PreparedStatement created = statement.ifCreated();
        return "CachingPreparedStatement[" + (created != null ? created : "not yet prepared: " + sql()) + "]";
    }

    // ----------------------------------------------------------------------------------------------------------
    // Parameters: recorded for the key after the driver accepted them. Typed values that every driver accepts at
    // any index the text has are kept until the driver's statement exists; mutable ones as copies.

    /**
     * Every parameter setter comes here. Any binding that may not be kept, one at an index the text does not have,
     * and any binding on a statement whose driver statement exists, go to the driver's statement at once, which may
     * refuse them there.
     */
    @Override
    protected void setParameter(int parameterIndex, ParameterSetter setter, Object value, Object detail, long length)
            throws SQLException {
        Object kept = statement.isCreated() || parameterIndex < 1 || parameterIndex > analysis.parameterCount()
                ? NOT_KEPT : keptValue(setter, value);
        if (kept == NOT_KEPT) {
            setter.bind(delegate(), parameterIndex, value, detail, length);
        } else {
            Object keptDetail = detail instanceof Calendar calendar ? calendar.clone() : detail;
            statement.bind(parameterIndex, created -> setter.bind(created, parameterIndex, kept, keptDetail, length));
        }
        parameters.record(parameterIndex, setter, value, detail, length);
    }

    /** The setters whose bindings every driver accepts at any index the text has, so they may wait. */
    private static final Set<ParameterSetter> KEPT_SETTERS = EnumSet.of(ParameterSetter.NULL,
            ParameterSetter.BOOLEAN, ParameterSetter.BYTE, ParameterSetter.SHORT, ParameterSetter.INT,
            ParameterSetter.LONG, ParameterSetter.FLOAT, ParameterSetter.DOUBLE, ParameterSetter.BIG_DECIMAL,
            ParameterSetter.STRING, ParameterSetter.BYTES, ParameterSetter.DATE, ParameterSetter.DATE_WITH_CALENDAR,
            ParameterSetter.TIME, ParameterSetter.TIME_WITH_CALENDAR, ParameterSetter.TIMESTAMP,
            ParameterSetter.TIMESTAMP_WITH_CALENDAR, ParameterSetter.OBJECT);

    /**
     * The classes both PostgreSQL's and H2's drivers bind by setObject without a target type; any other goes to the
     * driver's statement at once, which may refuse it there.
     */
    private static final Set<Class<?>> KEPT_OBJECT_CLASSES = Set.of(String.class, Integer.class, Long.class,
            Short.class, Byte.class, Boolean.class, BigDecimal.class, Double.class, Float.class, UUID.class,
            LocalDate.class, LocalTime.class, LocalDateTime.class, OffsetDateTime.class, byte[].class,
            Timestamp.class, Date.class, Time.class);

    private static final Object NOT_KEPT = new Object();

    /**
     * What a binding keeps until the driver's statement exists: the value, or a copy of a mutable one, as
     * {@link BoundParameters#copyOf} makes it; {@link #NOT_KEPT} when the binding must go to the driver at once, as
     * must a value of a subclass, which that copier does not copy.
     */
    private static Object keptValue(ParameterSetter setter, Object value) {
        boolean objectOfAnotherClass = setter == ParameterSetter.OBJECT && value != null
                && !KEPT_OBJECT_CLASSES.contains(value.getClass());
        if (!KEPT_SETTERS.contains(setter) || objectOfAnotherClass) {
            return NOT_KEPT;
        }
        Object copy = BoundParameters.copyOf(value);
        return copy == BoundParameters.UNCACHEABLE ? NOT_KEPT : copy;
    }
}
