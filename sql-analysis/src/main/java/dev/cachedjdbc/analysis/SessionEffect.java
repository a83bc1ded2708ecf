package dev.cachedjdbc.analysis;

/**
 * What a statement may do to its session's transaction or private tables beyond what its kind says, read from its
 * tokens. A cache that tracks transactions and temporary tables per session needs these; none of them changes what
 * the statement reads or writes.
 */
public enum SessionEffect {

    /** BEGIN or START TRANSACTION with an isolation level of its own: the new transaction may work on a snapshot. */
    SETS_ISOLATION,

    /** COMMIT AND CHAIN or ROLLBACK AND CHAIN (not AND NO CHAIN): the next transaction begins at once, alike. */
    CHAINS_TRANSACTION,

    /**
     * A text whose effects the analysis cannot see (unknown, a call, several statements) that names BEGIN, START or
     * AUTOCOMMIT ("BEGIN; UPDATE …" in one string, H2's "SET AUTOCOMMIT FALSE; UPDATE …"): it may leave a
     * transaction open.
     */
    MAY_OPEN_TRANSACTION,

    /**
     * May create a table only its session can see: CREATE … TEMP[ORARY] …, SELECT … INTO TEMP[ORARY], or a text whose
     * effects the analysis cannot see that names TEMP or TEMPORARY, also inside a string (a DO block's body).
     */
    MAY_CREATE_TEMPORARY_TABLE
}
