package dev.cachedjdbc.statement;

import dev.cachedjdbc.connection.SqlCall;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The database driver's statement behind a caching prepared statement, created when something first needs it. A
 * result served from the cache needs none, so a statement that is only ever answered from the cache never costs the
 * database driver a statement. Until it exists, the settings and parameter bindings the caller makes are kept here;
 * when it is created they are applied to it in the order they were made, settings first, and from then on every
 * call goes straight to it.
 *
 * <p>Only the thread that uses the statement records and creates; {@link #ifCreated()} may be read by another
 * thread (Statement.cancel).
 */
public final class DelegateOnFirstNeed {

    /** A call to make on the driver's statement, now or once it exists. */
    @FunctionalInterface
    interface Call {
        void on(PreparedStatement statement) throws SQLException;
    }

    /** Statement settings that are kept until the statement exists, each with the value last set. */
    enum Setting {
        QUERY_TIMEOUT, FETCH_SIZE, MAX_ROWS, FETCH_DIRECTION, POOLABLE, ESCAPE_PROCESSING
    }

    private static final Call[] NO_BINDINGS = new Call[0];

    private final SqlCall<PreparedStatement> prepare;
    private volatile PreparedStatement statement;
    /** The settings made so far, in the order they were last made; null until one is (most statements make none). */
    private List<Setting> settingOrder;
    private Map<Setting, Object> settingValues;
    private Map<Setting, Call> settingCalls;
    private Call[] bindings = NO_BINDINGS;
    private boolean closed;

    private DelegateOnFirstNeed(SqlCall<PreparedStatement> prepare, PreparedStatement statement) {
        this.prepare = prepare;
        this.statement = statement;
    }

    /** A statement the database's driver has prepared already. */
    public static DelegateOnFirstNeed created(PreparedStatement statement) {
        return new DelegateOnFirstNeed(null, statement);
    }

    /** A statement that {@code prepare} will create when it is first needed. */
    public static DelegateOnFirstNeed deferred(SqlCall<PreparedStatement> prepare) {
        return new DelegateOnFirstNeed(prepare, null);
    }

    /**
     * The driver's statement, created now if it does not exist yet, with the settings and bindings made so far. A
     * failure to create it is the database driver's own, and leaves nothing created, so a later call tries again.
     * Once closed, a statement that never existed is created and closed at once, so that the call that follows
     * fails with the database driver's own error for a closed statement.
     */
    PreparedStatement get() throws SQLException {
        PreparedStatement existing = statement;
        return existing != null ? existing : create();
    }

    /** The driver's statement if it exists; null while it does not. */
    PreparedStatement ifCreated() {
        return statement;
    }

    boolean isCreated() {
        return statement != null;
    }

    /** Whether {@link #close()} was called, whether or not the driver's statement existed. */
    boolean isClosed() {
        return closed;
    }

    private PreparedStatement create() throws SQLException {
        PreparedStatement created = prepare.run();
        try {
            if (settingOrder != null) {
                for (Setting setting : settingOrder) {
                    settingCalls.get(setting).on(created);
                }
            }
            for (Call binding : bindings) {
                if (binding != null) {
                    binding.on(created);
                }
            }
            if (closed) {
                created.close();
            }
        } catch (SQLException | RuntimeException | Error e) {
            try {
                created.close();
            } catch (SQLException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        statement = created;
        settingOrder = null;
        settingValues = null;
        settingCalls = null;
        bindings = NO_BINDINGS;
        return created;
    }

    /**
     * Makes a setting on the driver's statement if it exists, else keeps it, with its value, for when it does. On a
     * closed statement it is made on the driver's, which refuses it.
     */
    void set(Setting setting, Object value, Call call) throws SQLException {
        if (statement != null || closed) {
            call.on(get());
            return;
        }
        if (settingOrder == null) {
            settingOrder = new ArrayList<>(2);
            settingValues = new EnumMap<>(Setting.class);
            settingCalls = new EnumMap<>(Setting.class);
        }
        settingOrder.remove(setting);
        settingOrder.add(setting);
        settingValues.put(setting, value);
        settingCalls.put(setting, call);
    }

    /** The value a setting was given while the statement does not exist; null when it was not set or it exists. */
    Object kept(Setting setting) {
        return statement == null && settingValues != null ? settingValues.get(setting) : null;
    }

    /** Binds a parameter on the driver's statement if it exists, else keeps the binding for when it does. */
    void bind(int parameterIndex, Call binding) throws SQLException {
        if (statement != null || closed) {
            binding.on(get());
            return;
        }
        if (parameterIndex > bindings.length) {
            bindings = Arrays.copyOf(bindings, Math.max(parameterIndex, bindings.length * 2 + 4));
        }
        bindings[parameterIndex - 1] = binding;
    }

    void clearParameters() throws SQLException {
        if (statement != null || closed) {
            get().clearParameters();
        } else {
            Arrays.fill(bindings, null);
        }
    }

    /** Closes the driver's statement if it exists; one that never existed is never created. */
    void close() throws SQLException {
        closed = true;
        PreparedStatement existing = statement;
        if (existing != null) {
            existing.close();
        }
    }
}
