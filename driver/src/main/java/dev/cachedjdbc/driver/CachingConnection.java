package dev.cachedjdbc.driver;

import dev.cachedjdbc.analysis.Cacheability;
import dev.cachedjdbc.analysis.Dialect;
import dev.cachedjdbc.analysis.RowRestriction;
import dev.cachedjdbc.analysis.SessionEffect;
import dev.cachedjdbc.analysis.SqlAnalyzer;
import dev.cachedjdbc.analysis.StatementAnalysis;
import dev.cachedjdbc.analysis.StatementKind;
import dev.cachedjdbc.analysis.TableName;
import dev.cachedjdbc.cache.CacheStatistics;
import dev.cachedjdbc.cache.QueryCache;
import dev.cachedjdbc.cache.WriteScope;
import dev.cachedjdbc.jdbc.DelegatingConnection;
import dev.cachedjdbc.result.CachedResult;
import dev.cachedjdbc.schema.SchemaDependencies;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * A connection whose queries may be answered from the cache. It keeps the transaction state that decides when that
 * is allowed: which tables the open transaction has written (their cached results are stale and cannot be refilled
 * until it ends), whether a SET TRANSACTION or the isolation level rules the cache out, and the session state that
 * is part of every key.
 */
public final class CachingConnection extends DelegatingConnection implements CacheControl {

    /**
     * A query that reads no table (SELECT 1, VALUES …) costs the database a lookup at most, and is what pools send to
     * check a connection: answered from the cache, it would pass on a connection the database's driver has lost.
     */
    private static final String NO_TABLE_READ = "it reads no table (a connection check must reach the database)";

    private final DatabaseRuntime database;
    private final CacheHandle cacheHandle;
    private final CacheSettings settings;
    private final SqlAnalyzer analyzer;
    private final SessionState session;
    private final Dialect dialect;
    private final ExcludedReads excludedReads;
    private final UnseenAccess unseenAccessPolicy = new UnseenAccess(this);

    private boolean autoCommit;
    /** A transaction opened by SQL text (BEGIN, START TRANSACTION) while in autocommit. */
    private boolean explicitTransaction;
    /** The tables written by the open transaction; null when it has written nothing. */
    private WriteScope transactionScope;
    /** SET TRANSACTION was sent as SQL: the isolation of this transaction is unknown until it ends. */
    private boolean transactionCharacteristicsChanged;
    /**
     * The open transaction ran DDL. Other connections cannot see it before the commit, so a catalog read they make
     * meanwhile misses it: the catalog must be read again once the transaction has ended.
     */
    private boolean ranDdl;
    /** The plan made last on this connection; immutable, so a racing reader sees either it whole or an older one. */
    private volatile ReadPlan lastPlan;
    private final ConnectionLiveness liveness;
    /**
     * An object of the database's driver that can run statements unseen has been handed out by unwrap: from then on
     * every statement, cached read and end of a transaction of this connection first publishes whatever it may have
     * written (see {@link #unseenAccessHandedOut()}).
     */
    private volatile boolean unseenAccess;
    /** See {@link #renderingSettingsChanged()}. */
    private volatile boolean renderingSettingsChanged;
    /** Writes begun by {@link #holdWrite} in autocommit that have not ended yet; closed at the latest with the connection. */
    private final Set<WriteScope> heldWrites = ConcurrentHashMap.newKeySet();

