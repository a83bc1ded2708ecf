package dev.cachedjdbc.connection;

import dev.cachedjdbc.analysis.Cacheability;
import dev.cachedjdbc.analysis.Dialect;
import dev.cachedjdbc.analysis.SessionEffect;
import dev.cachedjdbc.analysis.SqlAnalyzer;
import dev.cachedjdbc.analysis.StatementAnalysis;
import dev.cachedjdbc.analysis.StatementKind;
import dev.cachedjdbc.analysis.TableKey;
import dev.cachedjdbc.cache.AdmissionPolicy;
import dev.cachedjdbc.cache.QueryCache;
import dev.cachedjdbc.coherence.ChangeFeed;
import dev.cachedjdbc.coherence.StalenessGuard;
import dev.cachedjdbc.config.CacheSettings;
import dev.cachedjdbc.driver.CacheControl;
import dev.cachedjdbc.driver.CoherenceStatus;
import dev.cachedjdbc.driver.CacheStatistics;
import dev.cachedjdbc.jdbc.DelegatingConnection;
import dev.cachedjdbc.result.CachedResult;
import dev.cachedjdbc.result.ResultShapes;
import dev.cachedjdbc.runtime.CacheHandle;
import dev.cachedjdbc.runtime.DatabaseRuntime;
import dev.cachedjdbc.runtime.WriteInvalidator;
import dev.cachedjdbc.schema.SchemaDependencies;
import dev.cachedjdbc.statement.CacheKey;
import dev.cachedjdbc.statement.CachingCallableStatement;
import dev.cachedjdbc.statement.CachingPreparedStatement;
import dev.cachedjdbc.statement.CachingStatement;
import dev.cachedjdbc.statement.DelegateOnFirstNeed;
import dev.cachedjdbc.statement.RowValues;
import dev.cachedjdbc.vendor.DatabaseSupport;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * A connection whose queries may be answered from the cache: the JDBC face of the parts that decide. Reads are
 * planned by the {@link ReadPlanner} and refused while the {@link TransactionTracker} or the session says the cache
 * must not answer; statements that are not cached reads run here with what their kind requires: writes through the
 * tracker into the database's {@link WriteInvalidator}, session changes into the {@link SessionState}, whose text is
 * part of every key.
 */
public final class CachingConnection extends DelegatingConnection implements CacheControl {

    private final DatabaseRuntime database;
    private final CacheHandle cacheHandle;
    private final CacheSettings settings;
    private final SqlAnalyzer analyzer;
    private final SessionState session;
    private final Dialect dialect;
    private final ReadPlanner planner;
    private final UnseenAccess unseenAccessPolicy = new UnseenAccess(this);
    private final TransactionTracker transaction;
    private final WriteInvalidator invalidator;
    private final ConnectionLiveness liveness;
    /**
     * An object of the database's driver that can run statements unseen has been handed out by unwrap: from then on
     * every statement, cached read and end of a transaction of this connection first publishes whatever it may have
     * written (see {@link #unseenAccessHandedOut()}).
     */
    private volatile boolean unseenAccess;
    /** See {@link #renderingSettingsChanged()}. */
    private volatile boolean renderingSettingsChanged;

    /** What hits need to be served with a change feed: its guard and this connection's bound; null without one. */
    private final StalenessGuard staleness;
    private final long maxStalenessNanos;
    private final ChangeFeed feed;

    /** @param feed the database's change feed when this connection's coherence is {@code notify}, else null */
    public CachingConnection(Connection delegate, DatabaseRuntime database, CacheHandle cacheHandle, SqlAnalyzer analyzer,
            ChangeFeed feed) throws SQLException {
        super(delegate);
        this.feed = feed;
        this.staleness = feed == null ? null : feed.guard();
        this.maxStalenessNanos = cacheHandle.settings().maxStaleness().toNanos();
        this.database = database;
        this.cacheHandle = cacheHandle;
        this.settings = cacheHandle.settings();
        this.analyzer = analyzer;
        this.dialect = database.dialect();
        this.session = new SessionState(database.support(), database);
        this.planner = new ReadPlanner(database, new ExcludedReads(settings.excludeTables()),
                () -> database.refreshDependenciesIfDue(delegate, analyzer, settings.ttl()));
        this.liveness = new ConnectionLiveness(delegate, database.support().knowsLostConnectionWithoutIo());
        this.invalidator = database.invalidator();
        this.transaction = new TransactionTracker(delegate, database, session, delegate.getAutoCommit(), feed,
                this::publishUnseenWritesAtTransactionEnd);
        if (database.support().sessionQuery() == null) {
            // The session cannot be read, its isolation level included: JDBC's is the one known.
            session.jdbcIsolation(delegate.getTransactionIsolation());
        }
        // Read the session while in autocommit, before the application's first transaction can begin.
        session.fingerprint(delegate, false);
        database.refreshDependenciesIfDue(delegate, analyzer, settings.ttl());
    }

