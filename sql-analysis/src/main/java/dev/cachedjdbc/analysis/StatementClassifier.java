package dev.cachedjdbc.analysis;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Analyses one SQL text from scratch: lexes it, classifies what its leading keywords settle, parses the rest under a
 * deadline, walks the tree, cross-checks the walk against the tokens and turns the findings into a verdict.
 * Stateless apart from its limits; results are cached by {@link SqlAnalyzer}.
 */
final class StatementClassifier {

    /**
     * Statements nested deeper than this are not parsed: JSqlParser recurses once per level, which its interruption
     * flag does not stop and which overflows the stack somewhere past a few hundred levels.
     */
    static final int MAX_NESTING_DEPTH = 100;

    /** Parser input longer than this (after lists of literals are collapsed) is not parsed. */
    static final int MAX_PARSED_LENGTH = 256 * 1024;

    /** The most statements of one text that are analysed one by one. */
    static final int MAX_ANALYSED_STATEMENTS = 50;

    private final long parseTimeoutNanos;

    StatementClassifier(long parseTimeoutNanos) {
        this.parseTimeoutNanos = parseTimeoutNanos;
    }

    /** The analysis of one text, and whether it is only provisional because parsing ran out of time. */
    record Result(StatementAnalysis analysis, boolean timedOut) {
    }

    Result classify(String sql, Dialect dialect) {
        LexedSql lexed = SqlLexer.lex(sql, dialect);
        Result result = classify(lexed, dialect);
        StatementAnalysis analysis = result.analysis();
        Set<String> names = namesUsed(lexed);
        return new Result(analysis.withTokenFacts(names, SessionEffects.of(lexed, analysis, names)),
                result.timedOut());
    }

    /** Every word and operator of the text, quotes removed, in lower case (see {@link StatementAnalysis#namesUsed()}). */
    private static Set<String> namesUsed(LexedSql lexed) {
        Set<String> names = new HashSet<>();
        String sql = lexed.sql();
        for (SqlToken token : lexed.tokens()) {
            switch (token.type()) {
                case WORD, OPERATOR -> names.add(token.text(sql).toLowerCase(Locale.ROOT));
                case QUOTED_IDENTIFIER -> names.add(NameFolding.fold(token.text(sql), lexed.dialect())
                        .toLowerCase(Locale.ROOT));
                default -> { }
            }
        }
        return names;
    }

    private Result classify(LexedSql lexed, Dialect dialect) {
        String key = CacheKeyText.of(lexed);
        int parameters = lexed.parameterCount();
        if (!lexed.isReadable()) {
            return new Result(StatementAnalysis.unanalyzable(key, parameters, lexed.unreadableReason()), false);
        }
        List<TokenRange> statements = lexed.statements();
        if (statements.isEmpty()) {
            return new Result(StatementAnalysis.unanalyzable(key, parameters, "the text holds no statement"), false);
        }
        ParseBudget budget = new ParseBudget(parseTimeoutNanos);
        if (statements.size() == 1) {
            Findings findings = analyse(statements.get(0), dialect, budget);
            return new Result(verdict(findings, key, parameters), budget.timedOut);
        }
        return new Result(multiple(statements, dialect, budget, key, parameters), budget.timedOut);
    }

    /**
     * The parse time one text may use, shared by all its statements. The clock starts at the first parse, so that
     * lexing a long text does not eat into it, and the budget remembers whether any parse ran out of it.
     */
    private static final class ParseBudget {
        private final long timeoutNanos;
        private BoundedParser.Deadline deadline;
        private boolean started;
        boolean timedOut;

        ParseBudget(long timeoutNanos) {
            this.timeoutNanos = timeoutNanos;
        }

        BoundedParser.Deadline deadline() {
            if (!started) {
                started = true;
                deadline = BoundedParser.Deadline.after(timeoutNanos);
            }
            return deadline;
        }
    }

    /**
     * Several statements in one text: never cached, and taken to write everything, because the driver invalidates
     * everything for a text it cannot run one statement at a time. The kind is QUERY when every part is a query that
     * parses, otherwise UNKNOWN; the tables are the union of the parts'.
     */
    private StatementAnalysis multiple(List<TokenRange> statements, Dialect dialect, ParseBudget budget, String key,
                                       int parameters) {
        Findings all = Findings.of(StatementKind.QUERY);
        if (statements.size() > MAX_ANALYSED_STATEMENTS) {
            all.kind = StatementKind.UNKNOWN;
        } else {
            for (TokenRange statement : statements) {
                Findings part = analyse(statement, dialect, budget);
                all.absorb(part);
                if (part.kind != StatementKind.QUERY || part.unanalyzableReason != null || part.changesRows) {
                    all.kind = StatementKind.UNKNOWN;
                }
            }
        }
        return new StatementAnalysis(all.kind, all.read, all.written, true,
                Cacheability.MULTIPLE_STATEMENTS, statements.size() + " statements", key, parameters,
                TransactionControl.NONE);
    }

