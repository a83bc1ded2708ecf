package dev.cachedjdbc.jdbc;

import java.sql.SQLException;
import java.sql.Wrapper;

/**
 * The one place where the driver's JDBC wrappers answer {@link #unwrap(Class)} and {@link #isWrapperFor(Class)}:
 * first this wrapper itself (so a caller asking for a JDBC interface or a wrapper class gets the wrapper, as JDBC
 * requires of an object that implements the interface), then the delegate, then whatever the delegate's own
 * unwrap chain reaches, each as {@link #handOut} decides. An interface none of them provides fails with the
 * delegate's own {@link SQLException}.
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
        if (iface != null && iface.isInstance(delegate)) {
            handingOutDelegate();
            return iface.cast(handOut(iface, delegate));
        }
        T unwrapped = delegate.unwrap(iface);
        handingOutDelegate();
        return iface == null ? unwrapped : iface.cast(handOut(iface, unwrapped));
    }

    /**
     * Called when {@link #unwrap(Class)} gives the caller the delegate, or something the delegate's own
     * unwrap chain reaches, through which the caller may change what this wrapper does not see. Does nothing here.
     */
    protected void handingOutDelegate() {
    }

    /**
     * What {@link #unwrap(Class)} gives the caller when it reaches an object under this wrapper: by default that
     * object itself. An object of the database's driver lets the caller run statements this wrapper never sees; a
     * wrapper that must know of them overrides this, to hand out something else that is an instance of
     * {@code iface}, or to take note. Wrappers with a parent wrapper (a statement's connection) leave it to the parent.
     */
    protected Object handOut(Class<?> iface, Object unwrapped) throws SQLException {
        return unwrapped;
    }

    /** {@link #handOut} as the given wrapper decides it, for a wrapper that leaves the decision to its parent. */
    static Object handOutThrough(Object parent, Class<?> iface, Object unwrapped) throws SQLException {
        return parent instanceof AbstractWrapper<?> wrapper ? wrapper.handOut(iface, unwrapped) : unwrapped;
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
