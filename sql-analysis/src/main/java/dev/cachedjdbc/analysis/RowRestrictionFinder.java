package dev.cachedjdbc.analysis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.ConflictActionType;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.insert.InsertConflictAction;
import net.sf.jsqlparser.statement.insert.InsertConflictTarget;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.TableFunction;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;

/**
 * Finds the {@link RowRestriction}s of one parsed statement: the tables whose rows it is provably confined to by
 * equalities on some of their columns. A wrong restriction is a stale read, so anything this class does not recognise
 * exactly gives no restriction.
 *
 * <p>A table can have one only when the statement names it once (counted over every reference the walk met, and by
 * {@link TableName#key()}, so that two spellings of what may be one table count twice), and:
 * <ul>
 *   <li>a plain SELECT without WITH, INTO or FOR clauses has it in its top-level FROM, directly or on either side of
 *       a join, and top-level AND-conjuncts of its WHERE are {@code col = v}, {@code v = col} or
 *       {@code col IN (v, …)} on its columns;</li>
 *   <li>an UPDATE or DELETE targets it and so confines its WHERE, the UPDATE not assigning the columns (a FROM or
 *       USING list is allowed on PostgreSQL only, where its meaning is known);</li>
 *   <li>an INSERT … VALUES lists the columns and gives each a value in every row; ON CONFLICT DO NOTHING is allowed,
 *       DO UPDATE only with a conflict target of plain columns, which then alone confine it, less those it
 *       assigns.</li>
 * </ul>
 * A value {@code v} is a {@code ?} placeholder, an integer literal, possibly negated, or a standard string literal:
 * never a cast, an expression or a named parameter, whose value the database may compare otherwise. A column
 * reference counts only when it cannot name anything but that table's column: qualified by the table's alias (or by
 * its name when it has none), or unqualified when the table is the statement's only source.
 *
 * <p>Every confining column is reported, each with its first condition in the text (a second condition on the same
 * column only narrows the rows further): the analysis cannot know which columns a cache can compare, nor which of
 * them writes and reads share.
 *
 * <p>Placeholder numbers are JSqlParser's; they are read through a {@link PlaceholderNumbering} that has shown how
 * they stand for the JDBC positions.
 */
final class RowRestrictionFinder {

    private final Dialect dialect;
    private final PlaceholderNumbering numbering;
    /** False when the parser input restated strings (see {@link ParserInput.Text#stringsAsWritten()}). */
    private final boolean stringsAsWritten;
    /** How often each {@link TableName#key()} is named in the statement. */
    private final Map<TableKey, Integer> referencesByKey = new HashMap<>();

    private RowRestrictionFinder(Dialect dialect, Collection<Table> tableReferences, PlaceholderNumbering numbering,
                                 boolean stringsAsWritten) {
        this.dialect = dialect;
        this.numbering = numbering;
        this.stringsAsWritten = stringsAsWritten;
        for (Table reference : tableReferences) {
            referencesByKey.merge(NameFolding.tableName(reference, dialect).key(), 1, Integer::sum);
        }
    }

    /**
     * @param tableReferences  every table reference of the statement, each parsed node once
     * @param numbering        how the parser's parameter numbers stand for the JDBC positions
     * @param stringsAsWritten whether the parsed strings are the statement's own
     */
    static Map<TableName, RowRestriction> find(Statement statement, Dialect dialect, Collection<Table> tableReferences,
                                               PlaceholderNumbering numbering, boolean stringsAsWritten) {
        RowRestrictionFinder finder = new RowRestrictionFinder(dialect, tableReferences, numbering, stringsAsWritten);
        if (statement instanceof PlainSelect select) {
            return finder.query(select);
        }
        if (statement instanceof Update update) {
            return finder.update(update);
        }
        if (statement instanceof Delete delete) {
            return finder.delete(delete);
        }
        if (statement instanceof Insert insert) {
            return finder.insert(insert);
        }
        return Map.of();
    }

    /**
     * One item of a FROM list, or the target of an UPDATE or DELETE, as a column reference sees it.
     *
     * @param table        the table, or null for anything else (a subquery, a function, a table inside parentheses)
     * @param alias        the folded alias of the table, or null when it has none
     * @param exposedNames the folded names a column may be qualified with to reach this item
     * @param restrictable true for a table that may have a restriction
     */
    private record Source(TableName table, String alias, List<String> exposedNames, boolean restrictable) {