    private Findings analyse(TokenRange statement, Dialect dialect, ParseBudget budget) {
        Findings classified = LeadingKeywords.classify(statement);
        if (classified != null) {
            return classified;
        }
        if (statement.isWord(0, "COPY")) {
            return copy(statement, dialect, budget);
        }
        if (statement.maxNestingDepth() > MAX_NESTING_DEPTH) {
            return unanalyzable("parentheses nested deeper than " + MAX_NESTING_DEPTH + " levels");
        }
        boolean h2Merge = ParserInput.isH2StyleMerge(statement);
        ParserInput.Text input = ParserInput.of(statement, h2Merge);
        if (input.sql().length() > MAX_PARSED_LENGTH) {
            return unanalyzable("the statement is longer than " + MAX_PARSED_LENGTH
                    + " characters after lists of literals are collapsed");
        }
        BoundedParser.Outcome outcome = BoundedParser.parse(input.sql(), budget.deadline());
        if (outcome.statement() == null && !outcome.timedOut()) {
            outcome = retryWithNamesQuoted(statement, h2Merge, input.sql(), outcome, budget);
        }
        if (outcome.statement() == null) {
            budget.timedOut |= outcome.timedOut();
            return unanalyzable(outcome.failure());
        }
        Findings findings = StatementWalker.walk(outcome.statement(), dialect, statement);
        if (h2Merge) {
            findings.read.addAll(findings.written);
        }
        if ((findings.kind == StatementKind.WRITE || findings.kind == StatementKind.DDL) && findings.written.isEmpty()) {
            // A write or definition whose target could not be named may touch any table.
            findings.writesUnknownTables = true;
        }
        crossCheck(findings, statement, dialect);
        // H2's MERGE was parsed as the INSERT it is not; the retry with names quoted cuts no list, so the first
        // input's account of its values holds for whichever text was parsed.
        if (!h2Merge) {
            findings.assignedColumns = AssignedColumnsFinder.find(outcome.statement(), dialect, findings.written);
        }
        PlaceholderNumbering numbering = h2Merge ? null
                : PlaceholderNumbering.of(statement, input, outcome.jdbcParametersRead());
        if (numbering != null) {
            findings.rowRestrictions = RowRestrictionFinder.find(outcome.statement(), dialect,
                    findings.tableReferences, numbering, input.stringsAsWritten());
        }
        return findings;
    }

    /**
     * JSqlParser refuses some words as names that databases accept ({@code FROM returns r}); a refused statement is
     * parsed once more with such words quoted where they stand as names. The first failure is kept when that does not
     * help.
     */
    private static BoundedParser.Outcome retryWithNamesQuoted(TokenRange statement, boolean h2Merge, String input,
                                                              BoundedParser.Outcome failure, ParseBudget budget) {
        String quoted = ParserInput.withParserOnlyKeywordsQuoted(statement, h2Merge).sql();
        if (quoted.equals(input)) {
            return failure;
        }
        BoundedParser.Outcome retry = BoundedParser.parse(quoted, budget.deadline());
        return retry.statement() != null || retry.timedOut() ? retry : failure;
    }

    private static void crossCheck(Findings findings, TokenRange statement, Dialect dialect) {
        if (findings.kind != StatementKind.QUERY && findings.kind != StatementKind.WRITE) {
            return;
        }
        if (findings.plainSelects < TokenChecks.selectKeywords(statement)) {
            findings.unanalyzable("a query block of the statement could not be followed");
        }
        String missed = TokenChecks.tableTheWalkMissed(statement, dialect, findings);
        if (missed != null) {
            findings.unanalyzable("the statement names " + missed + " where the walk found no table");
        }
        String locking = TokenChecks.lockingClause(statement);
        if (locking != null) {
            findings.locking(locking);
        }
        TokenChecks.checkCalls(statement, dialect, findings);
        if (statement.containsWord("TABLESAMPLE") && !statement.containsWord("REPEATABLE")) {
            findings.volatileCall("TABLESAMPLE without REPEATABLE");
        }
    }

    /**
     * PostgreSQL COPY, which JSqlParser does not read. {@code COPY t FROM …} writes t. {@code COPY t TO …} and
     * {@code COPY (query) TO …} read without writing and are QUERY, but their output is a data stream, not a result
     * set, so they are not cached (NOT_A_QUERY). {@code COPY (INSERT … RETURNING …) TO …} writes what the inner
     * statement writes.
     */
    private Findings copy(TokenRange statement, Dialect dialect, ParseBudget budget) {
        if (statement.isSymbol(1, '(')) {
            int close = statement.closingParenthesis(1);
            if (close < 0 || !statement.isWord(close + 1, "TO")) {
                return unanalyzable("unrecognised COPY form");
            }
            Findings inner = analyse(statement.sub(2, close), dialect, budget);
            if (inner.unanalyzableReason != null
                    || (inner.kind != StatementKind.QUERY && inner.kind != StatementKind.WRITE)) {
                return inner.unanalyzableReason != null
                        ? inner
                        : unanalyzable("COPY of a statement that is neither a query nor a write");
            }
            inner.notAPlainQuery = true;
            // The inner statement's placeholders are numbered within the parentheses, not the whole text.
            inner.rowRestrictions = Map.of();
            return inner;
        }
        int nameEnd = LeadingKeywords.qualifiedNameEnd(statement, 1);
        TableName table = LeadingKeywords.qualifiedName(statement, 1, dialect);
        if (table == null) {
            return unanalyzable("unrecognised COPY form");
        }
        int direction = nameEnd;
        if (statement.isSymbol(direction, '(')) {
            int close = statement.closingParenthesis(direction);
            direction = close < 0 ? -1 : close + 1;
        }
        if (statement.isWord(direction, "FROM")) {
            Findings findings = Findings.of(StatementKind.WRITE);
            findings.changesRows = true;
            findings.written.add(table);
            return findings;
        }
        if (statement.isWord(direction, "TO")) {
            Findings findings = Findings.of(StatementKind.QUERY);
            findings.notAPlainQuery = true;
            findings.read.add(table);
            return findings;
        }
        return unanalyzable("unrecognised COPY form");
    }

