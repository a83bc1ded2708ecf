package dev.cachedjdbc.connection;

import dev.cachedjdbc.cache.RowSelection;
import java.util.List;

/**
 * The rows writes of one table are confined to, where every write of it is confined: a selection per execution, and
 * the keys of those rows where the table's row-key column confines every one of them, for other instances.
 *
 * @param selections    the rows of each execution; never empty
 * @param announcedKeys the row-key values of the written rows (see {@link dev.cachedjdbc.cache.WrittenTables}), or
 *                      null when some execution is not confined by the row-key column
 */
public record WrittenRows(List<RowSelection> selections, long[] announcedKeys) {

    public WrittenRows {
        selections = List.copyOf(selections);
        if (selections.isEmpty()) {
            throw new IllegalArgumentException("rows of no execution would be a write of nothing");
        }
    }
}