        boolean exposes(String name) {
            for (String exposed : exposedNames) {
                if (exposed.equalsIgnoreCase(name)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A top-level conjunct {@code column = value} or {@code column IN (values)}. */
    private record KeyCondition(Column column, List<RowKeyValue> values) {
    }

    // ---- statements ----

    private Map<TableName, RowRestriction> query(PlainSelect select) {
        if (isPresent(select.getWithItemsList()) || isPresent(select.getIntoTables()) || select.getForMode() != null) {
            return Map.of();
        }
        List<Source> sources = new ArrayList<>();
        addSource(select.getFromItem(), sources, true);
        addJoins(select.getJoins(), sources, true);
        List<KeyCondition> conditions = keyConditions(select.getWhere());
        Map<TableName, RowRestriction> restrictions = new LinkedHashMap<>();
        for (Source source : sources) {
            if (source.restrictable()) {
                RowRestriction restriction = restriction(source, sources, conditions, column -> false);
                if (restriction != null) {
                    restrictions.put(source.table(), restriction);
                }
            }
        }
        return restrictions;
    }

    private Map<TableName, RowRestriction> update(Update update) {
        if (isPresent(update.getWithItemsList()) || isPresent(update.getStartJoins())
                || update.getForPortionClause() != null || update.getPreferringClause() != null) {
            return Map.of();
        }
        boolean otherSources = update.getFromItem() != null || isPresent(update.getJoins());
        if (otherSources && dialect != Dialect.POSTGRESQL) {
            return Map.of();
        }
        Source target = target(update.getTable());
        Set<String> assigned = assignedNames(update.getUpdateSets());
        if (target == null || assigned == null) {
            return Map.of();
        }
        List<Source> sources = new ArrayList<>(List.of(target));
        addSource(update.getFromItem(), sources, false);
        addJoins(update.getJoins(), sources, false);
        return restricted(target, restriction(target, sources, keyConditions(update.getWhere()),
                column -> assigned.contains(column.toLowerCase(Locale.ROOT))));
    }

    private Map<TableName, RowRestriction> delete(Delete delete) {
        if (isPresent(delete.getWithItemsList()) || isPresent(delete.getTables()) || isPresent(delete.getJoins())
                || delete.getForPortionClause() != null || delete.getPreferringClause() != null) {
            return Map.of();
        }
        List<FromItem> using = delete.getUsingFromItemList();
        if ((isPresent(using) || isPresent(delete.getUsingList())) && dialect != Dialect.POSTGRESQL) {
            return Map.of();
        }
        Source target = target(delete.getTable());
        if (target == null) {
            return Map.of();
        }
        List<Source> sources = new ArrayList<>(List.of(target));
        if (using != null) {
            using.forEach(item -> addSource(item, sources, false));
        }
        return restricted(target, restriction(target, sources, keyConditions(delete.getWhere()), column -> false));
    }

    private Map<TableName, RowRestriction> insert(Insert insert) {
        if (isPresent(insert.getWithItemsList()) || insert.isUseSet() || isPresent(insert.getSetUpdateSets())
                || insert.isUseDuplicate() || isPresent(insert.getDuplicateUpdateSets())
                || insert.getDuplicateAction() != null || insert.isModifierIgnore() || insert.isOverwrite()
                || insert.isOracleMultiInsert() || isPresent(insert.getPartitions())) {
            return Map.of();
        }
        if (!(insert.getSelect() instanceof Values values) || isPresent(values.getWithItemsList())) {
            return Map.of();
        }
        Source target = target(insert.getTable());
        List<String> columns = insertedColumns(insert.getColumns());
        List<List<Expression>> rows = rows(values.getExpressions());
        if (target == null || columns == null || rows == null) {
            return Map.of();
        }
        InsertConflictAction conflict = insert.getConflictAction();
        List<String> conflictColumns = null;
        if (conflict != null) {
            if (conflict.getConflictActionType() == ConflictActionType.DO_UPDATE) {
                conflictColumns = conflictColumns(insert.getConflictTarget());
                Set<String> assigned = assignedNames(conflict.getUpdateSets());
                if (conflictColumns == null || assigned == null) {
                    return Map.of();
                }
                conflictColumns.removeIf(column -> assigned.contains(column.toLowerCase(Locale.ROOT)));
            } else if (conflict.getConflictActionType() != ConflictActionType.DO_NOTHING) {
                return Map.of();
            }
        }
        List<RowRestriction.ColumnValues> confining = new ArrayList<>();
        for (int index = 0; index < columns.size(); index++) {
            String column = columns.get(index);
            if (conflictColumns != null && !conflictColumns.contains(column)) {
                // The row an upsert updates matches the new row only in its conflict target's columns.
                continue;
            }
            List<RowKeyValue> columnValues = columnValues(rows, index, columns.size());
            if (columnValues != null) {
                confining.add(new RowRestriction.ColumnValues(column, columnValues));
            }
        }
        return confining.isEmpty() ? Map.of()
                : Map.of(target.table(), new RowRestriction(confining, conflictColumns != null));
    }

    // ---- sources ----

    /** The target of a write, or null when it cannot have a restriction. */
    private Source target(Table table) {
        if (table == null || !isPlainTableReference(table)) {
            return null;
        }
        Source source = tableSource(table, true);
        return source.restrictable() ? source : null;
    }

    private void addJoins(List<Join> joins, List<Source> sources, boolean topLevel) {
        if (joins != null) {
            for (Join join : joins) {
                addSource(join.getFromItem(), sources, topLevel);
            }
        }
    }

    private void addSource(FromItem item, List<Source> sources, boolean topLevel) {
        if (item == null) {
            return;
        }
        if (item instanceof Table table) {
            sources.add(tableSource(table, topLevel && isPlainTableReference(table)));
        } else if (item instanceof ParenthesedFromItem parenthesed) {
            // A join in parentheses exposes its own tables; they are sources, but none is restricted.
            addSource(parenthesed.getFromItem(), sources, false);
            addJoins(parenthesed.getJoins(), sources, false);
            sources.add(new Source(null, null, aliasNames(parenthesed.getAlias()), false));
        } else {
            List<String> exposed = new ArrayList<>(aliasNames(item.getAlias()));
            if (exposed.isEmpty() && item instanceof TableFunction function) {
                for (Function called : function.getFunctions()) {
                    if (called.getName() != null) {
                        exposed.add(NameFolding.fold(called.getName(), dialect));
                    }
                }
            }
            sources.add(new Source(null, null, exposed, false));
        }
    }

    private Source tableSource(Table table, boolean mayBeRestricted) {
        TableName name = NameFolding.tableName(table, dialect);
        Alias alias = table.getAlias();
        String aliasName = alias == null || alias.getName() == null ? null : NameFolding.fold(alias.getName(), dialect);
        boolean namedOnce = referencesByKey.getOrDefault(name.key(), 0) == 1;
        return new Source(name, aliasName, List.of(aliasName != null ? aliasName : name.name()),
                mayBeRestricted && namedOnce);
    }

    private List<String> aliasNames(Alias alias) {
        return alias == null || alias.getName() == null ? List.of() : List.of(NameFolding.fold(alias.getName(), dialect));
    }

    /**
     * A table whose rows are the rows a column reference sees: no sample, pivot, time travel or database link, and
     * no alias that renames its columns ({@code item AS i(a, b)} would make {@code i.a} another column).
     */
    private static boolean isPlainTableReference(Table table) {
        Alias alias = table.getAlias();
        if (alias != null && alias.getAliasColumns() != null && !alias.getAliasColumns().isEmpty()) {
            return false;
        }
        return table.getSampleClause() == null && table.getPivot() == null && table.getUnPivot() == null
                && table.getTimeTravel() == null && table.getTimeTravelStrAfterAlias() == null
                && table.getNameParts().stream().noneMatch(part -> part.indexOf('@') >= 0);
    }

    // ---- conditions ----

    private List<KeyCondition> keyConditions(Expression where) {
        List<KeyCondition> conditions = new ArrayList<>();
        collectConjuncts(where, conditions);
        return conditions;
    }

    /** Descends through AND and grouping parentheses only: a condition under OR, NOT or CASE confines nothing. */
    private void collectConjuncts(Expression expression, List<KeyCondition> conditions) {
        if (expression instanceof AndExpression and && !and.isUseOperator()) {
            // "&&" is read as AND by the parser, but it is the array overlap operator in PostgreSQL.
            collectConjuncts(and.getLeftExpression(), conditions);
            collectConjuncts(and.getRightExpression(), conditions);
        } else if (expression instanceof ParenthesedExpressionList<?> group && group.size() == 1) {
            collectConjuncts(group.get(0), conditions);
        } else {
            KeyCondition condition = keyCondition(expression);
            if (condition != null) {
                conditions.add(condition);
            }
        }
    }

    private KeyCondition keyCondition(Expression expression) {
        if (expression instanceof EqualsTo equals && equals.getClass() == EqualsTo.class
                && equals.getOldOracleJoinSyntax() == EqualsTo.NO_ORACLE_JOIN
                && equals.getOraclePriorPosition() == EqualsTo.NO_ORACLE_PRIOR) {
            Expression left = equals.getLeftExpression();
            Expression right = equals.getRightExpression();
            if (left instanceof Column column) {
                RowKeyValue value = keyValue(right);
                return value == null ? null : new KeyCondition(column, List.of(value));
            }
            if (right instanceof Column column) {
                RowKeyValue value = keyValue(left);
                return value == null ? null : new KeyCondition(column, List.of(value));
            }
            return null;
        }
        if (expression instanceof InExpression in && !in.isNot() && !in.isGlobal()
                && in.getOldOracleJoinSyntax() == EqualsTo.NO_ORACLE_JOIN
                && in.getOraclePriorPosition() == EqualsTo.NO_ORACLE_PRIOR
                && in.getLeftExpression() instanceof Column column
                && in.getRightExpression() instanceof ParenthesedExpressionList<?> list && !list.isEmpty()) {
            if (list.size() == 1 && list.get(0) instanceof JdbcParameter parameter) {
                Integer index = plainParameterIndex(parameter);
                ParserInput.CutList cut = index == null ? null : numbering.cutList(index);
                if (cut != null) {
                    return cut.values() == null ? null : new KeyCondition(column, cut.values());
                }
            }
            List<RowKeyValue> values = new ArrayList<>(list.size());
            for (Expression element : list) {
                RowKeyValue value = keyValue(element);
                if (value == null) {
                    return null;
                }
                values.add(value);
            }
            return new KeyCondition(column, values);
        }
        return null;
    }

    /**
     * A placeholder, an integer literal, possibly negated, that fits a long, or a standard string literal as written;
     * null for anything else, and for the parameter that stands for a cut list (which only an IN list may hold).
     */
    private RowKeyValue keyValue(Expression expression) {
        if (expression instanceof JdbcParameter parameter) {
            Integer index = plainParameterIndex(parameter);
            return index == null || numbering.cutList(index) != null
                    ? null : new RowKeyValue.Parameter(numbering.jdbcIndex(index));
        }
        if (expression instanceof LongValue literal) {
            return IntegerLiterals.of(literal.getStringValue(), false);
        }
        if (expression instanceof SignedExpression signed && signed.getSign() == '-'
                && signed.getExpression() instanceof LongValue literal) {
            return IntegerLiterals.of(literal.getStringValue(), true);
        }
        if (expression instanceof StringValue string && stringsAsWritten && string.getClass() == StringValue.class
                && string.getPrefix() == null && string.getValue() != null) {
            return RowKeyValue.TextLiteral.ofToken("'" + string.getValue() + "'");
        }
        return null;
    }

    /** The parser's number of a plain {@code ?} it numbered; null for anything else. */
    private Integer plainParameterIndex(JdbcParameter parameter) {
        Integer index = parameter.getIndex();
        boolean plain = !parameter.isUseFixedIndex() && "?".equals(parameter.getParameterCharacter());
        return plain && index != null && index >= 1 && index <= numbering.parametersRead() ? index : null;
    }

    /**
     * Every condition on a column of {@code target} that is not excluded, the first one per column: each alone
     * confines the rows, so keeping one is sound, and the first is as good as any.
     */
    private RowRestriction restriction(Source target, List<Source> sources, List<KeyCondition> conditions,
                                       Predicate<String> excluded) {
        Map<String, List<RowKeyValue>> byColumn = new LinkedHashMap<>();
        for (KeyCondition condition : conditions) {
            String column = columnOf(condition.column(), target, sources);
            if (column != null && !excluded.test(column)) {
                byColumn.putIfAbsent(column, condition.values());
            }
        }
        if (byColumn.isEmpty()) {
            return null;
        }
        List<RowRestriction.ColumnValues> columns = new ArrayList<>(byColumn.size());
        byColumn.forEach((column, values) -> columns.add(new RowRestriction.ColumnValues(column, values)));
        return RowRestriction.of(columns);
    }

    /** The folded name of the column when the reference can only be to a column of {@code target}, else null. */
    private String columnOf(Column column, Source target, List<Source> sources) {
        String name = column.getColumnName();
        if (name == null || name.isEmpty() || column.getArrayConstructor() != null
                || column.getOldOracleJoinSyntax() != EqualsTo.NO_ORACLE_JOIN) {
            return null;
        }
        Table qualifier = column.getTable();
        if (qualifier == null || qualifier.getName() == null) {
            boolean mayBeAKeyword = !NameFolding.isQuoted(name) && (SqlKeywords.isKeyword(name)
                    || FunctionPolicy.VOLATILE_KEYWORDS.contains(name.toLowerCase(Locale.ROOT)));
            return sources.size() == 1 && !mayBeAKeyword ? NameFolding.fold(name, dialect) : null;
        }
        TableName named = NameFolding.tableName(qualifier, dialect);
        boolean bareName = named.schema() == null && named.catalog() == null;
        boolean qualifiesTarget = target.alias() != null
                ? bareName && named.name().equals(target.alias())
                : bareName ? named.name().equals(target.table().name()) : named.equals(target.table());
        if (!qualifiesTarget) {
            return null;
        }
        for (Source other : sources) {
            if (other != target && other.exposes(named.name())) {
                return null;
            }
        }
        return NameFolding.fold(name, dialect);
    }

    // ---- writes ----

    /**
     * The lower-case names every assignment's target is spelt with, qualifiers included (in {@code SET c.f = …} the
     * column assigned is {@code c}); null when a target is not a column reference.
     */
    private static Set<String> assignedNames(List<UpdateSet> sets) {
        Set<String> names = new HashSet<>();
        if (sets == null) {
            return names;
        }
        for (UpdateSet set : sets) {
            if (set.getColumns() == null) {
                return null;
            }
            for (Expression target : set.getColumns()) {
                if (!(target instanceof Column column) || column.getColumnName() == null) {
                    return null;
                }
                names.add(NameFolding.fold(column.getColumnName(), Dialect.POSTGRESQL).toLowerCase(Locale.ROOT));
                Table qualifier = column.getTable();
                if (qualifier != null && qualifier.getName() != null) {
                    for (String part : qualifier.getNameParts()) {
                        names.add(NameFolding.fold(part, Dialect.POSTGRESQL).toLowerCase(Locale.ROOT));
                    }
                    names.add(NameFolding.fold(qualifier.getName(), Dialect.POSTGRESQL).toLowerCase(Locale.ROOT));
                }
            }
        }
        return names;
    }

    /** The folded names of an INSERT's column list; null when it is missing, qualified or names a column twice. */
    private List<String> insertedColumns(ExpressionList<Column> columns) {
        if (columns == null || columns.isEmpty()) {
            return null;
        }
        List<String> names = new ArrayList<>(columns.size());
        Set<String> seen = new HashSet<>();
        for (Column column : columns) {
            boolean plain = column.getColumnName() != null && column.getArrayConstructor() == null
                    && (column.getTable() == null || column.getTable().getName() == null);
            if (!plain) {
                return null;
            }
            String name = NameFolding.fold(column.getColumnName(), dialect);
            if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                return null;
            }
            names.add(name);
        }
        return names;
    }

    /**
     * The rows of a VALUES list: one parenthesised list is one row, a list of parenthesised lists is several; null
     * for any other shape.
     */
    private static List<List<Expression>> rows(ExpressionList<?> values) {
        if (values instanceof ParenthesedExpressionList<?> single) {
            return List.of(new ArrayList<>(single));
        }
        if (values == null || values.isEmpty()) {
            return null;
        }
        List<List<Expression>> rows = new ArrayList<>(values.size());
        for (Expression row : values) {
            if (!(row instanceof ParenthesedExpressionList<?> list)) {
                return null;
            }
            rows.add(new ArrayList<>(list));
        }
        return rows;
    }

    /** The key values of one column over all rows; null when a row is short or a value is not a key value. */
    private List<RowKeyValue> columnValues(List<List<Expression>> rows, int index, int width) {
        List<RowKeyValue> values = new ArrayList<>(rows.size());
        for (List<Expression> row : rows) {
            if (row.size() != width) {
                return null;
            }
            RowKeyValue value = keyValue(row.get(index));
            if (value == null) {
                return null;
            }
            values.add(value);
        }
        return values;
    }

    /**
     * The columns of {@code ON CONFLICT (column, …)}, folded, in a list the caller may change; null for any other
     * conflict target (a constraint's name, an expression, a partial index's predicate).
     */
    private List<String> conflictColumns(InsertConflictTarget target) {
        if (target == null || target.getConstraintName() != null || target.getIndexExpression() != null
                || target.getWhereExpression() != null || target.getIndexColumnNames() == null
                || target.getIndexColumnNames().isEmpty()) {
            return null;
        }
        List<String> columns = new ArrayList<>();
        for (String column : target.getIndexColumnNames()) {
            if (column == null) {
                return null;
            }
            columns.add(NameFolding.fold(column, dialect));
        }
        return columns;
    }

    // ---- helpers ----

    private static Map<TableName, RowRestriction> restricted(Source target, RowRestriction restriction) {
        return restriction == null ? Map.of() : Map.of(target.table(), restriction);
    }

    private static boolean isPresent(Collection<?> items) {
        return items != null && !items.isEmpty();
    }
}