    // ----------------------------------------------------------------------------------------------------------
    // Statements

    @Override
    protected Statement wrapStatement(Statement delegateStatement) {
        return new CachingStatement(delegateStatement, this);
    }

    @Override
    protected PreparedStatement wrapPreparedStatement(PreparedStatement delegateStatement, String sql) {
        return new CachingPreparedStatement(DelegateOnFirstNeed.created(delegateStatement), this, sql, analyze(sql));
    }

    @Override
    public PreparedStatement prepareStatement(String sql) throws SQLException {
        return prepareStatement(sql, () -> delegate().prepareStatement(sql));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency)
            throws SQLException {
        if (resultSetType != ResultSet.TYPE_FORWARD_ONLY || resultSetConcurrency != ResultSet.CONCUR_READ_ONLY) {
            return super.prepareStatement(sql, resultSetType, resultSetConcurrency);
        }
        return prepareStatement(sql, () -> delegate().prepareStatement(sql, resultSetType, resultSetConcurrency));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency,
            int resultSetHoldability) throws SQLException {
        if (resultSetType != ResultSet.TYPE_FORWARD_ONLY || resultSetConcurrency != ResultSet.CONCUR_READ_ONLY
                || resultSetHoldability != delegate().getHoldability()) {
            return super.prepareStatement(sql, resultSetType, resultSetConcurrency, resultSetHoldability);
        }
        return prepareStatement(sql,
                () -> delegate().prepareStatement(sql, resultSetType, resultSetConcurrency, resultSetHoldability));
    }

    /**
     * A query the cache may answer, prepared here before in the same session since the last DDL, is prepared on the
     * database's driver only when first needed: a hit needs no driver statement. Every other text is prepared now,
     * so that a database that reports a bad statement when it is prepared (H2) reports it here, the first time.
     */
    private PreparedStatement prepareStatement(String sql, SqlCall<PreparedStatement> prepare) throws SQLException {
        StatementAnalysis analysis = analyze(sql);
        String session = analysis.kind() == StatementKind.QUERY && analysis.isCacheable() && !liveness.ended()
                ? sessionFingerprint() : null;
        if (session != null && database.preparedBefore(session, sql)) {
            return new CachingPreparedStatement(DelegateOnFirstNeed.deferred(prepare), this, sql, analysis);
        }
        long schemaChangesBefore = database.schemaChanges();
        PreparedStatement prepared = prepare.run();
        if (session != null) {
            database.preparedWithoutError(session, sql, schemaChangesBefore);
        }
        return new CachingPreparedStatement(DelegateOnFirstNeed.created(prepared), this, sql, analysis);
    }

    @Override
    protected CallableStatement wrapCallableStatement(CallableStatement delegateStatement, String sql) {
        return new CachingCallableStatement(delegateStatement, this, sql);
    }

    public StatementAnalysis analyze(String sql) {
        return readableHere(analyzer.analyze(sql, dialect));
    }

    private static final String BACKSLASH_ESCAPES = "standard_conforming_strings is off in this session, so a"
            + " backslash in a string is an escape, which the analysis does not read";

    /**
     * The analysis, or "unanalysable" where this session would read the text differently: with
     * standard_conforming_strings off (set in any way, at any time) PostgreSQL reads a backslash in a plain string
     * as an escape, while the analysis lexes strings by the standard, so everything after such a backslash may be
     * something else than the analysis saw. Analyses are shared by every session and made once per text, so this
     * is decided per session on each use: a prepared statement may outlive a change of the setting.
     */
    private StatementAnalysis readableHere(StatementAnalysis analysis) {
        if (!session.backslashMayEscapeUnread() || analysis.kind() == StatementKind.UNKNOWN
                || analysis.normalizedSql().indexOf('\\') < 0
                || !session.backslashMayEscape(delegate(), transaction.explicit())) {
            return analysis;
        }
        return analysis.unreadable(BACKSLASH_ESCAPES);
    }

