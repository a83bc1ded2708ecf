package dev.cachedjdbc.result;

import dev.cachedjdbc.jdbc.DelegatingResultSet;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What the caller reads when a result turned out too large (or unfit) to cache part-way through capturing it: first
 * the rows already buffered, then the rest straight from the still-open driver result set, so the query runs once and
 * is never held in memory whole. When capture stopped on a row, the driver is still positioned on it, and that row is
 * read from the driver directly.
 *
 * <p>Scrolling, when the driver's result set allows it, hands the cursor over to the driver at the same row.
 */
final class ReplayingResultSet extends DelegatingResultSet {

    private final CachedResultSet buffered;
    private final int bufferedRows;
    private final Statement owner;
    private final IssuingStatement issuer;
    /** Whether the driver is already positioned on the row after the buffered ones (capture stopped on it). */
    private final boolean delegateOnNextRow;

    /** Once true, every call goes to the driver. */
    private boolean live;
    /** The caller's row while replaying: 0 before the first, 1..bufferedRows on a buffered row. */
    private int position;

    /** @param issuer the statement's side, told when the application closes this result set; null for none */
    ReplayingResultSet(CachedResult buffered, ResultSet delegate, Statement owner, IssuingStatement issuer,
            boolean delegateOnNextRow) {
        super(delegate, owner);
        this.buffered = new CachedResultSet(buffered, owner, TYPE_FORWARD_ONLY);
        this.bufferedRows = buffered.rowCount();
        this.owner = owner;
        this.issuer = issuer;
        this.delegateOnNextRow = delegateOnNextRow;
        this.live = bufferedRows == 0 && !delegateOnNextRow;
    }

    /** Row values come from the buffer while replaying, from the driver once live. */
    @Override
    protected ResultSet rowSource() {
        return live ? delegate() : buffered;
    }

    // ---- cursor --------------------------------------------------------------------------------------------------

    @Override
    public boolean next() throws SQLException {
        if (live) {
            return delegate().next();
        }
        checkOpen();
        if (position < bufferedRows) {
            position++;
            return buffered.next();
        }
        live = true;
        return delegateOnNextRow || delegate().next();
    }

    @Override
    public boolean previous() throws SQLException {
        handOverToDelegate();
        return delegate().previous();
    }

    @Override
    public boolean absolute(int row) throws SQLException {
        handOverToDelegate();
        return delegate().absolute(row);
    }

    @Override
    public boolean relative(int rows) throws SQLException {
        handOverToDelegate();
        return delegate().relative(rows);
    }

    @Override
    public boolean first() throws SQLException {
        handOverToDelegate();
        return delegate().first();
    }

    @Override
    public boolean last() throws SQLException {
        handOverToDelegate();
        return delegate().last();
    }

    @Override
    public void beforeFirst() throws SQLException {
        handOverToDelegate();
        delegate().beforeFirst();
    }

    @Override
    public void afterLast() throws SQLException {
        handOverToDelegate();
        delegate().afterLast();
    }

    @Override
    public boolean isBeforeFirst() throws SQLException {
        if (live) {
            return delegate().isBeforeFirst();
        }
        checkOpen();
        return position == 0;
    }

    @Override
    public boolean isAfterLast() throws SQLException {
        if (live) {
            return delegate().isAfterLast();
        }
        checkOpen();
        return false;
    }

    @Override
    public boolean isFirst() throws SQLException {
        if (live) {
            return delegate().isFirst();
        }
        checkOpen();
        return position == 1;
    }

    @Override
    public boolean isLast() throws SQLException {
        if (live) {
            return delegate().isLast();
        }
        // While replaying, the driver still holds at least the row capture stopped on.
        checkOpen();
        return false;
    }

    @Override
    public int getRow() throws SQLException {
        if (live) {
            return delegate().getRow();
        }
        checkOpen();
        return position;
    }

    @Override
    public void close() throws SQLException {
        boolean open = !delegate().isClosed();
        buffered.close();
        delegate().close();
        if (open && issuer != null) {
            issuer.resultSetClosedByApplication();
        }
    }

    // ---- properties, all the driver's ----------------------------------------------------------------------------

    @Override
    public Statement getStatement() throws SQLException {
        checkOpen();
        return owner;
    }

    // ---- everything else reads the current row, wherever it lives ------------------------------------------------

    // ---- helpers -------------------------------------------------------------------------------------------------

    /** Positions the driver where the caller is, so that a scroll operation can run on the driver from there on. */
    private void handOverToDelegate() throws SQLException {
        if (live) {
            return;
        }
        checkOpen();
        if (position == 0) {
            delegate().beforeFirst();
        } else {
            delegate().absolute(position);
        }
        live = true;
    }

    private void checkOpen() throws SQLException {
        if (delegate().isClosed()) {
            throw new SQLException("This ResultSet is closed.", "24000");
        }
    }

    @Override
    public String toString() {
        return "ReplayingResultSet[" + (live ? "streaming from " + delegate() : "replaying row " + position + " of "
                + bufferedRows + " buffered") + "]";
    }
}
