package dev.cachedjdbc.cache;

/**
 * What one caller got back. A fresh object per caller, so that tests can check that no two callers share one;
 * {@code viaSharedValue} tells whether it was made from a value another caller loaded.
 */
final class CallerResult {

    private final String row;
    private final boolean viaSharedValue;

    CallerResult(String row, boolean viaSharedValue) {
        this.row = row;
        this.viaSharedValue = viaSharedValue;
    }

    String row() {
        return row;
    }

    boolean viaSharedValue() {
        return viaSharedValue;
    }

    @Override
    public String toString() {
        return (viaSharedValue ? "shared:" : "own:") + row;
    }
}