    public QueryCache<CacheKey, CachedResult> cache() {
        return cacheHandle.cache();
    }

    /** Where the results of each statement in {@link #cache()} find the shape they share. */
    public ResultShapes resultShapes() {
        return cacheHandle.resultShapes();
    }

    /** Which statements are worth capturing in this connection's cache; null with {@code cache.admission=false}. */
    public AdmissionPolicy admission() {
        return cacheHandle.admission();
    }

    public CacheSettings settings() {
        return settings;
    }

    Dialect dialect() {
        return dialect;
    }

    /** Where this connection's database's peculiarities are answered. */
    public DatabaseSupport support() {
        return database.support();
    }

    /** Whether this connection was closed or aborted, or is known lost: its reads then go to the database's driver. */
    public ConnectionLiveness liveness() {
        return liveness;
    }

    // ----------------------------------------------------------------------------------------------------------
    // Reads

    /** How this query is cached on this database, or why not (see {@link ReadPlanner#plan}). */
    public ReadPlan planRead(StatementAnalysis analysis) {
        return planner.plan(analysis);
    }

    /** A plan made earlier, or a new one when the catalog snapshot changed since or this session reads the text otherwise. */
    public ReadPlan currentPlan(ReadPlan plan, StatementAnalysis analysis) {
        StatementAnalysis readable = readableHere(analysis);
        if (readable != analysis) {
            return planner.plan(readable);
        }
        return planner.current(plan, analysis);
    }

    /**
     * Checks the catalog for DDL run elsewhere, or reads it again, where that is due (see
     * {@link DatabaseRuntime#refreshDependenciesIfDue}), on the paths that run often (misses, writes): only outside
     * the application's transactions. A transaction begun by SQL text (BEGIN) leaves JDBC's autocommit on, so the
     * tracker is asked as well: a check that failed inside it would abort the application's transaction on
     * PostgreSQL, and under REPEATABLE READ it would see the transaction's snapshot.
     */
    private void refreshCatalogIfDue() {
        if (!transaction.inTransaction()) {
            database.refreshDependenciesIfDue(delegate(), analyzer, settings.ttl());
        }
    }

    /**
     * Before a cached read that missed runs its query: checks the catalog for DDL run elsewhere, or reads it again,
     * where that is due (at most every few seconds; a clock read otherwise), and returns the plan to load it by: the
     * same plan while the catalog it was made from holds, else one made from the catalog as now known (which refuses
     * the cache while the catalog is unknown). So the read that happens to come when the catalog is read again by age
     * is still cached, and a refresh ahead of expiry that it claimed is not lost.
     */
    public ReadPlan planAfterCatalogCheck(ReadPlan plan) {
        refreshCatalogIfDue();
        return planner.holds(plan) ? plan : planner.current(plan, plan.analysis());
    }

    /**
     * Why reads of this connection cannot use the cache right now, or null when they can: a transaction that has
     * written reads its own writes from the database; a snapshot isolation level must see its snapshot.
     */
    public String readRefusal() {
        if (unseenAccess) {
            publishUnseenWrites();
        }
        session.fingerprint(delegate(), transaction.explicit()); // reads the isolation level too, when the session changed
        if (transaction.hasWritten()) {
            return "the open transaction has written: its reads go to the database";
        }
        if (transaction.characteristicsChanged()) {
            return "SET TRANSACTION was sent in the open transaction";
        }
        if (renderingSettingsChanged) {
            return "the database driver's own settings were changed through unwrap (setPrepareThreshold,"
                    + " addDataType): it may render values otherwise than cached results hold";
        }
        if (!settings.cacheRepeatableRead() && !session.isolationAllowsCache()) {
            return "the isolation level is " + session.isolationName()
                    + " (set cache.cacheRepeatableRead=true to cache anyway)";
        }
        return null;
    }

    /** The session text for keys; null when the session cannot be known (the statement is then not cached). */
    public String sessionFingerprint() {
        return session.fingerprint(delegate(), transaction.explicit());
    }

