package dev.cachedjdbc.vendor;

import dev.cachedjdbc.analysis.Dialect;
import dev.cachedjdbc.coherence.ChangeFeed;
import dev.cachedjdbc.coherence.FeedContext;
import dev.cachedjdbc.config.Coherence;
import dev.cachedjdbc.schema.CatalogFacts;
import dev.cachedjdbc.vendor.generic.GenericSupport;
import dev.cachedjdbc.vendor.h2.H2Support;
import dev.cachedjdbc.vendor.postgres.PostgresSupport;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Predicate;

/**
 * What the driver does differently per database, in one place: chosen once per database from the product name its
 * driver reports, and asked wherever a database's peculiarities matter. Adding a database means implementing this
 * (in a package of its own under {@code vendor}, beside its catalog reader) and naming it in {@link #of(Dialect)}.
 */
public interface DatabaseSupport {

    /** The support for a database of this dialect. */
    static DatabaseSupport of(Dialect dialect) {
        return switch (dialect) {
            case POSTGRESQL -> PostgresSupport.INSTANCE;
            case H2 -> H2Support.INSTANCE;
            case GENERIC -> GenericSupport.INSTANCE;
        };
    }

    /** The support for the database whose driver reports this product name (DatabaseMetaData). */
    static DatabaseSupport forProduct(String productName) {
        return of(Dialect.fromProductName(productName));
    }

    /** How the analysis reads this database's SQL. */
    Dialect dialect();

    /**
     * What identifies the database the delegate reaches, whatever URL reached it: connections to one database share
     * invalidation.
     */
    String identity(Connection delegate) throws SQLException;

    /**
     * The query that reads, in one row, the part of a session that can change query results (see
     * {@link #readSession}); null where the session cannot be read, and a change of it then turns caching off for
     * the connection.
     */
    String sessionQuery();

    /** What the driver needs to know from the row {@link #sessionQuery()} returned, besides its text. */
    SessionReading readSession(ResultSet row) throws SQLException;

    /**
     * Whether a transaction is open on the delegate, after a statement whose text may have opened one unseen. Where
     * the delegate cannot tell, the answer is yes.
     */
    boolean transactionOpen(Connection delegate);

    /**
     * Whether the database's driver knows of a lost connection without I/O and says so cheaply in isClosed (H2
     * embedded); otherwise the loss is learnt when one of the connection's calls fails.
     */
    boolean knowsLostConnectionWithoutIo();

    /**
     * Whether some settings that change query results belong to the whole database, so that one connection's SET
     * changes them under every other (H2's SET MODE).
     */
    boolean hasDatabaseWideSettings();

    /** Whether a session may read a backslash in a plain string as an escape (PostgreSQL's standard_conforming_strings). */
    boolean stringsMayEscapeWithBackslash();

    /**
     * Whether the database's driver closes a statement's open results when an execution fails because the statement
     * or connection ended, before checking them (pgjdbc), rather than checking first and keeping them (H2).
     */
    boolean closesResultsOfAFailedExecution();

    /**
     * Whether a statement's query timeout applies to each statement on its own. H2 sets it on the whole session, so
     * that a timeout set on one statement would hold the next statement of the connection as well.
     */
    boolean queryTimeoutIsPerStatement();

    /**
     * Reports what this database's catalog says about hidden dependencies (triggers, cascades, views, users' code)
     * into {@code facts}; see {@link dev.cachedjdbc.schema.SchemaDependencies#load}. {@code cacheableViewDefinition}
     * says whether a plain view's defining query may be cached.
     */
    void readCatalog(Connection connection, Predicate<String> cacheableViewDefinition, CatalogFacts facts)
            throws SQLException;

    /**
     * A query returning one row whose values change whenever anything {@link #readCatalog} reads changes (a trigger,
     * a foreign key, a view, a policy, users' code, a table dropped and created again), and stay the same otherwise
     * (writes of data, statistics, other sessions' temporary tables), whichever connection runs it. It is how DDL
     * run by other clients is noticed within {@code CatalogChangeCheck.INTERVAL}, without reading the whole catalog;
     * it must be cheap. Null (the default) where the database offers none: DDL run elsewhere is then seen only when
     * the catalog is read again by age.
     */
    default String catalogFingerprintQuery() {
        return null;
    }

    /**
     * Starts this database's change feed of the mode given ({@code cache.coherence} notify or logical), or returns
     * null where the database, or the driver the application connected with, has none of that mode.
     *
     * @param delegate a connection the application opened, to tell which database driver it uses
     * @throws SQLException when the database has such a feed but the server is not set up for it; the message says
     *                      what to change
     */
    default ChangeFeed changeFeed(Connection delegate, Coherence mode, FeedContext context) throws SQLException {
        return null;
    }

    /** Whether this object belongs to the database's driver and has a stand-in of the driver's (see {@code vendor.postgres}). */
    boolean hasStandIn(Object unwrapped);
}
