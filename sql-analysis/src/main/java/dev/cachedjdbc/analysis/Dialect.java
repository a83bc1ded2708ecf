package dev.cachedjdbc.analysis;

import java.util.Locale;

/**
 * The SQL dialect a statement is read in. It decides how unquoted identifiers fold, which functions are known
 * to be deterministic, and which schemas are system catalogs.
 */
public enum Dialect {
    POSTGRESQL,
    H2,
    /** Any other database: identifiers are compared case-insensitively and only standard functions are trusted. */
    GENERIC;

    /**
     * Picks the dialect from {@code DatabaseMetaData.getDatabaseProductName()}; unknown products get
     * {@link #GENERIC}, never an error.
     */
    public static Dialect fromProductName(String productName) {
        if (productName == null) {
            return GENERIC;
        }
        String name = productName.toLowerCase(Locale.ROOT);
        if (name.contains("postgres")) {
            return POSTGRESQL;
        }
        if (name.equals("h2")) {
            return H2;
        }
        return GENERIC;
    }

    /** Folds an unquoted identifier the way this dialect resolves it. */
    public String foldUnquoted(String identifier) {
        return switch (this) {
            case POSTGRESQL, GENERIC -> identifier.toLowerCase(Locale.ROOT);
            case H2 -> identifier.toUpperCase(Locale.ROOT);
        };
    }
}
