package dev.cachedjdbc.schema;

/**
 * What a column holds, for a column whose values the database compares exactly: two values are equal in a comparison
 * exactly when they are the same value, with no collation, case folding or conversion in between. Only such columns
 * can tell rows apart for invalidation (see {@link SchemaDependencies#exactColumns}).
 */
public enum ColumnKind {

    /** An integer type (smallint, integer, bigint and the like), compared as integers. */
    INTEGER,

    /**
     * A character type (varchar, text, char) under a collation that compares strings code by code. A padded type
     * ignores trailing spaces in comparisons, so values are told apart without them.
     */
    TEXT,

    /** A UUID, compared as its 128 bits. */
    UUID,

    /** A date without time or zone, compared as a day. */
    DATE;

    /**
     * Whether every comparison of the kind is exact whatever collation it is made under: true for the kinds that have
     * no collation. A unique index may have a collation of its own, so only these kinds are trusted where an index
     * decides which row matches (an upsert's conflict target).
     */
    public boolean exactUnderAnyCollation() {
        return this != TEXT;
    }
}
