package dev.cachedjdbc.analysis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.AnyComparisonExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.NextValExpression;
import net.sf.jsqlparser.expression.TimeKeyExpression;
import net.sf.jsqlparser.expression.TrimFunction;
import net.sf.jsqlparser.expression.UserVariable;
import net.sf.jsqlparser.expression.VariableAssignment;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Commit;
import net.sf.jsqlparser.statement.DescribeStatement;
import net.sf.jsqlparser.statement.ExplainStatement;
import net.sf.jsqlparser.statement.ResetStatement;
import net.sf.jsqlparser.statement.ReturningClause;
import net.sf.jsqlparser.statement.RollbackStatement;
import net.sf.jsqlparser.statement.SavepointStatement;
import net.sf.jsqlparser.statement.SetStatement;
import net.sf.jsqlparser.statement.ShowColumnsStatement;
import net.sf.jsqlparser.statement.ShowStatement;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.UseStatement;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.RenameTableStatement;
import net.sf.jsqlparser.statement.alter.sequence.AlterSequence;
import net.sf.jsqlparser.statement.analyze.Analyze;
import net.sf.jsqlparser.statement.comment.Comment;
import net.sf.jsqlparser.statement.create.index.CreateIndex;
import net.sf.jsqlparser.statement.create.sequence.CreateSequence;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.view.AlterView;
import net.sf.jsqlparser.statement.create.view.CreateView;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.delete.ParenthesedDelete;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.execute.Execute;
import net.sf.jsqlparser.statement.grant.Grant;
import net.sf.jsqlparser.statement.grant.Revoke;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.insert.InsertConflictAction;
import net.sf.jsqlparser.statement.insert.ParenthesedInsert;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.merge.MergeDelete;
import net.sf.jsqlparser.statement.merge.MergeInsert;
import net.sf.jsqlparser.statement.merge.MergeOperation;
import net.sf.jsqlparser.statement.merge.MergeUpdate;
import net.sf.jsqlparser.statement.refresh.RefreshMaterializedViewStatement;
import net.sf.jsqlparser.statement.select.Distinct;
import net.sf.jsqlparser.statement.select.Fetch;
import net.sf.jsqlparser.statement.select.ForMode;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.GroupByElement;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.Limit;
import net.sf.jsqlparser.statement.select.Offset;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.TableFunction;
import net.sf.jsqlparser.statement.select.TableStatement;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.statement.show.ShowIndexStatement;
import net.sf.jsqlparser.statement.show.ShowTablesStatement;
import net.sf.jsqlparser.statement.truncate.Truncate;
import net.sf.jsqlparser.statement.update.ParenthesedUpdate;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;
import net.sf.jsqlparser.statement.upsert.Upsert;

/**
 * Walks a parsed statement and records every table it reads or writes, every function it calls and every clause
 * that bears on caching. CTE names are resolved by scope: a CTE hides a table of the same name only where the CTE is
 * visible (its WITH's body, later siblings, and, under RECURSIVE, its own definition).
 *
 * <p>Whatever the walk does not know how to follow is reported through {@link Findings#unanalyzable}, never skipped.
 */
final class StatementWalker {

    /** The CTE names visible at a point of the statement. */
    private record Scope(Scope parent, Set<String> cteNames) {

        static final Scope ROOT = new Scope(null, Set.of());

        boolean isCte(String foldedName) {
            for (Scope scope = this; scope != null; scope = scope.parent) {
                if (scope.cteNames.contains(foldedName)) {
                    return true;
                }
            }
            return false;
        }
    }

    private final Dialect dialect;
    private final Findings findings;
    private final ExpressionScanner expressions = new ExpressionScanner();
    /** Each query block once, however often it is visited, so that the count matches the SELECT keywords. */
    private final Set<PlainSelect> plainSelectsMet = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Lower-case names of the functions the text calls through JDBC {@code {fn …}} escapes. */
    private final Set<String> escapedFunctions;

    private StatementWalker(Dialect dialect, Findings findings, Set<String> escapedFunctions) {
        this.dialect = dialect;
        this.findings = findings;
        this.escapedFunctions = escapedFunctions;
    }

