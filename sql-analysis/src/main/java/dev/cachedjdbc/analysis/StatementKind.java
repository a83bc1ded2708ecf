package dev.cachedjdbc.analysis;

/** What a statement does, as far as a cache must know. */
public enum StatementKind {
    /** Returns rows and changes nothing: SELECT, VALUES, TABLE, WITH … SELECT without data-modifying parts. */
    QUERY,
    /**
     * Changes rows: INSERT, UPDATE, DELETE, MERGE, upserts, TRUNCATE, COPY … FROM, SELECT … INTO, CREATE TABLE … AS,
     * writable CTEs.
     */
    WRITE,
    /** Changes the schema: CREATE, ALTER, DROP, COMMENT, GRANT, REFRESH MATERIALIZED VIEW and the like. */
    DDL,
    /** BEGIN, START TRANSACTION, COMMIT, ROLLBACK, SAVEPOINT, RELEASE, SET TRANSACTION. */
    TRANSACTION_CONTROL,
    /** Changes what later statements of the session see: SET, RESET, SET ROLE, SET search_path, USE, DISCARD, set_config(…). */
    SESSION_CHANGE,
    /** Runs code the text does not show: CALL, EXEC, DO blocks, JDBC {call …} escapes. */
    CALL,
    /** Could not be analysed: treated as writing anything and never cached. */
    UNKNOWN
}