    // ----------------------------------------------------------------------------------------------------------
    // Everything that is not a cached read

    /**
     * Runs a statement that is not answered from the cache, with what its kind requires: writes invalidate before
     * they run and again when their transaction ends; transaction control ends the transaction's write scope;
     * session changes make the session be read again.
     */
    public <T> T execute(StatementAnalysis analysis, SqlCall<T> call) throws SQLException {
        return execute(analysis, RowValues.TEXT_ONLY, call);
    }

    /**
     * As {@link #execute(StatementAnalysis, String, SqlCall)}, for a statement run once per parameter set (one for an
     * execution, several for a batch); the parameters tell which rows a write by key writes. {@code parameterSets}
     * null means they are not known, and a write then may write any row of its tables.
     */
    public <T> T execute(StatementAnalysis prepared, List<Object[]> parameterSets, SqlCall<T> call)
            throws SQLException {
        if (unseenAccess) {
            publishUnseenWrites();
        }
        StatementAnalysis analysis = readableHere(prepared);
        call = watchedForLoss(call);
        if (analysis.kind() == StatementKind.TRANSACTION_CONTROL) {
            return transaction.control(analysis, call);
        }
        boolean runsWritingUserCode = runsWritingUserCode(analysis);
        try {
            if (!analysis.writes() && analysis.kind() != StatementKind.DDL && !runsWritingUserCode) {
                return call.run();
            }
            boolean mayOpenTransaction = !transaction.inTransaction() && analysis.may(SessionEffect.MAY_OPEN_TRANSACTION);
            try {
                return write(analysis, parameterSets, mayOpenTransaction, runsWritingUserCode, call);
            } finally {
                if (analysis.kind() == StatementKind.DDL || analysis.kind() == StatementKind.UNKNOWN) {
                    schemaChanged();
                }
                if (analysis.may(SessionEffect.MAY_CREATE_TEMPORARY_TABLE)) {
                    session.makePrivate();
                }
            }
        } finally {
            if (runsWritingUserCode || mayChangeSession(analysis)) {
                sessionMayHaveChanged(runsWritingUserCode || mayChangeDatabaseSettings(analysis));
            }
        }
    }

    /**
     * Whether running this statement may run users' code that writes, which the text does not show (see
     * {@link dev.cachedjdbc.schema.UserCode}): it is then a write of everything and may change the session. While
     * the catalog is unknown (after DDL, before it could be read again), any statement may.
     */
    private boolean runsWritingUserCode(StatementAnalysis analysis) {
        if (!database.dependenciesKnown()) {
            database.refreshDependenciesIfDue(delegate(), analyzer, settings.ttl());
            if (!database.dependenciesKnown()) {
                return true;
            }
        }
        return database.dependencies().userCode().mayWrite(analysis.namesUsed(), analysis.tablesRead());
    }

    /**
     * After a statement that may have changed the session. Autocommit may have been switched by SQL (H2's SET
     * AUTOCOMMIT): the database's driver knows, so its flag is followed. On H2, after a statement that may have
     * changed a database-wide setting under every connection, the session is read at once, so that the change
     * invalidates what other connections cached before it; where it cannot be read, every cached result of the
     * database is invalidated instead. Other statements leave the session to be read by the next read.
     */
    private void sessionMayHaveChanged(boolean mayChangeDatabaseSettings) {
        transaction.followDatabaseAutoCommit();
        session.changed(transaction.inTransaction());
        if (database.support().hasDatabaseWideSettings() && mayChangeDatabaseSettings
                && session.fingerprint(delegate(), transaction.explicit()) == null) {
            invalidator.invalidateAll();
        }
    }

    /**
     * Whether a statement may change one of H2's database-wide settings: every such change is a SET statement,
     * which may also be run by a script (RUNSCRIPT) or a call. An unanalysable text without those words, such as
     * the {@code SELECT … FROM FINAL TABLE (INSERT …)} that jOOQ sends for generated keys, cannot; reading the
     * session after each of those would cost more than the statement itself.
     */
    private static boolean mayChangeDatabaseSettings(StatementAnalysis analysis) {
        return analysis.kind() != StatementKind.UNKNOWN || analysis.namesUsed().contains("set")
                || analysis.namesUsed().contains("runscript") || analysis.namesUsed().contains("call");
    }