    /** Walks a statement; {@code statementTokens} is its lexed text, used for what the AST does not keep. */
    static Findings walk(Statement statement, Dialect dialect, TokenRange statementTokens) {
        Findings findings = new Findings();
        new StatementWalker(dialect, findings, TokenChecks.escapedFunctionNames(statementTokens))
                .statement(statement, statementTokens);
        return findings;
    }

    private void statement(Statement statement, TokenRange tokens) {
        if (statement instanceof Select select) {
            findings.kind = StatementKind.QUERY;
            select(select, Scope.ROOT);
            if (findings.changesRows) {
                findings.kind = StatementKind.WRITE;
            }
        } else if (statement instanceof Insert insert) {
            findings.kind = StatementKind.WRITE;
            insert(insert, Scope.ROOT);
        } else if (statement instanceof Update update) {
            findings.kind = StatementKind.WRITE;
            update(update, Scope.ROOT);
        } else if (statement instanceof Delete delete) {
            findings.kind = StatementKind.WRITE;
            delete(delete, Scope.ROOT);
        } else if (statement instanceof Merge merge) {
            findings.kind = StatementKind.WRITE;
            merge(merge);
        } else if (statement instanceof Upsert upsert) {
            findings.kind = StatementKind.WRITE;
            upsert(upsert);
        } else if (statement instanceof Truncate truncate) {
            findings.kind = StatementKind.WRITE;
            findings.changesRows = true;
            if (truncate.getTables() != null && !truncate.getTables().isEmpty()) {
                truncate.getTables().forEach(this::written);
            } else {
                written(truncate.getTable());
            }
            if (truncate.getCascade() || tokens.containsWord("CASCADE")) {
                findings.writesUnknownTables = true;
            }
        } else if (statement instanceof ExplainStatement explain) {
            explain(explain, tokens);
        } else if (statement instanceof Execute) {
            findings.kind = StatementKind.CALL;
            findings.writesUnknownTables = true;
        } else if (statement instanceof SetStatement || statement instanceof ResetStatement
                || statement instanceof UseStatement) {
            findings.kind = StatementKind.SESSION_CHANGE;
        } else if (statement instanceof Commit) {
            transactionControl(TransactionControl.COMMIT);
        } else if (statement instanceof RollbackStatement rollback) {
            transactionControl(rollback.getSavepointName() != null
                    ? TransactionControl.ROLLBACK_TO_SAVEPOINT : TransactionControl.ROLLBACK);
        } else if (statement instanceof SavepointStatement) {
            transactionControl(TransactionControl.SAVEPOINT);
        } else if (statement instanceof ShowStatement || statement instanceof ShowColumnsStatement
                || statement instanceof ShowTablesStatement || statement instanceof ShowIndexStatement
                || statement instanceof DescribeStatement) {
            findings.kind = StatementKind.QUERY;
            findings.notAPlainQuery = true;
        } else {
            definition(statement, tokens);
        }
    }

    private void transactionControl(TransactionControl control) {
        findings.kind = StatementKind.TRANSACTION_CONTROL;
        findings.transactionControl = control;
    }

