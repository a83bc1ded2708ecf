package dev.cachedjdbc.jdbc;

import java.sql.SQLException;
import java.sql.Wrapper;
import java.util.Objects;

/**
 * The one place where the driver's JDBC wrappers answer {@link #unwrap(Class)} and {@link #isWrapperFor(Class)}:
 * first this wrapper itself (so a caller asking for a JDBC interface or a wrapper class gets the wrapper, as JDBC
 * requires of an object that implements the interface), then the delegate, then whatever the delegate's own
 * unwrap chain reaches. An interface none of them provides fails with the delegate's own {@link SQLException}.
 *
 * @param <D> the JDBC interface being wrapped
 */
public abstract class AbstractWrapper<D extends Wrapper> implements Wrapper {

    private final D delegate;

    protected AbstractWrapper(D delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The driver object every call that this wrapper does not handle itself is passed to. */
    public final D delegate() {
        return delegate;
    }

    @Override
    public final <T> T unwrap(Class<T> iface) throws SQLException {
        // A null interface is left for the delegate to judge, so the caller sees the delegate's own answer.
        if (iface != null) {
            if (iface.isInstance(this)) {
                return iface.cast(this);
            }
            if (iface.isInstance(delegate)) {
                return iface.cast(delegate);
            }
        }
        return delegate.unwrap(iface);
    }

    @Override
    public final boolean isWrapperFor(Class<?> iface) throws SQLException {
        if (iface != null && (iface.isInstance(this) || iface.isInstance(delegate))) {
            return true;
        }
        return delegate.isWrapperFor(iface);
    }

    /** Names the wrapper and the delegate, so logs show which driver object sits underneath. */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + delegate + "]";
    }
}