    /**
     * Session changes (SET, set_config …), and statements whose effects the text does not show — calls, DO blocks,
     * unknown or several statements, functions that may do anything — which may change the session as well.
     */
    private static boolean mayChangeSession(StatementAnalysis analysis) {
        return switch (analysis.kind()) {
            case SESSION_CHANGE, CALL, UNKNOWN -> true;
            default -> analysis.writesUnknownTables() || analysis.cacheability() == Cacheability.MULTIPLE_STATEMENTS;
        };
    }

    /** Runs a batch of statement texts (Statement.addBatch): it writes the union of what each one writes. */
    public <T> T executeBatch(List<StatementAnalysis> analyses, SqlCall<T> call) throws SQLException {
        return executeBatch(analyses, RowValues.TEXT_ONLY, call);
    }

    /**
     * Runs a batch of statement texts, or of parameter sets for one prepared text; {@code parameterSets} are those
     * sets (null when not known), or {@link RowValues#TEXT_ONLY} for texts without parameters.
     */
    public <T> T executeBatch(List<StatementAnalysis> batched, List<Object[]> parameterSets,
            SqlCall<T> call) throws SQLException {
        if (unseenAccess) {
            publishUnseenWrites();
        }
        call = watchedForLoss(call);
        if (batched.isEmpty()) {
            return call.run();
        }
        List<StatementAnalysis> analyses = new ArrayList<>(batched.size());
        for (StatementAnalysis analysis : batched) {
            analyses.add(readableHere(analysis));
        }
        boolean anyDdl = false;
        boolean mayOpenTransaction = false;
        for (StatementAnalysis analysis : analyses) {
            if (analysis.may(SessionEffect.MAY_CREATE_TEMPORARY_TABLE)) {
                session.makePrivate();
            }
        }
        boolean changesSession = false;
        boolean changesDatabaseSettings = false;
        WriteSet writes = new WriteSet();
        for (int i = 0; i < analyses.size(); i++) {
            StatementAnalysis analysis = analyses.get(i);
            anyDdl |= analysis.kind() == StatementKind.DDL || analysis.kind() == StatementKind.UNKNOWN;
            boolean runsWritingUserCode = runsWritingUserCode(analysis);
            changesSession |= runsWritingUserCode || mayChangeSession(analysis);
            changesDatabaseSettings |= runsWritingUserCode || mayChangeDatabaseSettings(analysis);
            writes.everything |= runsWritingUserCode;
            if (analysis.kind() == StatementKind.TRANSACTION_CONTROL) {
                // A batch that steers transactions is beyond what the driver tracks: it writes everything, it may
                // leave a transaction open (BEGIN) that only the database can tell about, and it may undo session
                // changes (ROLLBACK TO SAVEPOINT).
                writes.everything = true;
                mayOpenTransaction |= !transaction.inTransaction();
                changesSession = true;
            }
            mayOpenTransaction |= !transaction.inTransaction() && analysis.may(SessionEffect.MAY_OPEN_TRANSACTION);
            writes.add(analysis, parameterSets);
        }
        try {
            return runWrite(writes, mayOpenTransaction, call);
        } finally {
            if (anyDdl) {
                schemaChanged();
            }
            if (changesSession) {
                sessionMayHaveChanged(changesDatabaseSettings);
            }
        }
    }

    /** A call whose failure tells whether the database's driver lost the connection. */
    private <T> SqlCall<T> watchedForLoss(SqlCall<T> call) {
        return () -> {
            try {
                return call.run();
            } catch (SQLException e) {
                throw liveness.failed(e);
            }
        };
    }

    private void schemaChanged() {
        database.schemaChanged();
        transaction.ranDdl();
    }

    private <T> T write(StatementAnalysis analysis, List<Object[]> parameterSets,
            boolean mayOpenTransaction, boolean everything, SqlCall<T> call) throws SQLException {
        WriteSet writes = new WriteSet();
        writes.add(analysis, parameterSets);
        writes.everything |= everything;
        return runWrite(writes, mayOpenTransaction, call);
    }

    private <T> T runWrite(WriteSet writes, boolean mayOpenTransaction, SqlCall<T> call) throws SQLException {
        refreshCatalogIfDue();
        return transaction.runWrite(writes, mayOpenTransaction, call);
    }