    /** DDL: the objects it defines go to tablesWritten; anything whose reach is unclear writes everything. */
    private void definition(Statement statement, TokenRange tokens) {
        findings.kind = StatementKind.DDL;
        boolean reachUnclear = tokens.containsWord("CASCADE") || tokens.containsWord("RENAME");
        if (statement instanceof CreateTable create) {
            written(create.getTable());
            if (create.getLikeTable() != null) {
                read(create.getLikeTable(), Scope.ROOT);
            }
            if (create.getSelect() != null) {
                findings.kind = StatementKind.WRITE;
                findings.changesRows = true;
                select(create.getSelect(), Scope.ROOT);
            }
        } else if (statement instanceof CreateView create) {
            written(create.getView());
            select(create.getSelect(), Scope.ROOT);
        } else if (statement instanceof AlterView alter) {
            written(alter.getView());
            select(alter.getSelect(), Scope.ROOT);
        } else if (statement instanceof CreateIndex create) {
            written(create.getTable());
            expression(create.getWhere(), Scope.ROOT);
        } else if (statement instanceof Alter alter) {
            written(alter.getTable());
        } else if (statement instanceof Drop drop) {
            String type = drop.getType() == null ? "" : drop.getType().toUpperCase(Locale.ROOT);
            List<Table> names = drop.getNames() != null && !drop.getNames().isEmpty()
                    ? drop.getNames() : drop.getName() == null ? List.of() : List.of(drop.getName());
            names.forEach(this::written);
            if (!(type.contains("TABLE") || type.contains("VIEW") || type.contains("INDEX")
                    || type.contains("SEQUENCE"))) {
                reachUnclear = true;
            }
        } else if (statement instanceof Comment comment) {
            if (comment.getTable() != null) {
                written(comment.getTable());
            } else if (comment.getView() != null) {
                written(comment.getView());
            } else if (comment.getColumn() != null && comment.getColumn().getTable() != null) {
                written(comment.getColumn().getTable());
            } else {
                reachUnclear = true;
            }
        } else if (statement instanceof Grant || statement instanceof Revoke) {
            TableName target = privilegeTarget(tokens);
            if (target == null) {
                reachUnclear = true;
            } else {
                findings.written.add(target);
            }
        } else if (statement instanceof RefreshMaterializedViewStatement refresh) {
            written(refresh.getView());
        } else if (statement instanceof Analyze) {
            TableName target = LeadingKeywords.qualifiedName(tokens, 1, dialect);
            if (target != null) {
                findings.written.add(target);
            }
        } else if (statement instanceof CreateSequence create) {
            findings.written.add(TableName.of(NameFolding.fold(create.getSequence().getName(), dialect)));
        } else if (statement instanceof AlterSequence alter) {
            findings.written.add(TableName.of(NameFolding.fold(alter.getSequence().getName(), dialect)));
        } else if (statement instanceof RenameTableStatement rename) {
            for (Map.Entry<Table, Table> names : rename.getTableNames()) {
                written(names.getKey());
                written(names.getValue());
            }
            reachUnclear = true;
        } else if (isDefinitionStatement(statement)) {
            reachUnclear = true;
        } else {
            findings.kind = StatementKind.UNKNOWN;
            reachUnclear = true;
        }
        findings.writesUnknownTables |= reachUnclear;
    }

    private static boolean isDefinitionStatement(Statement statement) {
        String name = statement.getClass().getSimpleName();
        return name.startsWith("Create") || name.startsWith("Alter") || name.startsWith("Drop");
    }

