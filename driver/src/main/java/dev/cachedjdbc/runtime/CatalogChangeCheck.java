package dev.cachedjdbc.runtime;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.cachedjdbc.schema.CallerTransactionGuard;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * When and how one database's catalog is checked for DDL that clients other than this driver ran (a migration tool,
 * an administrator, another application): the database's fingerprint query
 * ({@link dev.cachedjdbc.vendor.DatabaseSupport#catalogFingerprintQuery}) is run at most once per {@link #INTERVAL},
 * and its row is compared by {@link DatabaseRuntime} with the one read just before the catalog read it uses. A check
 * is one cheap query, due only after the interval: the statements that run it in passing pay one clock read
 * otherwise.
 */
public final class CatalogChangeCheck {

    /**
     * The bound within which DDL run elsewhere is seen: the catalog is checked at most this often per database, by
     * the change feed's thread where there is one, else by the first statement of the application's that reaches
     * the database (a miss or a write, in autocommit or between transactions) once the interval has passed.
     */
    public static final Duration INTERVAL = Duration.ofSeconds(2);

    private static final System.Logger LOG = System.getLogger(CatalogChangeCheck.class.getName());

    private final String query;
    private final Ticker ticker;
    private final String database;
    /** When the next check is due, on {@link #ticker}; moved by whoever claims a check. */
    private final AtomicLong nextCheckAt;
    private final LongAdder checks = new LongAdder();
    private final LongAdder changesDetected = new LongAdder();
    private volatile boolean failureWarned;

    /** @param query the database's fingerprint query, or null where it has none: then nothing is ever due */
    CatalogChangeCheck(String query, Ticker ticker, String database) {
        this.query = query;
        this.ticker = ticker;
        this.database = database;
        this.nextCheckAt = new AtomicLong(ticker.read() + INTERVAL.toNanos());
    }

    /** Whether the database has a fingerprint: without one, its catalog is read again only by age. */
    boolean watches() {
        return query != null;
    }

    /** Whether a check is due; a clock read, no I/O. */
    boolean due() {
        return query != null && ticker.read() - nextCheckAt.get() >= 0;
    }

    /** Takes the due check for the caller: true for one caller per interval, however many find it due at once. */
    boolean claim() {
        long due = nextCheckAt.get();
        long now = ticker.read();
        if (query != null && now - due >= 0 && nextCheckAt.compareAndSet(due, now + INTERVAL.toNanos())) {
            checks.increment();
            return true;
        }
        return false;
    }

    /**
     * The catalog's fingerprint as of now, or null where it could not be read (which counts as a change). Runs
     * guarded like a catalog read: on a connection in a transaction, a failure leaves the transaction usable.
     */
    String read(Connection connection) {
        try {
            return CallerTransactionGuard.read(connection, this::query);
        } catch (SQLException | RuntimeException e) {
            if (!failureWarned) {
                failureWarned = true;
                LOG.log(Level.WARNING, "Could not check the catalog of " + database + " for DDL run elsewhere; until"
                        + " it can be checked, each check counts as a change, which invalidates every cached result of"
                        + " this database", e);
            } else {
                LOG.log(Level.DEBUG, "Could not check the catalog of " + database, e);
            }
            return null;
        }
    }

    /** The row's values, joined: a prepared statement, so that the database may keep the query's plan. */
    private String query(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query);
                ResultSet row = statement.executeQuery()) {
            if (!row.next()) {
                throw new SQLException("The catalog fingerprint query returned no row");
            }
            StringBuilder fingerprint = new StringBuilder();
            int columns = row.getMetaData().getColumnCount();
            for (int column = 1; column <= columns; column++) {
                fingerprint.append(column == 1 ? "" : "|").append(row.getString(column));
            }
            return fingerprint.toString();
        }
    }

    /** The catalog changed without DDL through this driver: counted, and said once per change. */
    void changeDetected() {
        changesDetected.increment();
        LOG.log(Level.INFO, () -> "The catalog of " + database + " changed elsewhere (DDL not run through this"
                + " driver): every cached result of this database is invalidated, and the catalog is read again");
    }

    /** How many changes were detected so far. */
    long changesDetected() {
        return changesDetected.sum();
    }

    /** How many checks were run so far (each one query). */
    long checks() {
        return checks.sum();
    }
}