    /**
     * Begins a statement whose work goes on after this call returns (a COPY fed or read piece by piece), writing what
     * {@link #execute} would have it write: in a transaction, as part of the transaction's writes; in autocommit, in a
     * write of its own that stays open, so that no load fills with rows from before it, until the returned action
     * ends it (or the connection closes).
     */
    Runnable holdWrite(StatementAnalysis analysis) {
        if (unseenAccess) {
            publishUnseenWrites();
        }
        boolean runsWritingUserCode = runsWritingUserCode(analysis);
        if (!analysis.writes() && analysis.kind() != StatementKind.DDL && !runsWritingUserCode) {
            return () -> { };
        }
        WriteSet writes = new WriteSet();
        writes.add(analysis, null);
        writes.everything |= runsWritingUserCode;
        refreshCatalogIfDue();
        return transaction.holdWrite(writes);
    }

    /**
     * The application changed a setting of the database's driver through {@code unwrap} under which it renders
     * values otherwise (pgjdbc's prepare threshold, a type of its own): this connection reads from the database from
     * now on, and stores nothing, since its results are not those of the other connections of its cache.
     */
    void renderingSettingsChanged() {
        renderingSettingsChanged = true;
    }

    /**
     * The application got an object of the database's driver that can run statements the driver never sees. What
     * it may write through it is published now and again before every later statement or cached read of this
     * connection and at the end of each of its transactions, for as long as the connection lives: in autocommit by
     * making every cached result of the database stale, in a transaction by counting the transaction as having
     * written everything (so that it reads from the database, stores nothing, and invalidates everything when it
     * ends). What such an object writes is therefore seen at this connection's next statement, cached read or
     * transaction end, or at the latest when entries expire.
     */
    void unseenAccessHandedOut() {
        unseenAccess = true;
        publishUnseenWrites();
    }

    private void publishUnseenWrites() {
        if (transaction.inTransaction()) {
            transaction.scope().addEverything();
        } else {
            invalidator.invalidateAll();
        }
    }

    /** At the end of each transaction of a connection that handed out unseen access, what it wrote is published. */
    private void publishUnseenWritesAtTransactionEnd() {
        if (unseenAccess) {
            invalidator.invalidateAll();
        }
    }

    @Override
    protected Object handOut(Class<?> iface, Object unwrapped) {
        return unseenAccessPolicy.handOut(iface, unwrapped);
    }

    // ----------------------------------------------------------------------------------------------------------
    // Transaction API

    /**
     * Whether a hit may be served now as far as other instances' writes go: always without a change feed, otherwise
     * only while the feed proves that every announcement older than the bound has been heard. A refusal is counted.
     */
    public boolean hitsProvenFresh() {
        return staleness == null || staleness.mayServe(maxStalenessNanos);
    }

    @Override
    public CoherenceStatus coherence() {
        return staleness == null ? CoherenceStatus.LOCAL : cacheHandle.coherence();
    }

    @Override
    public void commit() throws SQLException {
        SQLException lostInAnnouncement = transaction.beforeCommit();
        try {
            delegate().commit();
        } catch (SQLException | RuntimeException e) {
            if (e instanceof SQLException failure) {
                liveness.failed(lostInAnnouncement != null ? lostInAnnouncement : failure);
            }
            transaction.commitFailed();
            if (lostInAnnouncement != null && e instanceof SQLException) {
                throw lostInAnnouncement;
            }
            throw e;
        }
        transaction.end();
        refreshDependenciesBetweenTransactions();
    }

    @Override
    public void rollback() throws SQLException {
        try {
            delegate().rollback();
        } catch (SQLException e) {
            throw liveness.failed(e);
        } finally {
            transaction.rolledBack();
        }
        refreshDependenciesBetweenTransactions();
    }

    /** JDBC's ROLLBACK TO SAVEPOINT: it undoes the session changes made since the savepoint, as the SQL one does. */
    @Override
    public void rollback(java.sql.Savepoint savepoint) throws SQLException {
        try {
            delegate().rollback(savepoint);
        } finally {
            session.rolledBackToSavepoint();
        }
    }

    /** Outside autocommit the catalog can only be read between transactions: right after one ended is such a time. */
    private void refreshDependenciesBetweenTransactions() {
        if (transaction.autoCommitOffWithoutSqlTransaction()) {
            database.refreshDependenciesBetweenTransactions(delegate(), analyzer, settings.ttl());
        }
    }