    private static Findings unanalyzable(String reason) {
        Findings findings = Findings.of(StatementKind.UNKNOWN);
        findings.writesUnknownTables = true;
        findings.unanalyzableReason = reason;
        return findings;
    }

    /**
     * Turns findings into the verdict, in order of precedence: unreadable, writes, not a query, then each reason a query
     * may not be cached.
     */
    static StatementAnalysis verdict(Findings findings, String key, int parameters) {
        if (findings.unanalyzableReason != null) {
            return StatementAnalysis.unanalyzable(key, parameters, findings.unanalyzableReason);
        }
        StatementKind kind = findings.kind;
        if (findings.sessionChangeDetail != null) {
            kind = StatementKind.SESSION_CHANGE;
        }
        boolean writes = findings.writesUnknownTables || !findings.written.isEmpty();
        Cacheability cacheability;
        String detail = "";
        if (kind == StatementKind.WRITE || (kind == StatementKind.SESSION_CHANGE && findings.changesRows)) {
            cacheability = Cacheability.WRITES;
            detail = joined(findings.written);
        } else if (kind != StatementKind.QUERY) {
            cacheability = kind == StatementKind.UNKNOWN ? Cacheability.UNANALYZABLE : Cacheability.NOT_A_QUERY;
            detail = kind == StatementKind.SESSION_CHANGE && findings.sessionChangeDetail != null
                    ? findings.sessionChangeDetail : "";
        } else if (findings.notAPlainQuery) {
            cacheability = Cacheability.NOT_A_QUERY;
        } else if (findings.lockingDetail != null) {
            cacheability = Cacheability.LOCKING_READ;
            detail = findings.lockingDetail;
        } else if (findings.unknownFunctionDetail != null) {
            cacheability = Cacheability.VOLATILE_FUNCTION;
            detail = findings.unknownFunctionDetail;
        } else if (findings.volatileDetail != null) {
            cacheability = Cacheability.VOLATILE_FUNCTION;
            detail = findings.volatileDetail;
        } else if (findings.systemCatalogDetail != null) {
            cacheability = Cacheability.SYSTEM_CATALOG;
            detail = findings.systemCatalogDetail;
        } else if (writes) {
            cacheability = Cacheability.WRITES;
        } else {
            cacheability = Cacheability.CACHEABLE;
        }
        Map<TableName, Set<String>> assigned = kind == StatementKind.WRITE && !findings.writesUnknownTables
                ? findings.assignedColumns : Map.of();
        return new StatementAnalysis(kind, findings.read, findings.written, findings.writesUnknownTables,
                cacheability, detail, key, parameters, findings.transactionControl,
                rowRestrictions(findings, kind, cacheability), Set.of(), Set.of(), assigned);
    }

    /**
     * Restrictions are only kept for a query whose result may be cached and for a write that writes nothing beyond
     * the tables it names; a statement that may do more than its text says is confined to nothing.
     */
    private static Map<TableName, RowRestriction> rowRestrictions(Findings findings, StatementKind kind,
                                                                  Cacheability cacheability) {
        if (findings.writesUnknownTables || findings.unanalyzableReason != null) {
            return Map.of();
        }
        boolean cachedQuery = kind == StatementKind.QUERY && cacheability == Cacheability.CACHEABLE;
        boolean plainWrite = kind == StatementKind.WRITE && cacheability == Cacheability.WRITES;
        return cachedQuery || plainWrite ? findings.rowRestrictions : Map.of();
    }

    private static String joined(java.util.Collection<TableName> tables) {
        List<String> names = new ArrayList<>(tables.size());
        tables.forEach(table -> names.add(table.toString()));
        return String.join(", ", names);
    }

    /** Parses a text once so that the first real analysis does not pay for loading JSqlParser's classes. */
    static void warmUp() {
        try {
            BoundedParser.parse(
                    "SELECT a.x, count(*) FROM a JOIN b ON a.id = b.id WHERE a.y = ? GROUP BY a.x ORDER BY 1 LIMIT 10",
                    BoundedParser.Deadline.after(5_000_000_000L));
        } catch (RuntimeException | Error e) {
            // Warming up is an optimisation; the analyser works without it.
        }
    }
}
