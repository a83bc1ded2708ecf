package dev.cachedjdbc.analysis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.insert.ConflictActionType;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.insert.InsertConflictAction;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.merge.MergeOperation;
import net.sf.jsqlparser.statement.merge.MergeUpdate;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;

/**
 * Finds the columns a single parsed statement assigns in the existing rows of the one table it writes (see
 * {@link StatementAnalysis#assignedColumns()}): the targets of an UPDATE's SET list, of an INSERT's ON CONFLICT DO
 * UPDATE SET or ON DUPLICATE KEY UPDATE list, or of a MERGE's WHEN MATCHED THEN UPDATE SET lists. A cache learns
 * from them that an update cannot fire a foreign key's ON UPDATE action on columns it does not assign, nor an
 * UPDATE OF trigger; a column left out would be a stale read, so the rules err toward listing too much:
 * <ul>
 *   <li>every part a target is spelt with counts: in {@code SET c.f = …} PostgreSQL assigns field {@code f} of column
 *       {@code c}, while H2 and MySQL read {@code c} as the table; {@code SET a[1] = …} assigns {@code a};</li>
 *   <li>{@code SET (a, b) = (SELECT …)} assigns {@code a} and {@code b}, whatever the query gives;</li>
 *   <li>a target that is not a column, or an unquoted {@code ROW} (a whole-row assignment in some databases), lists
 *       nothing: the statement may assign any column;</li>
 *   <li>only a statement without WITH that writes nothing but its target is listed: a writable CTE or a multi-table
 *       UPDATE (MySQL's {@code UPDATE a JOIN b SET …}) may assign any column of any table it writes;</li>
 *   <li>an INSERT without an update clause, and H2's {@code MERGE … KEY}, which the caller does not hand over, list
 *       nothing: they assign no column they name as an update would, and a cache must not read the absence of an
 *       entry as "no column".</li>
 * </ul>
 * A MERGE whose actions update nothing lists no column: its rows are inserted or deleted, never updated.
 */
final class AssignedColumnsFinder {

    /** The target word that assigns a whole row where a database reads it so ({@code UPDATE t SET ROW = …}). */
    private static final String WHOLE_ROW = "row";

    private final Dialect dialect;

    private AssignedColumnsFinder(Dialect dialect) {
        this.dialect = dialect;
    }

    /**
     * @param written every table the walk found the statement writing
     * @return the target and the names its assignments are spelt with, or an empty map when they cannot be listed
     */
    static Map<TableName, Set<String>> find(Statement statement, Dialect dialect, Set<TableName> written) {
        AssignedColumnsFinder finder = new AssignedColumnsFinder(dialect);
        if (statement instanceof Update update) {
            if (isPresent(update.getWithItemsList()) || isPresent(update.getStartJoins())) {
                return Map.of();
            }
            List<List<UpdateSet>> updates = new ArrayList<>();
            updates.add(update.getUpdateSets());
            return finder.assigned(update.getTable(), written, updates);
        }
        if (statement instanceof Insert insert) {
            if (isPresent(insert.getWithItemsList())) {
                return Map.of();
            }
            List<List<UpdateSet>> updates = new ArrayList<>();
            InsertConflictAction conflict = insert.getConflictAction();
            if (conflict != null && conflict.getConflictActionType() == ConflictActionType.DO_UPDATE) {
                updates.add(conflict.getUpdateSets());
            }
            if (isPresent(insert.getDuplicateUpdateSets())) {
                updates.add(insert.getDuplicateUpdateSets());
            }
            if (insert.getDuplicateAction() != null && isPresent(insert.getDuplicateAction().getUpdateSets())) {
                updates.add(insert.getDuplicateAction().getUpdateSets());
            }
            return updates.isEmpty() ? Map.of() : finder.assigned(insert.getTable(), written, updates);
        }
        if (statement instanceof Merge merge) {
            if (isPresent(merge.getWithItemsList()) || merge.getOperations() == null) {
                return Map.of();
            }
            List<List<UpdateSet>> updates = new ArrayList<>();
            for (MergeOperation operation : merge.getOperations()) {
                if (operation instanceof MergeUpdate update) {
                    updates.add(update.getUpdateSets());
                }
            }
            return finder.assigned(merge.getTable(), written, updates);
        }
        return Map.of();
    }

    /** The names these assignment lists give targets of {@code target}, when it is all the statement writes. */
    private Map<TableName, Set<String>> assigned(Table target, Set<TableName> written, List<List<UpdateSet>> updates) {
        if (target == null || target.getName() == null) {
            return Map.of();
        }
        TableName table = NameFolding.tableName(target, dialect);
        if (written.size() != 1 || !written.contains(table)) {
            return Map.of();
        }
        Set<String> names = new LinkedHashSet<>();
        for (List<UpdateSet> sets : updates) {
            if (sets == null || !addTargets(sets, names)) {
                return Map.of();
            }
        }
        return Map.of(table, Set.copyOf(names));
    }

    /** Adds every name the targets of these assignments are spelt with; false when a target is not a column. */
    private boolean addTargets(List<UpdateSet> sets, Set<String> names) {
        for (UpdateSet set : sets) {
            Collection<? extends Expression> targets = set.getColumns();
            if (targets == null || targets.isEmpty()) {
                return false;
            }
            for (Expression target : targets) {
                if (!(target instanceof Column column) || column.getColumnName() == null
                        || column.getColumnName().isEmpty()) {
                    return false;
                }
                Table qualifier = column.getTable();
                boolean qualified = qualifier != null && qualifier.getName() != null;
                if (!qualified && WHOLE_ROW.equalsIgnoreCase(column.getColumnName())) {
                    return false;
                }
                names.add(NameFolding.fold(column.getColumnName(), dialect));
                if (qualified) {
                    for (String part : qualifier.getNameParts()) {
                        names.add(NameFolding.fold(part, dialect));
                    }
                }
            }
        }
        return true;
    }

    private static boolean isPresent(Collection<?> items) {
        return items != null && !items.isEmpty();
    }
}
