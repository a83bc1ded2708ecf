package dev.cachedjdbc.analysis;

import java.util.List;
import java.util.Objects;

/**
 * The rows of one table that a statement is confined to: those whose {@code column} equals one of {@code values}.
 * For a query, every row of the table that can influence its result has such a value; for an UPDATE or DELETE,
 * every row it changes or removes has one before and after (the statement does not assign the column); for an
 * INSERT, every row it adds has one.
 *
 * <p>It says nothing about whether the column is a key or what its type is: a cache that compares values must check
 * in the catalog that the database compares them as it does (an integer column, say), and must only match a read
 * and a write confined by the same column.
 *
 * @param column the column's name as the database sees it: unquoted names folded the dialect's way, quoted names
 *               exactly as written
 * @param values where each value comes from; never empty
 */
public record RowRestriction(String column, List<RowKeyValue> values) {

    public RowRestriction {
        Objects.requireNonNull(column, "column");
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a restriction to no values would be a statement that touches no row");
        }
    }
}