    CachingConnection(Connection delegate, DatabaseRuntime database, CacheHandle cacheHandle, SqlAnalyzer analyzer)
            throws SQLException {
        super(delegate);
        this.database = database;
        this.cacheHandle = cacheHandle;
        this.settings = cacheHandle.settings();
        this.analyzer = analyzer;
        this.dialect = database.dialect();
        this.excludedReads = new ExcludedReads(settings.excludeTables());
        this.session = new SessionState(dialect, database);
        this.liveness = new ConnectionLiveness(delegate, dialect != Dialect.POSTGRESQL);
        this.autoCommit = delegate.getAutoCommit();
        if (dialect == Dialect.GENERIC) {
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

    StatementAnalysis analyze(String sql) {
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
                || !session.backslashMayEscape(delegate(), explicitTransaction)) {
            return analysis;
        }
        return analysis.unreadable(BACKSLASH_ESCAPES);
    }

    QueryCache<CacheKey, CachedResult> cache() {
        return cacheHandle.cache();
    }

    CacheSettings settings() {
        return settings;
    }

    Dialect dialect() {
        return dialect;
    }

    /** Whether this connection was closed or aborted, or is known lost: its reads then go to the database's driver. */
    ConnectionLiveness liveness() {
        return liveness;
    }

    // ----------------------------------------------------------------------------------------------------------
    // Reads

    /**
     * How this query is cached on this database, or why not: queries that may run users' code (see
     * {@link dev.cachedjdbc.schema.UserCode}), excluded tables and whatever reads their rows (views, synonyms,
     * inheritance parents and children), tables with row-level security and views whose definition is not cacheable
     * are never cached.
     */
    ReadPlan planRead(StatementAnalysis analysis) {
        if (!analysis.isCacheable()) {
            return ReadPlan.refused(analysis, database.dependencies(), analysis.cacheabilityReason());
        }
        if (analysis.tablesRead().isEmpty()) {
            return ReadPlan.refused(analysis, database.dependencies(), NO_TABLE_READ);
        }
        if (!database.dependenciesKnown()) {
            database.refreshDependenciesIfDue(delegate(), analyzer, settings.ttl());
        }
        SchemaDependencies dependencies = database.dependencies();
        if (!database.dependenciesKnown()) {
            // After DDL a table may have gained row-level security or become a view: wait for the catalog.
            return ReadPlan.refused(analysis, dependencies, "the catalog has not been read since the last DDL");
        }
        String userCode = dependencies.userCode().refusal(analysis.namesUsed());
        if (userCode != null) {
            return ReadPlan.refused(analysis, dependencies, userCode);
        }
        List<String> keys = new ArrayList<>(analysis.tablesRead().size());
        Set<String> excluded = excludedReads.under(dependencies);
        for (TableName table : analysis.tablesRead()) {
            String key = table.invalidationKey();
            if (excluded.contains(key)) {
                return ReadPlan.refused(analysis, dependencies, "table " + table + (excludedReads.named(key)
                        ? " is in cache.excludeTables"
                        : " reads rows of a table in cache.excludeTables (through a view, synonym or inheritance)"));
            }
            if (dependencies.isUncacheableRead(key)) {
                return ReadPlan.refused(analysis, dependencies, "table " + table
                        + " is a sequence or has row-level security, or is a view that reads such a relation or calls a"
                        + " volatile function");
            }
            keys.add(key);
        }
        return new ReadPlan(analysis, dependencies, keys, rowRestrictions(analysis, keys, dependencies), null);
    }

    /**
     * The analysis's row restrictions that the catalog backs: on the table's row-key column, for a table no other
     * name of the statement shares an invalidation key with.
     */
    private static Map<String, RowRestriction> rowRestrictions(StatementAnalysis analysis, List<String> tableKeys,
            SchemaDependencies dependencies) {
        Map<String, RowRestriction> backed = Map.of();
        for (Map.Entry<TableName, RowRestriction> entry : analysis.rowRestrictions().entrySet()) {
            String key = entry.getKey().invalidationKey();
            RowRestriction restriction = entry.getValue();
            if (Collections.frequency(tableKeys, key) == 1
                    && restriction.column().equals(dependencies.rowKeyColumn(key))) {
                if (backed.isEmpty()) {
                    backed = Map.of(key, restriction);
                } else {
                    backed = new HashMap<>(backed);
                    backed.put(key, restriction);
                }
            }
        }
        return backed;
    }

    /** A plan made earlier, or a new one when the catalog snapshot changed since. */
    ReadPlan currentPlan(ReadPlan plan, StatementAnalysis analysis) {
        StatementAnalysis readable = readableHere(analysis);
        if (readable != analysis) {
            return planRead(readable);
        }
        if (isCurrent(plan, analysis)) {
            return plan;
        }
        // Applications prepare the same statement again and again on one connection: the last plan made here
        // spares a new statement the work of planning (and its allocation) on a hit.
        ReadPlan last = lastPlan;
        if (isCurrent(last, analysis)) {
            return last;
        }
        ReadPlan made = planRead(analysis);
        lastPlan = made;
        return made;
    }

    private boolean isCurrent(ReadPlan plan, StatementAnalysis analysis) {
        return plan != null && plan.analysis() == analysis && plan.dependencies() == database.dependencies()
                && database.dependenciesKnown();
    }

    /**
     * Why reads of this connection cannot use the cache right now, or null when they can: a transaction that has
     * written reads its own writes from the database; a snapshot isolation level must see its snapshot.
     */
    String readRefusal() {
        if (unseenAccess) {
            publishUnseenWrites();
        }
        session.fingerprint(delegate(), explicitTransaction); // reads the isolation level too, when the session changed
        if (transactionScope != null) {
            return "the open transaction has written: its reads go to the database";
        }
        if (transactionCharacteristicsChanged) {
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
    String sessionFingerprint() {
        return session.fingerprint(delegate(), explicitTransaction);
    }

    // ----------------------------------------------------------------------------------------------------------
    // Everything that is not a cached read

    /**
     * Runs a statement that is not answered from the cache, with what its kind requires: writes invalidate before
     * they run and again when their transaction ends; transaction control ends the transaction's write scope;
     * session changes make the session be read again.
     */
    <T> T execute(StatementAnalysis analysis, String sql, SqlCall<T> call) throws SQLException {
        return execute(analysis, sql, RowKeys.TEXT_ONLY, call);
    }

    /**
     * As {@link #execute(StatementAnalysis, String, SqlCall)}, for a statement run once per parameter set (one for an
     * execution, several for a batch); the parameters tell which rows a write by key writes. {@code parameterSets}
     * null means they are not known, and a write then may write any row of its tables.
     */
    <T> T execute(StatementAnalysis prepared, String sql, List<Object[]> parameterSets, SqlCall<T> call)
            throws SQLException {
        if (unseenAccess) {
            publishUnseenWrites();
        }
        StatementAnalysis analysis = readableHere(prepared);
        call = watchedForLoss(call);
        if (analysis.kind() == StatementKind.TRANSACTION_CONTROL) {
            return transactionControl(analysis, sql, call);
        }
        boolean runsWritingUserCode = runsWritingUserCode(analysis);
        try {
            if (!analysis.writes() && analysis.kind() != StatementKind.DDL && !runsWritingUserCode) {
                return call.run();
            }
            boolean mayOpenTransaction = !inTransaction() && analysis.may(SessionEffect.MAY_OPEN_TRANSACTION);
            try {
                return write(analysis, sql, parameterSets, mayOpenTransaction, runsWritingUserCode, call);
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
        followDatabaseAutoCommit();
        session.changed(inTransaction());
        if (dialect == Dialect.H2 && mayChangeDatabaseSettings
                && session.fingerprint(delegate(), explicitTransaction) == null) {
            database.invalidateAll();
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
     * Takes the database driver's autocommit flag for this driver's own, after a statement that may have switched
     * it. Switched off, a transaction has begun (its writes are held until it ends); switched on, the open
     * transaction was committed. pgjdbc's flag cannot change this way (PostgreSQL has no autocommit of its own), and
     * reading it, as reading H2's, costs a field read.
     */
    private void followDatabaseAutoCommit() {
        boolean databaseAutoCommit;
        try {
            databaseAutoCommit = delegate().getAutoCommit();
        } catch (SQLException | RuntimeException e) {
            return; // a closed connection, say: nothing more will run on it
        }
        if (databaseAutoCommit && !autoCommit) {
            autoCommit = true;
            endTransaction();
        } else if (!databaseAutoCommit && autoCommit && !explicitTransaction) {
            autoCommit = false;
        }
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
    <T> T executeBatch(List<StatementAnalysis> analyses, List<String> texts, SqlCall<T> call) throws SQLException {
        return executeBatch(analyses, texts, RowKeys.TEXT_ONLY, call);
    }

    /**
     * Runs a batch of statement texts, or of parameter sets for one prepared text; {@code parameterSets} are those
     * sets (null when not known), or {@link RowKeys#TEXT_ONLY} for texts without parameters.
     */
    <T> T executeBatch(List<StatementAnalysis> batched, List<String> texts, List<Object[]> parameterSets,
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
                mayOpenTransaction |= !inTransaction();
                changesSession = true;
            }
            mayOpenTransaction |= !inTransaction() && analysis.may(SessionEffect.MAY_OPEN_TRANSACTION);
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
        ranDdl |= inTransaction();
    }

    private <T> T write(StatementAnalysis analysis, String sql, List<Object[]> parameterSets,
            boolean mayOpenTransaction, boolean everything, SqlCall<T> call) throws SQLException {
        WriteSet writes = new WriteSet();
        writes.add(analysis, parameterSets);
        writes.everything |= everything;
        return runWrite(writes, mayOpenTransaction, call);
    }

    private <T> T runWrite(WriteSet writes, boolean mayOpenTransaction, SqlCall<T> call) throws SQLException {
        database.refreshDependenciesIfDue(delegate(), analyzer, settings.ttl());
        SchemaDependencies dependencies = database.dependencies();
        boolean everything = writesEverything(writes, dependencies);
        if (inTransaction() || mayOpenTransaction) {
            WriteScope scope = transactionScope();
            addTo(scope, everything, dependencies, writes);
            try {
                return call.run();
            } finally {
                if (mayOpenTransaction && !transactionStillOpen()) {
                    endTransaction();
                } else if (mayOpenTransaction) {
                    explicitTransaction = true;
                }
            }
        }
        WriteScope scope = database.versions().openWriteScope();
        try {
            addTo(scope, everything, dependencies, writes);
            return call.run();
        } finally {
            scope.close();
        }
    }

    private boolean writesEverything(WriteSet writes, SchemaDependencies dependencies) {
        return writes.everything || !database.dependenciesKnown() || dependencies.writeReachesUnknownTables(writes.tables);
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
        database.refreshDependenciesIfDue(delegate(), analyzer, settings.ttl());
        SchemaDependencies dependencies = database.dependencies();
        boolean everything = writesEverything(writes, dependencies);
        if (inTransaction()) {
            addTo(transactionScope(), everything, dependencies, writes);
            return () -> { };
        }
        WriteScope scope = database.versions().openWriteScope();
        addTo(scope, everything, dependencies, writes);
        heldWrites.add(scope);
        return () -> {
            if (heldWrites.remove(scope)) {
                scope.close();
            }
        };
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
    /**
     * The application changed a setting of the database's driver through {@code unwrap} under which it renders
     * values otherwise (pgjdbc's prepare threshold, a type of its own): this connection reads from the database from
     * now on, and stores nothing, since its results are not those of the other connections of its cache.
     */
    void renderingSettingsChanged() {
        renderingSettingsChanged = true;
    }

    void unseenAccessHandedOut() {
        unseenAccess = true;
        publishUnseenWrites();
    }

    private void publishUnseenWrites() {
        if (inTransaction()) {
            transactionScope().addEverything();
        } else {
            database.invalidateAll();
        }
    }

    @Override
    protected Object handOut(Class<?> iface, Object unwrapped) {
        return unseenAccessPolicy.handOut(iface, unwrapped);
    }

    private static void addTo(WriteScope scope, boolean everything, SchemaDependencies dependencies, WriteSet writes) {
        if (everything) {
            scope.addEverything();
            return;
        }
        List<String> wholeTables = new ArrayList<>();
        for (String table : dependencies.expandWrite(writes.tables)) {
            long[] rowKeys = writes.rowKeys(table, dependencies);
            if (rowKeys == null) {
                wholeTables.add(table);
            } else {
                scope.addRows(table, rowKeys);
            }
        }
        scope.add(wholeTables);
    }

    private WriteScope transactionScope() {
        if (transactionScope == null) {
            transactionScope = database.versions().openWriteScope();
        }
        return transactionScope;
    }

    private <T> T transactionControl(StatementAnalysis analysis, String sql, SqlCall<T> call) throws SQLException {
        switch (analysis.transactionControl()) {
            case BEGIN -> {
                T result = call.run();
                if (autoCommit) {
                    explicitTransaction = true;
                }
                if (analysis.may(SessionEffect.SETS_ISOLATION)) {
                    transactionCharacteristicsChanged = true; // BEGIN ISOLATION LEVEL …: a snapshot, perhaps
                }
                return result;
            }
            case COMMIT, ROLLBACK -> {
                boolean chained = analysis.may(SessionEffect.CHAINS_TRANSACTION);
                boolean characteristicsChanged = transactionCharacteristicsChanged;
                try {
                    return call.run();
                } finally {
                    endTransaction();
                    if (chained) {
                        // AND CHAIN starts the next transaction at once, with the same characteristics.
                        explicitTransaction = autoCommit;
                        transactionCharacteristicsChanged = characteristicsChanged;
                    }
                    followDatabaseAutoCommit();
                }
            }
            case SET_TRANSACTION -> {
                T result = call.run();
                transactionCharacteristicsChanged = true;
                return result;
            }
            case ROLLBACK_TO_SAVEPOINT -> {
                try {
                    return call.run();
                } finally {
                    session.rolledBackToSavepoint();
                }
            }
            default -> {
                return call.run();
            }
        }
    }

    /** After a text that may have opened a transaction: asks the delegate where it can tell, else assumes it did. */
    private boolean transactionStillOpen() {
        return TransactionProbe.transactionOpen(delegate(), dialect);
    }

    private boolean inTransaction() {
        return !autoCommit || explicitTransaction;
    }

    /** The transaction ended (commit, rollback, close, or autocommit turned on): its writes are now visible or gone. */
    private void endTransaction() {
        WriteScope scope = transactionScope;
        transactionScope = null;
        explicitTransaction = false;
        transactionCharacteristicsChanged = false;
        session.transactionEnded();
        if (ranDdl) {
            ranDdl = false;
            database.schemaChanged();
        }
        if (scope != null) {
            scope.close();
        }
        if (unseenAccess) {
            database.invalidateAll();
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // Transaction API

    @Override
    public void commit() throws SQLException {
        try {
            delegate().commit();
        } catch (SQLException | RuntimeException e) {
            if (e instanceof SQLException failure) {
                liveness.failed(failure);
            }
            if (!autoCommit && transactionScope != null) {
                // Publish what the transaction wrote as stale. Where the transaction may still be open (the database
                // driver cannot tell), keep treating the connection as writing everything until it ends; PostgreSQL
                // ends a failed commit's transaction and pgjdbc says so, and a scope kept open for nothing would
                // stop every load of the database from filling.
                endTransaction();
                if (transactionStillOpen()) {
                    transactionScope().addEverything();
                }
            }
            throw e;
        }
        endTransaction();
        refreshDependenciesBetweenTransactions();
    }

    @Override
    public void rollback() throws SQLException {
        try {
            delegate().rollback();
        } catch (SQLException e) {
            throw liveness.failed(e);
        } finally {
            endTransaction();
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
        if (!autoCommit && !explicitTransaction) {
            database.refreshDependenciesBetweenTransactions(delegate(), analyzer, settings.ttl());
        }
    }

    @Override
    public void setAutoCommit(boolean autoCommit) throws SQLException {
        boolean wasInTransaction = inTransaction();
        if (!autoCommit) {
            // The last moment outside the transaction about to begin. An application that runs every statement in
            // a transaction (an ORM on a pooled connection) gives no other chance to read the catalog after DDL,
            // and until it is read no result is cached.
            database.refreshDependenciesIfDue(delegate(), analyzer, settings.ttl());
        }
        try {
            delegate().setAutoCommit(autoCommit);
        } catch (SQLException e) {
            throw liveness.failed(e);
        }
        this.autoCommit = autoCommit;
        if (autoCommit && wasInTransaction) {
            endTransaction(); // turning autocommit on commits the open transaction
        }
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
            session.changed(inTransaction());
        }
    }

    @Override
    public void setCatalog(String catalog) throws SQLException {
        try {
            delegate().setCatalog(catalog);
        } finally {
            session.changed(inTransaction());
        }
    }

    @Override
    public void close() throws SQLException {
        liveness.closedByApplication();
        try {
            delegate().close();
        } finally {
            endTransaction(); // an open transaction is rolled back by the database when the connection closes
            endHeldWrites();
        }
    }

    /** A statement begun by {@link #holdWrite} ends at the latest with its connection. */
    private void endHeldWrites() {
        for (WriteScope scope : heldWrites) {
            if (heldWrites.remove(scope)) {
                scope.close();
            }
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
            endTransaction();
            endHeldWrites();
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
        database.invalidateTable(tableName);
    }

    @Override
    public void invalidateAll() {
        database.invalidateAll();
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
            text.append("; cached; invalidated by writes to ").append(plan.tableKeys());
        } else {
            text.append("; not cached: ").append(refusal);
        }
        Set<String> written = new HashSet<>();
        analysis.tablesWritten().forEach(table -> written.add(table.invalidationKey()));
        SchemaDependencies dependencies = database.dependencies();
        if (analysis.writesUnknownTables() || analysis.kind() == StatementKind.DDL || runsWritingUserCode(analysis)
                || (!written.isEmpty() && dependencies.writeReachesUnknownTables(written))) {
            text.append("; invalidates every cached result of the database");
        } else if (!written.isEmpty()) {
            text.append("; invalidates results that read ").append(dependencies.expandWrite(written));
        }
        return text.toString();
    }

    /**
     * The tables a set of statements writes, as invalidation keys, or "everything"; and, for tables every statement
     * of the set writes by key, the keys.
     */
    private static final class WriteSet {
        /** More keys than a write scope keeps apart anyway: the write counts as one of any row. */
        private static final int MOST_KEYS_PER_WRITE = 1024;

        final Set<String> tables = new HashSet<>();
        /** Tables written by key so far, with the column and the keys; a table written otherwise leaves it. */
        private final Map<String, KeyedWrites> keyed = new HashMap<>();
        private final Set<String> writtenAnyRow = new HashSet<>();
        boolean everything;

        void add(StatementAnalysis analysis, List<Object[]> parameterSets) {
            everything |= analysis.writesUnknownTables() || analysis.kind() == StatementKind.DDL;
            List<String> written = new ArrayList<>(analysis.tablesWritten().size());
            analysis.tablesWritten().forEach(table -> written.add(table.invalidationKey()));
            for (TableName table : analysis.tablesWritten()) {
                String key = table.invalidationKey();
                tables.add(key);
                RowRestriction restriction = analysis.rowRestrictions().get(table);
                long[] rowKeys = restriction == null || Collections.frequency(written, key) != 1
                        ? null : keysOf(restriction, parameterSets);
                if (rowKeys == null) {
                    writtenAnyRow.add(key);
                    keyed.remove(key);
                } else if (!writtenAnyRow.contains(key)) {
                    KeyedWrites writes = keyed.computeIfAbsent(key, ignored -> new KeyedWrites(restriction.column()));
                    if (!writes.add(restriction.column(), rowKeys)) {
                        writtenAnyRow.add(key);
                        keyed.remove(key);
                    }
                }
            }
        }

        /** The keys of a table written only by key, on its row-key column, changing no row on the side; else null. */
        long[] rowKeys(String table, SchemaDependencies dependencies) {
            KeyedWrites writes = keyed.get(table);
            if (writes == null || !writes.column.equals(dependencies.rowKeyColumn(table))
                    || !dependencies.changesOnlyRowsItNames(table, tables)) {
                return null;
            }
            return writes.keys.stream().mapToLong(Long::longValue).toArray();
        }

        private static long[] keysOf(RowRestriction restriction, List<Object[]> parameterSets) {
            if (parameterSets == null || parameterSets.isEmpty()) {
                return null;
            }
            Set<Long> keys = new HashSet<>();
            for (Object[] parameters : parameterSets) {
                long[] resolved = RowKeys.resolve(restriction, parameters);
                if (resolved == null) {
                    return null;
                }
                for (long key : resolved) {
                    keys.add(key);
                }
                if (keys.size() > MOST_KEYS_PER_WRITE) {
                    return null;
                }
            }
            return keys.stream().mapToLong(Long::longValue).toArray();
        }
    }

    /** Writes of one table by key: the column they are confined by and the keys. */
    private static final class KeyedWrites {
        final String column;
        final Set<Long> keys = new HashSet<>();

        KeyedWrites(String column) {
            this.column = column;
        }

        /** False when this write is confined by another column than the earlier ones: the set is then not by key. */
        boolean add(String restrictedColumn, long[] rowKeys) {
            if (!column.equals(restrictedColumn)) {
                return false;
            }
            for (long key : rowKeys) {
                keys.add(key);
            }
            return true;
        }
    }
}