    @Override
    public void setAutoCommit(boolean autoCommit) throws SQLException {
        if (!autoCommit) {
            // The last moment outside the transaction about to begin. An application that runs every statement in
            // a transaction (an ORM on a pooled connection) gives no other chance to read the catalog after DDL,
            // and until it is read no result is cached.
            refreshCatalogIfDue();
        }
        // Switching autocommit on commits the open transaction.
        SQLException lostInAnnouncement = autoCommit && transaction.inTransaction() ? transaction.beforeCommit() : null;
        try {
            delegate().setAutoCommit(autoCommit);
        } catch (SQLException e) {
            throw liveness.failed(lostInAnnouncement != null ? lostInAnnouncement : e);
        }
        transaction.autoCommitSet(autoCommit);
    }

    @Override
    public boolean getAutoCommit() throws SQLException {
        return delegate().getAutoCommit();
    }

    @Override
    public void setTransactionIsolation(int level) throws SQLException {
        delegate().setTransactionIsolation(level);
        session.jdbcIsolation(level);
    }

    @Override
    public void setSchema(String schema) throws SQLException {
        try {
            delegate().setSchema(schema);
        } finally {
            session.changed(transaction.inTransaction());
        }
    }

    @Override
    public void setCatalog(String catalog) throws SQLException {
        try {
            delegate().setCatalog(catalog);
        } finally {
            session.changed(transaction.inTransaction());
        }
    }

    @Override
    public void close() throws SQLException {
        liveness.closedByApplication();
        try {
            delegate().close();
        } finally {
            transaction.connectionEnded(); // the database rolls back an open transaction when its connection closes
        }
    }

    /** A pool's check of the connection: where it finds the connection gone, the hits learn of it too. */
    @Override
    public boolean isValid(int timeout) throws SQLException {
        boolean valid;
        try {
            valid = delegate().isValid(timeout);
        } catch (SQLException e) {
            throw liveness.failed(e);
        }
        if (!valid) {
            liveness.checkLost();
        }
        return valid;
    }

    @Override
    public void abort(Executor executor) throws SQLException {
        liveness.closedByApplication();
        try {
            delegate().abort(executor);
        } finally {
            transaction.connectionEnded();
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // CacheControl

    @Override
    public CacheStatistics statistics() {
        return cacheHandle.cache().statistics();
    }

    @Override
    public void invalidateTable(String tableName) {
        invalidator.invalidateTable(tableName);
    }

    @Override
    public void invalidateAll() {
        invalidator.invalidateAll();
    }

    @Override
    public String databaseIdentity() {
        return database.identity();
    }

    @Override
    public String explain(String sql) {
        StatementAnalysis analysis = analyze(sql);
        ReadPlan plan = planRead(analysis);
        String refusal = plan.cacheable() ? readRefusal() : plan.refusal();
        String kind = analysis.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        StringBuilder text = new StringBuilder(kind);
        if (refusal == null) {
            AdmissionPolicy admission = admission();
            String passedThrough = admission == null ? null : admission.passThroughReason(analysis.normalizedSql());
            text.append(passedThrough == null ? "; cached" : "; not cached now (cache.admission): " + passedThrough);
            text.append("; invalidated by writes to ").append(plan.tableKeys());
            if (staleness != null) {
                text.append(staleness.suspended()
                        ? "; hits suspended now: the change channel cannot prove other instances' writes were heard"
                        : "; and by other instances' writes, heard within cache.maxStaleness");
            }
        } else {
            text.append("; not cached: ").append(refusal);
        }
        WriteSet writes = new WriteSet();
        writes.add(analysis, null);
        Set<TableKey> written = writes.tables;
        SchemaDependencies dependencies = database.dependencies();
        if (analysis.writesUnknownTables() || analysis.kind() == StatementKind.DDL || runsWritingUserCode(analysis)
                || (!written.isEmpty() && dependencies.writeReachesUnknownTables(written, writes))) {
            text.append("; invalidates every cached result of the database");
        } else if (!written.isEmpty()) {
            text.append("; invalidates results that read ").append(dependencies.expandWrite(written, writes));
        }
        return text.toString();
    }
}
