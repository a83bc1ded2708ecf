package dev.cachedjdbc.analysis;

/** The transaction effect of a {@link StatementKind#TRANSACTION_CONTROL} statement; {@link #NONE} for other kinds. */
public enum TransactionControl {
    NONE,
    BEGIN,
    COMMIT,
    ROLLBACK,
    SAVEPOINT,
    RELEASE_SAVEPOINT,
    ROLLBACK_TO_SAVEPOINT,
    SET_TRANSACTION
}
