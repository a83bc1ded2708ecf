package dev.cachedjdbc.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Savepoint;

/**
 * Runs catalog reads on a connection the application may be using, without ending or spoiling its transaction.
 * In autocommit mode each read is its own transaction and nothing is left open. Otherwise the reads run inside the
 * caller's transaction under a savepoint, so that a failing read (on PostgreSQL, any error aborts the whole
 * transaction) is rolled back to the savepoint instead of poisoning the caller's work; nothing is committed or
 * rolled back beyond it. Such reads do start the transaction if none was open yet, which the caller was about to do
 * anyway: the driver should prefer to load on a connection in autocommit mode.
 */
public final class CallerTransactionGuard {

    @FunctionalInterface
    public interface CatalogRead<T> {
        T readFrom(Connection connection) throws SQLException;
    }

    private CallerTransactionGuard() {
    }

    public static <T> T read(Connection connection, CatalogRead<T> read) throws SQLException {
        if (connection.getAutoCommit()) {
            return read.readFrom(connection);
        }
        Savepoint savepoint = setSavepointIfSupported(connection);
        if (savepoint == null) {
            return read.readFrom(connection);
        }
        T result;
        try {
            result = read.readFrom(connection);
        } catch (SQLException | RuntimeException failure) {
            undoTo(connection, savepoint, failure);
            throw failure;
        }
        connection.releaseSavepoint(savepoint);
        return result;
    }

    private static Savepoint setSavepointIfSupported(Connection connection) throws SQLException {
        try {
            return connection.setSavepoint();
        } catch (SQLFeatureNotSupportedException unsupported) {
            return null;
        }
    }

    private static void undoTo(Connection connection, Savepoint savepoint, Exception failure) {
        try {
            connection.rollback(savepoint);
            connection.releaseSavepoint(savepoint);
        } catch (SQLException undoFailure) {
            failure.addSuppressed(undoFailure);
        }
    }
}
