package dev.cachedjdbc.cache;

/**
 * What one caller got back. A fresh object per caller, so that tests can check that no two callers share one;
 * {@code viaSharedValue} tells whether it was made from a value another caller loaded, {@code passedThrough} whether
 * the caller's query ran without making a value that could be shared.
 */
final class CallerResult {

    private final String row;
    private final boolean viaSharedValue;
    private final boolean passedThrough;

    CallerResult(String row, boolean viaSharedValue) {
        this(row, viaSharedValue, false);
    }

    private CallerResult(String row, boolean viaSharedValue, boolean passedThrough) {
        this.row = row;
        this.viaSharedValue = viaSharedValue;
        this.passedThrough = passedThrough;
    }

    static CallerResult passedThrough(String row) {
        return new CallerResult(row, false, true);
    }

    String row() {
        return row;
    }

    boolean viaSharedValue() {
        return viaSharedValue;
    }

    boolean passedThrough() {
        return passedThrough;
    }

    @Override
    public String toString() {
        return (viaSharedValue ? "shared:" : passedThrough ? "passed through:" : "own:") + row;
    }
}
