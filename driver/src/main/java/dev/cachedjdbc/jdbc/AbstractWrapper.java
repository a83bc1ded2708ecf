package dev.cachedjdbc.jdbc;

import java.sql.SQLException;
import java.sql.Wrapper;

/**
 * The one place where the driver's JDBC wrappers answer {@link #unwrap(Class)} and {@link #isWrapperFor(Class)}:
 * first this wrapper itself (so a caller asking for a JDBC interface or a wrapper class gets the wrapper, as JDBC
 * requires of an object that implements the interface), then the delegate, then whatever the delegate's own
 * unwrap chain reaches. An interface none of them provides fails with the delegate's own {@link SQLException}.
 *
 * @param <D> the JDBC interface being wrapped
 */
public abstract class AbstractWrapper<D extends Wrapper> implements Wrapper {

    /**
     * The driver object every call that this wrapper does not handle itself is passed to. A wrapper that creates its
     * delegate only when first needed creates it here; if that fails, the call that needed it fails with the
     * database driver's error. Wrappers whose delegate always exists declare this without the exception.
     */
    public abstract D delegate() throws SQLException;

    @Override
    public final <T> T unwrap(Class<T> iface) throws SQLException {
        // A null interface is left for the delegate to judge, so the caller sees the delegate's own answer.
        if (iface != null && iface.isInstance(this)) {
            return iface.cast(this);
        }
        D delegate = delegate();
        T unwrapped = iface != null && iface.isInstance(delegate) ? iface.cast(delegate) : delegate.unwrap(iface);
        handingOutDelegate();
        return unwrapped;
    }

    /**
     * Called when {@link #unwrap(Class)} gives the caller the delegate, or something the delegate's own
     * unwrap chain reaches, through which the caller may change what this wrapper does not see. Does nothing here.
     */
    protected void handingOutDelegate() {
    }

    @Override
    public final boolean isWrapperFor(Class<?> iface) throws SQLException {
        if (iface != null && iface.isInstance(this)) {
            return true;
        }
        D delegate = delegate();
        if (iface != null && iface.isInstance(delegate)) {
            return true;
        }
        return delegate.isWrapperFor(iface);
    }

    /** Names the wrapper and the delegate, so logs show which driver object sits underneath. */
    @Override
    public String toString() {
        try {
            return getClass().getSimpleName() + "[" + delegate() + "]";
        } catch (SQLException e) {
            return getClass().getSimpleName() + "[" + e + "]";
        }
    }
}