    /** The object of GRANT/REVOKE … ON [TABLE] name; null for privileges on anything but one table. */
    private TableName privilegeTarget(TokenRange tokens) {
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.isWord(i, "ON")) {
                int nameIndex = tokens.isWord(i + 1, "TABLE") ? i + 2 : i + 1;
                if (tokens.isWord(nameIndex, "ALL") || tokens.isWord(nameIndex, "SCHEMA")
                        || tokens.isWord(nameIndex, "DATABASE") || tokens.isWord(nameIndex, "FUNCTION")
                        || tokens.isWord(nameIndex, "SEQUENCE")) {
                    return null;
                }
                int end = LeadingKeywords.qualifiedNameEnd(tokens, nameIndex);
                boolean single = end > nameIndex && (end == tokens.size() || tokens.isWord(end, "TO")
                        || tokens.isWord(end, "FROM"));
                return single ? LeadingKeywords.qualifiedName(tokens, nameIndex, dialect) : null;
            }
        }
        return null;
    }

    private void explain(ExplainStatement explain, TokenRange tokens) {
        Statement inner = explain.getStatement();
        if (inner == null) {
            findings.unanalyzable("EXPLAIN of a statement that could not be read");
            return;
        }
        statement(inner, tokens);
        if (findings.kind != StatementKind.WRITE) {
            findings.kind = StatementKind.QUERY;
        }
        findings.notAPlainQuery = true;
    }

    // ---- queries ----

    private void select(Select select, Scope outer) {
        if (select == null) {
            return;
        }
        Scope scope = withItems(select.getWithItemsList(), outer);
        ForMode forMode = select.getForMode();
        if (forMode != null && forMode != ForMode.READ_ONLY && forMode != ForMode.FETCH_ONLY) {
            findings.locking("FOR " + forMode.getValue());
        }
        if (select instanceof PlainSelect plain) {
            plainSelect(plain, scope);
        } else if (select instanceof SetOperationList setOperations) {
            for (Select part : setOperations.getSelects()) {
                select(part, scope);
            }
        } else if (select instanceof Values values) {
            expressions(values.getExpressions(), scope);
        } else if (select instanceof ParenthesedSelect parenthesed) {
            alias(parenthesed.getAlias());
            select(parenthesed.getSelect(), scope);
        } else if (select instanceof TableStatement table) {
            read(table.getTable(), scope);
        } else {
            findings.unanalyzable("unsupported query form " + select.getClass().getSimpleName());
        }
        orderBy(select.getOrderByElements(), scope);
        limit(select.getLimit(), scope);
        limit(select.getLimitBy(), scope);
        Offset offset = select.getOffset();
        if (offset != null) {
            expression(offset.getOffset(), scope);
        }
        Fetch fetch = select.getFetch();
        if (fetch != null) {
            expression(fetch.getExpression(), scope);
        }
    }

    private Scope withItems(List<WithItem<?>> items, Scope outer) {
        if (items == null || items.isEmpty()) {
            return outer;
        }
        List<String> names = new ArrayList<>(items.size());
        boolean recursive = false;
        for (WithItem<?> item : items) {
            String name = NameFolding.fold(item.getAliasName(), dialect);
            names.add(name);
            findings.cteKeys.add(TableKey.of(name));
            findings.localNames.add(item.getAliasName().toLowerCase(Locale.ROOT));
            recursive |= item.isRecursive();
        }
        Scope all = new Scope(outer, Set.copyOf(names));
        for (int i = 0; i < items.size(); i++) {
            Scope definitionScope = recursive ? all : new Scope(outer, new HashSet<>(names.subList(0, i)));
            withItem(items.get(i), definitionScope);
        }
        return all;
    }

    private void withItem(WithItem<?> item, Scope scope) {
        Object body = item.getStatement();
        if (body instanceof ParenthesedSelect select) {
            select(select, scope);
        } else if (body instanceof ParenthesedInsert insert) {
            findings.changesRows = true;
            insert(insert.getInsert(), scope);
        } else if (body instanceof ParenthesedUpdate update) {
            findings.changesRows = true;
            update(update.getUpdate(), scope);
        } else if (body instanceof ParenthesedDelete delete) {
            findings.changesRows = true;
            delete(delete.getDelete(), scope);
        } else if (item.getWithFunctionDeclaration() != null) {
            findings.unknownCall("a function declared in WITH");
        } else {
            findings.unanalyzable("unsupported WITH item " + (body == null ? "without a body" : body.getClass().getSimpleName()));
        }
    }

    private void plainSelect(PlainSelect select, Scope scope) {
        if (plainSelectsMet.add(select)) {
            findings.plainSelects++;
        }
        if (select.getIntoTables() != null && !select.getIntoTables().isEmpty()) {
            findings.changesRows = true;
            select.getIntoTables().forEach(this::written);
        }
        Distinct distinct = select.getDistinct();
        if (distinct != null) {
            selectItems(distinct.getOnSelectItems(), scope);
        }
        selectItems(select.getSelectItems(), scope);
        fromItem(select.getFromItem(), scope);
        joins(select.getJoins(), scope);
        expression(select.getWhere(), scope);
        expression(select.getPreWhere(), scope);
        GroupByElement groupBy = select.getGroupBy();
        if (groupBy != null) {
            expressions(groupBy.getGroupByExpressionList(), scope);
            if (groupBy.getGroupingSets() != null) {
                groupBy.getGroupingSets().forEach(set -> expressions(set, scope));
            }
        }
        expression(select.getHaving(), scope);
        expression(select.getQualify(), scope);
        if (select.getOracleHierarchical() != null) {
            findings.unanalyzable("CONNECT BY is not followed");
        }
    }

    private void fromItem(FromItem item, Scope scope) {
        if (item == null) {
            return;
        }
        alias(item.getAlias());
        if (item instanceof Table table) {
            read(table, scope);
        } else if (item instanceof Select select) {
            select(select, scope);
        } else if (item instanceof TableFunction function) {
            for (Function called : function.getFunctions()) {
                expression(called, scope);
            }
        } else if (item instanceof ParenthesedFromItem parenthesed) {
            fromItem(parenthesed.getFromItem(), scope);
            joins(parenthesed.getJoins(), scope);
        } else {
            findings.unanalyzable("unsupported FROM item " + item.getClass().getSimpleName());
        }
    }

    private void joins(List<Join> joins, Scope scope) {
        if (joins == null) {
            return;
        }
        for (Join join : joins) {
            fromItem(join.getFromItem(), scope);
            Collection<Expression> on = join.getOnExpressions();
            if (on != null) {
                on.forEach(expression -> expression(expression, scope));
            }
        }
    }

    private void selectItems(List<SelectItem<?>> items, Scope scope) {
        if (items == null) {
            return;
        }
        for (SelectItem<?> item : items) {
            expression(item.getExpression(), scope);
        }
    }

    private void orderBy(List<OrderByElement> elements, Scope scope) {
        if (elements != null) {
            elements.forEach(element -> expression(element.getExpression(), scope));
        }
    }

    private void limit(Limit limit, Scope scope) {
        if (limit != null) {
            expression(limit.getRowCount(), scope);
            expression(limit.getOffset(), scope);
        }
    }

    // ---- writes ----

    private void insert(Insert insert, Scope outer) {
        Scope scope = withItems(insert.getWithItemsList(), outer);
        findings.changesRows = true;
        written(insert.getTable());
        select(insert.getSelect(), scope);
        updateSets(insert.getSetUpdateSets(), scope);
        if (insert.getDuplicateUpdateSets() != null && !insert.getDuplicateUpdateSets().isEmpty()) {
            read(insert.getTable(), Scope.ROOT);
            updateSets(insert.getDuplicateUpdateSets(), scope);
        }
        if (insert.getDuplicateAction() != null) {
            read(insert.getTable(), Scope.ROOT);
            updateSets(insert.getDuplicateAction().getUpdateSets(), scope);
            expression(insert.getDuplicateAction().getWhereExpression(), scope);
        }
        InsertConflictAction conflict = insert.getConflictAction();
        if (conflict != null) {
            if (conflict.getUpdateSets() != null && !conflict.getUpdateSets().isEmpty()) {
                read(insert.getTable(), Scope.ROOT);
            }
            updateSets(conflict.getUpdateSets(), scope);
            expression(conflict.getWhereExpression(), scope);
        }
        if (insert.getConflictTarget() != null && insert.getConflictTarget().getWhereExpression() != null) {
            expression(insert.getConflictTarget().getWhereExpression(), scope);
        }
        returning(insert.getReturningClause(), scope);
        if (insert.isOracleMultiInsert()) {
            findings.unanalyzable("multi-table INSERT is not followed");
        }
    }

    private void update(Update update, Scope outer) {
        Scope scope = withItems(update.getWithItemsList(), outer);
        findings.changesRows = true;
        writtenAndRead(update.getTable());
        if (update.getStartJoins() != null) {
            for (Join join : update.getStartJoins()) {
                if (join.getFromItem() instanceof Table table) {
                    writtenAndRead(table);
                } else {
                    fromItem(join.getFromItem(), scope);
                }
                if (join.getOnExpressions() != null) {
                    join.getOnExpressions().forEach(expression -> expression(expression, scope));
                }
            }
        }
        fromItem(update.getFromItem(), scope);
        joins(update.getJoins(), scope);
        updateSets(update.getUpdateSets(), scope);
        expression(update.getWhere(), scope);
        orderBy(update.getOrderByElements(), scope);
        limit(update.getLimit(), scope);
        returning(update.getReturningClause(), scope);
    }

    private void delete(Delete delete, Scope outer) {
        Scope scope = withItems(delete.getWithItemsList(), outer);
        findings.changesRows = true;
        if (delete.getTable() == null && (delete.getTables() == null || delete.getTables().isEmpty())) {
            // JSqlParser accepts a bare "DELETE FROM"; a text cut off like that is not a statement to trust.
            findings.unanalyzable("DELETE without a table");
        }
        writtenAndRead(delete.getTable());
        if (delete.getTables() != null) {
            delete.getTables().forEach(this::writtenAndRead);
        }
        if (delete.getUsingFromItemList() != null) {
            delete.getUsingFromItemList().forEach(item -> fromItem(item, scope));
        }
        joins(delete.getJoins(), scope);
        expression(delete.getWhere(), scope);
        orderBy(delete.getOrderByElements(), scope);
        limit(delete.getLimit(), scope);
        returning(delete.getReturningClause(), scope);
    }

    private void merge(Merge merge) {
        Scope scope = withItems(merge.getWithItemsList(), Scope.ROOT);
        findings.changesRows = true;
        writtenAndRead(merge.getTable());
        fromItem(merge.getFromItem(), scope);
        expression(merge.getOnCondition(), scope);
        List<MergeOperation> operations = merge.getOperations();
        if (operations != null) {
            for (MergeOperation operation : operations) {
                if (operation instanceof MergeUpdate update) {
                    updateSets(update.getUpdateSets(), scope);
                    expression(update.getAndPredicate(), scope);
                    expression(update.getWhereCondition(), scope);
                    expression(update.getDeleteWhereCondition(), scope);
                } else if (operation instanceof MergeInsert insert) {
                    expression(insert.getAndPredicate(), scope);
                    expressions(insert.getValues(), scope);
                    expression(insert.getWhereCondition(), scope);
                } else if (operation instanceof MergeDelete delete) {
                    expression(delete.getAndPredicate(), scope);
                } else {
                    findings.unanalyzable("unsupported MERGE action " + operation.getClass().getSimpleName());
                }
            }
        }
        returning(merge.getReturningClause(), scope);
    }

    private void upsert(Upsert upsert) {
        findings.changesRows = true;
        written(upsert.getTable());
        select(upsert.getSelect(), Scope.ROOT);
        ExpressionList<?> values = upsert.getExpressions();
        expressions(values, Scope.ROOT);
        updateSets(upsert.getUpdateSets(), Scope.ROOT);
        if (upsert.getDuplicateUpdateSets() != null && !upsert.getDuplicateUpdateSets().isEmpty()) {
            read(upsert.getTable(), Scope.ROOT);
            updateSets(upsert.getDuplicateUpdateSets(), Scope.ROOT);
        }
    }

    private void updateSets(List<UpdateSet> sets, Scope scope) {
        if (sets == null) {
            return;
        }
        for (UpdateSet set : sets) {
            expressions(set.getValues(), scope);
        }
    }

    private void returning(ReturningClause returning, Scope scope) {
        if (returning != null) {
            selectItems(returning, scope);
        }
    }

    // ---- names ----

    private void read(Table table, Scope scope) {
        if (table == null) {
            return;
        }
        findings.tableReferences.add(table);
        TableName name = NameFolding.tableName(table, dialect);
        findings.localNames.add(name.name().toLowerCase(Locale.ROOT));
        if (NameFolding.isUnqualified(table) && scope.isCte(name.name())) {
            return;
        }
        findings.read.add(name);
        if (NameFolding.isUnqualified(table) && !NameFolding.isQuoted(table.getName())
                && FunctionPolicy.VOLATILE_KEYWORDS.contains(table.getName().toLowerCase(Locale.ROOT))) {
            // PostgreSQL reads FROM current_date as a one-row table of the keyword's value.
            findings.volatileCall(table.getName());
        }
        if (findings.systemCatalogDetail == null && SystemCatalogs.isSystemCatalog(name, dialect)) {
            findings.systemCatalogDetail = name.toString();
        }
    }

    private void written(Table table) {
        if (table == null) {
            return;
        }
        findings.tableReferences.add(table);
        TableName name = NameFolding.tableName(table, dialect);
        findings.localNames.add(name.name().toLowerCase(Locale.ROOT));
        findings.written.add(name);
    }

    private void writtenAndRead(Table table) {
        written(table);
        if (table != null) {
            findings.read.add(NameFolding.tableName(table, dialect));
        }
    }

    private void alias(Alias alias) {
        if (alias != null && alias.getName() != null) {
            findings.localNames.add(NameFolding.fold(alias.getName(), Dialect.POSTGRESQL));
        }
    }

    // ---- expressions ----

    private void expressions(Collection<? extends Expression> list, Scope scope) {
        if (list != null) {
            for (Expression expression : list) {
                expression(expression, scope);
            }
        }
    }

    private void expression(Expression expression, Scope scope) {
        if (expression != null) {
            expression.accept(expressions, scope);
        }
    }

    /**
     * Judges a call by the function policy. A name the text calls through a {@code {fn …}} escape is judged as the
     * JDBC function the driver translates it into; the token check judges every call site on its own, so a
     * same-named call outside the escape still gets its own verdict.
     */
    private void call(String schema, String name, String detail) {
        boolean escaped = schema == null && escapedFunctions.contains(name.toLowerCase(Locale.ROOT));
        FunctionPolicy.Verdict verdict = escaped
                ? FunctionPolicy.escapedVerdict(dialect, name) : FunctionPolicy.verdict(dialect, schema, name);
        switch (verdict) {
            case DETERMINISTIC -> { }
            case VOLATILE -> findings.volatileCall(detail);
            case SESSION_CHANGE -> findings.sessionChange(detail);
            case UNKNOWN -> findings.unknownCall(detail);
        }
    }

    /**
     * Follows every expression JSqlParser's adapter reaches, checking each call against the function policy and
     * handing each subquery back to the walker with the scope it sits in.
     */
    private final class ExpressionScanner extends ExpressionVisitorAdapter<Void> {

        @Override
        public <S> Void visit(Function function, S context) {
            List<String> parts = function.getMultipartName();
            String name = parts == null || parts.isEmpty() ? function.getName() : parts.get(parts.size() - 1);
            String schema = parts != null && parts.size() > 1 ? parts.get(parts.size() - 2) : null;
            if (name != null) {
                String bare = NameFolding.isQuoted(name) ? NameFolding.fold(name, dialect) : name;
                call(schema == null ? null : NameFolding.fold(schema, Dialect.POSTGRESQL), bare,
                        (schema == null ? "" : schema + ".") + bare + "()");
            }
            return super.visit(function, context);
        }

        @Override
        public <S> Void visit(AnalyticExpression analytic, S context) {
            if (analytic.getName() != null) {
                call(null, analytic.getName(), analytic.getName() + "()");
            }
            return super.visit(analytic, context);
        }

        @Override
        public <S> Void visit(TimeKeyExpression timeKey, S context) {
            findings.volatileCall(timeKey.getStringValue());
            return super.visit(timeKey, context);
        }

        @Override
        public <S> Void visit(NextValExpression nextVal, S context) {
            findings.volatileCall("NEXT VALUE FOR " + nextVal.getName());
            return super.visit(nextVal, context);
        }

        @Override
        public <S> Void visit(Column column, S context) {
            String name = column.getColumnName();
            if (column.getTable() == null || column.getTable().getName() == null) {
                if (name != null && !NameFolding.isQuoted(name)
                        && FunctionPolicy.VOLATILE_KEYWORDS.contains(name.toLowerCase(Locale.ROOT))) {
                    findings.volatileCall(name);
                }
            }
            return super.visit(column, context);
        }

        @Override
        public <S> Void visit(UserVariable variable, S context) {
            findings.volatileCall("session variable " + variable);
            return super.visit(variable, context);
        }

        @Override
        public <S> Void visit(VariableAssignment assignment, S context) {
            findings.sessionChange("assignment to " + assignment.getVariable());
            return super.visit(assignment, context);
        }

        /**
         * {@code trim([both|leading|trailing] [chars] from x)}: JSqlParser's adapter visits only the characters to trim,
         * which are missing in {@code trim(both from x)}, and never the string they are trimmed from.
         */
        @Override
        public <S> Void visit(TrimFunction trim, S context) {
            if (trim.getExpression() != null) {
                trim.getExpression().accept(this, context);
            }
            if (trim.getFromExpression() != null) {
                trim.getFromExpression().accept(this, context);
            }
            return null;
        }

        /** {@code x = ANY (SELECT …)}: JSqlParser's adapter does not descend into the subquery. */
        @Override
        public <S> Void visit(AnyComparisonExpression comparison, S context) {
            StatementWalker.this.select(comparison.getSelect(), scopeOf(context));
            return null;
        }

        @Override
        public <S> Void visit(ParenthesedSelect select, S context) {
            StatementWalker.this.select(select, scopeOf(context));
            return null;
        }

        @Override
        public <S> Void visit(Select select, S context) {
            StatementWalker.this.select(select, scopeOf(context));
            return null;
        }

        private Scope scopeOf(Object context) {
            return context instanceof Scope scope ? scope : Scope.ROOT;
        }
    }
}
