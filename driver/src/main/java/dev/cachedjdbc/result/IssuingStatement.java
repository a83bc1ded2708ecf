package dev.cachedjdbc.result;

import java.sql.SQLException;

/**
 * The statement that handed out a result set, as the result set sees it: what the database driver's own result set
 * would learn from its statement and connection, without the result set holding either.
 */
public interface IssuingStatement {

    /**
     * The application closed one of this statement's result sets; a statement set to close on completion closes when
     * none is left open. Not called when the statement closes its results itself (a new execution, getMoreResults,
     * its own close), since no driver closes a statement for that.
     */
    void resultSetClosedByApplication() throws SQLException;

    /**
     * Whether the statement's connection is known to have been closed or aborted, or lost; a result set may then be
     * too. Asked on every use of a result set whose driver ends them with their connection: it must cost a field read.
     */
    boolean connectionEnded();

    /** Whether the connection ended otherwise than by the application's close or abort. */
    boolean connectionLost();

    /** The statement's fetch size now, for a result set that was not told the one it had when it was executed. */
    int fetchSize() throws SQLException;
}
