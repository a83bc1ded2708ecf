package dev.cachedjdbc.result;

import java.sql.ResultSet;

/**
 * What reading a driver's result produced: either a {@link CachedResult} to cache and serve (the driver's result set
 * already closed), or a result set the caller must be given instead, together with the reason it was not cached.
 */
public final class CaptureOutcome {

    private final CachedResult result;
    private final ResultSet passThrough;
    private final UncachedReason uncachedReason;
    private final String detail;

    private CaptureOutcome(CachedResult result, ResultSet passThrough, UncachedReason uncachedReason,
            String detail) {
        this.result = result;
        this.passThrough = passThrough;
        this.uncachedReason = uncachedReason;
        this.detail = detail;
    }

    static CaptureOutcome cached(CachedResult result) {
        return new CaptureOutcome(result, null, null, null);
    }

    static CaptureOutcome uncached(ResultSet passThrough, UncachedReason reason, String detail) {
        return new CaptureOutcome(null, passThrough, reason, detail);
    }

    /** The snapshot to cache, or null when the result was not cached. */
    public CachedResult result() {
        return result;
    }

    /** The result set to hand the caller when the result was not cached (it still owns the driver's result set and
     *  must be closed by the caller); null when it was cached. */
    public ResultSet passThrough() {
        return passThrough;
    }

    public boolean isCached() {
        return result != null;
    }

    /** Why the result was not cached, or null when it was. */
    public UncachedReason uncachedReason() {
        return uncachedReason;
    }

    /** A human-readable account of why the result was not cached, for logs; null when it was. */
    public String detail() {
        return detail;
    }

    @Override
    public String toString() {
        return isCached() ? "CaptureOutcome[cached " + result + "]" : "CaptureOutcome[not cached: " + detail + "]";
    }
}
