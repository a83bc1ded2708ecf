package dev.cachedjdbc.analysis;

import java.util.List;
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

    /**
     * The longest name PostgreSQL keeps, in bytes (NAMEDATALEN - 1); it cuts longer ones, quoted or not, at the last
     * whole character within it.
     */
    static final int POSTGRESQL_NAME_BYTES = 63;

    /**
     * Folds an unquoted identifier the way this dialect resolves it. PostgreSQL lower-cases only ASCII letters
     * ({@code Äpfel} stays {@code Äpfel} in a UTF-8 database) and cuts the name as {@link #quotedName} does; H2
     * upper-cases with full Unicode rules ({@code straße} becomes {@code STRASSE}).
     */
    public String foldUnquoted(String identifier) {
        return switch (this) {
            case POSTGRESQL -> quotedName(lowerCaseAscii(identifier));
            case H2 -> identifier.toUpperCase(Locale.ROOT);
            case GENERIC -> identifier.toLowerCase(Locale.ROOT);
        };
    }

    /**
     * The name this dialect stores for a quoted identifier, given without its quotes: PostgreSQL keeps the first
     * {@value #POSTGRESQL_NAME_BYTES} bytes of its UTF-8 form, never splitting a character; the others keep it whole.
     */
    public String quotedName(String identifier) {
        return this == POSTGRESQL ? cutToPostgresqlLength(identifier) : identifier;
    }

    /**
     * Reads one table name as a user writes it outside a statement ({@code orders}, {@code audit.events},
     * {@code "a.b"}, {@code s."Mixed Case"}, {@code db.public.orders}): quoted parts keep their case and may hold
     * periods, unquoted parts fold as this dialect folds them, and both are cut as it cuts them. Its
     * {@link TableName#key()} is the key a statement naming that table gives it.
     *
     * @throws IllegalArgumentException with a message naming the problem, when the text is not one table name
     */
    public TableName parseTableName(String text) {
        return TableNameSyntax.one(text, this);
    }

    /**
     * Reads a comma-separated list of table names, each as {@link #parseTableName(String)} reads one; empty entries
     * are skipped.
     *
     * @throws IllegalArgumentException with a message naming the problem, when an entry is not one table name
     */
    public List<TableName> parseTableNames(String text) {
        return TableNameSyntax.list(text, this);
    }

    private static String lowerCaseAscii(String identifier) {
        for (int i = 0; i < identifier.length(); i++) {
            char c = identifier.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] folded = identifier.toCharArray();
                for (int j = i; j < folded.length; j++) {
                    if (folded[j] >= 'A' && folded[j] <= 'Z') {
                        folded[j] += 'a' - 'A';
                    }
                }
                return new String(folded);
            }
        }
        return identifier;
    }

    private static String cutToPostgresqlLength(String identifier) {
        if (identifier.length() <= POSTGRESQL_NAME_BYTES / 4) {
            return identifier;
        }
        int bytes = 0;
        int i = 0;
        while (i < identifier.length()) {
            int codePoint = identifier.codePointAt(i);
            bytes += utf8Length(codePoint);
            if (bytes > POSTGRESQL_NAME_BYTES) {
                return identifier.substring(0, i);
            }
            i += Character.charCount(codePoint);
        }
        return identifier;
    }

    /** Bytes of a code point in UTF-8; a lone surrogate counts as the one replacement byte a JDBC driver sends. */
    private static int utf8Length(int codePoint) {
        if (codePoint < 0x80) {
            return 1;
        }
        if (codePoint < 0x800) {
            return 2;
        }
        if (codePoint < 0x10000) {
            return Character.isSurrogate((char) codePoint) ? 1 : 3;
        }
        return 4;
    }
}
