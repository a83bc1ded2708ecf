package dev.cachedjdbc.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * Classifies statements whose leading keywords alone say what they do, without a parser: transaction control,
 * session changes and calls. JSqlParser reads few of them (not BEGIN, START TRANSACTION, END, RELEASE, DISCARD, DO,
 * {@code SET search_path TO a, b}, JDBC call escapes), and none of them needs more than its first words. It never
 * answers QUERY: a query is only trusted after a successful parse.
 */
final class LeadingKeywords {

    private LeadingKeywords() {
    }

    /** The findings for a statement its leading keywords classify, or null when the parser must decide. */
    static Findings classify(TokenRange statement) {
        if (statement.isSymbol(0, '{')) {
            boolean call = statement.isWord(1, "CALL")
                    || (statement.isType(1, SqlToken.Type.PLACEHOLDER) && statement.isSymbol(2, '=')
                        && statement.isWord(3, "CALL"));
            return call ? callOf() : null;
        }
        if (statement.size() == 0 || statement.token(0).type() != SqlToken.Type.WORD) {
            return null;
        }
        String first = statement.text(0).toUpperCase(java.util.Locale.ROOT);
        return switch (first) {
            case "BEGIN" -> statement.size() == 1 || isTransactionWord(statement, 1)
                    ? transaction(TransactionControl.BEGIN) : null;
            case "START" -> statement.isWord(1, "TRANSACTION") ? transaction(TransactionControl.BEGIN) : null;
            case "COMMIT" -> statement.isWord(1, "PREPARED") ? unknown() : transaction(TransactionControl.COMMIT);
            case "END" -> statement.size() == 1 || statement.isWord(1, "WORK") || statement.isWord(1, "TRANSACTION")
                    ? transaction(TransactionControl.COMMIT) : null;
            case "ROLLBACK", "ABORT" -> {
                if (statement.isWord(1, "PREPARED")) {
                    yield unknown();
                }
                yield transaction(statement.containsWord("TO")
                        ? TransactionControl.ROLLBACK_TO_SAVEPOINT : TransactionControl.ROLLBACK);
            }
            case "SAVEPOINT" -> transaction(TransactionControl.SAVEPOINT);
            case "RELEASE" -> transaction(TransactionControl.RELEASE_SAVEPOINT);
            case "SET" -> statement.isWord(1, "TRANSACTION")
                    ? transaction(TransactionControl.SET_TRANSACTION) : sessionChange(statement);
            case "RESET", "DISCARD", "USE" -> sessionChange(statement);
            case "CALL", "EXEC", "EXECUTE", "DO" -> callOf();
            default -> null;
        };
    }

    private static boolean isTransactionWord(TokenRange statement, int index) {
        return statement.isWord(index, "WORK") || statement.isWord(index, "TRANSACTION")
                || statement.isWord(index, "TRAN") || statement.isWord(index, "ISOLATION")
                || statement.isWord(index, "READ") || statement.isWord(index, "NOT")
                || statement.isWord(index, "DEFERRABLE");
    }

    private static Findings transaction(TransactionControl control) {
        Findings findings = Findings.of(StatementKind.TRANSACTION_CONTROL);
        findings.transactionControl = control;
        return findings;
    }

    private static Findings sessionChange(TokenRange statement) {
        Findings findings = Findings.of(StatementKind.SESSION_CHANGE);
        // A value computed by a subquery or a function (H2's SET @v = (SELECT f())) may run code that writes.
        for (int i = 0; i + 1 < statement.size(); i++) {
            if (statement.isWord(i, "SELECT")
                    || (statement.isType(i, SqlToken.Type.WORD) && statement.isSymbol(i + 1, '('))) {
                findings.writesUnknownTables = true;
                break;
            }
        }
        return findings;
    }

    private static Findings callOf() {
        Findings findings = Findings.of(StatementKind.CALL);
        findings.writesUnknownTables = true;
        return findings;
    }

    private static Findings unknown() {
        Findings findings = Findings.of(StatementKind.UNKNOWN);
        findings.writesUnknownTables = true;
        return findings;
    }

    /** The index just after the dotted name starting at {@code index}, or {@code index} when none starts there. */
    static int qualifiedNameEnd(TokenRange tokens, int index) {
        int i = index;
        while (isNamePart(tokens, i)) {
            i++;
            if (tokens.isSymbol(i, '.') && isNamePart(tokens, i + 1)) {
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    /** The dotted name starting at {@code index}, folded the dialect's way, or null when none starts there. */
    static TableName qualifiedName(TokenRange tokens, int index, Dialect dialect) {
        int end = qualifiedNameEnd(tokens, index);
        if (end == index || tokens.isWord(end, "UESCAPE")) {
            // A U&"…" name with its own escape character is not read here: it is no name that can be trusted.
            return null;
        }
        List<String> parts = new ArrayList<>(3);
        for (int i = index; i < end; i += 2) {
            parts.add(NameFolding.fold(tokens.text(i), dialect));
        }
        int n = parts.size();
        return new TableName(n > 2 ? parts.get(n - 3) : null, n > 1 ? parts.get(n - 2) : null, parts.get(n - 1));
    }

    private static boolean isNamePart(TokenRange tokens, int index) {
        return tokens.isType(index, SqlToken.Type.WORD) || tokens.isType(index, SqlToken.Type.QUOTED_IDENTIFIER);
    }
}
