package dev.cachedjdbc.analysis;

import java.math.BigInteger;

/** Integer literals as row-key values: plain decimal digits, possibly negated, that fit a long. */
final class IntegerLiterals {

    private IntegerLiterals() {
    }

    /**
     * The value of these digits, negated when {@code negated}; null for anything else (hexadecimal, underscores, a
     * fraction, an exponent, a value beyond a long), whose meaning may differ between databases.
     */
    static RowKeyValue.IntegerLiteral of(String digits, boolean negated) {
        if (digits == null || digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        BigInteger value = new BigInteger(digits);
        if (negated) {
            value = value.negate();
        }
        return value.bitLength() < Long.SIZE ? new RowKeyValue.IntegerLiteral(value.longValueExact()) : null;
    }
}
