package dev.cachedjdbc.analysis;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Finds a text's {@link SessionEffect}s in its tokens, once its kind is known. */
final class SessionEffects {

    /**
     * The most words between CREATE and TEMP in a definition: CREATE OR REPLACE GLOBAL TEMPORARY, CREATE CACHED LOCAL
     * TEMPORARY.
     */
    private static final int MOST_WORDS_BEFORE_TEMPORARY = 4;

    private SessionEffects() {
    }

    /** {@code names} are the text's words in lower case, as {@link StatementAnalysis#namesUsed()} holds them. */
    static Set<SessionEffect> of(LexedSql lexed, StatementAnalysis analysis, Set<String> names) {
        Set<SessionEffect> effects = EnumSet.noneOf(SessionEffect.class);
        String sql = lexed.sql();
        List<SqlToken> tokens = lexed.tokens();
        boolean opaque = !lexed.isReadable() || analysis.kind() == StatementKind.UNKNOWN
                || analysis.kind() == StatementKind.CALL || analysis.cacheability() == Cacheability.MULTIPLE_STATEMENTS;
        switch (analysis.transactionControl()) {
            case BEGIN -> {
                if (names.contains("isolation")) {
                    effects.add(SessionEffect.SETS_ISOLATION);
                }
            }
            case COMMIT, ROLLBACK -> {
                if (hasAndChain(tokens, sql)) {
                    effects.add(SessionEffect.CHAINS_TRANSACTION);
                }
            }
            default -> { }
        }
        if (opaque) {
            if (!lexed.isReadable() || names.contains("begin") || names.contains("start")
                    || names.contains("autocommit")) {
                effects.add(SessionEffect.MAY_OPEN_TRANSACTION);
            }
            if (!lexed.isReadable() || namesTemporaryAnywhere(tokens, sql)) {
                effects.add(SessionEffect.MAY_CREATE_TEMPORARY_TABLE);
            }
        } else if (analysis.kind() != StatementKind.QUERY && createsTemporary(tokens, sql)) {
            effects.add(SessionEffect.MAY_CREATE_TEMPORARY_TABLE);
        }
        return effects;
    }

    /** AND then CHAIN, next to each other: AND NO CHAIN keeps no transaction open. */
    private static boolean hasAndChain(List<SqlToken> tokens, String sql) {
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).isWord(sql, "AND") && tokens.get(i + 1).isWord(sql, "CHAIN")) {
                return true;
            }
        }
        return false;
    }

    /** CREATE with TEMP or TEMPORARY among the next few words, or INTO TEMP / INTO TEMPORARY (SELECT … INTO). */
    private static boolean createsTemporary(List<SqlToken> tokens, String sql) {
        for (int i = 0; i + 1 < tokens.size(); i++) {
            SqlToken token = tokens.get(i);
            if (token.isWord(sql, "INTO") && isTemporary(tokens.get(i + 1), sql)) {
                return true;
            }
            if (token.isWord(sql, "CREATE")) {
                for (int j = i + 1; j < tokens.size() && j <= i + MOST_WORDS_BEFORE_TEMPORARY; j++) {
                    if (isTemporary(tokens.get(j), sql)) {
                        return true;
                    }
                    if (tokens.get(j).type() != SqlToken.Type.WORD) {
                        break;
                    }
                }
            }
        }
        return false;
    }

    private static boolean isTemporary(SqlToken token, String sql) {
        return token.isWord(sql, "TEMP") || token.isWord(sql, "TEMPORARY");
    }

    /**
     * TEMP or TEMPORARY as a word of the text or of one of its strings: a DO block, a procedure's EXECUTE or a
     * script holds its statements in strings the analysis does not read.
     */
    private static boolean namesTemporaryAnywhere(List<SqlToken> tokens, String sql) {
        for (SqlToken token : tokens) {
            if (isTemporary(token, sql)) {
                return true;
            }
            if (token.type() == SqlToken.Type.STRING || token.type() == SqlToken.Type.ESCAPE_STRING
                    || token.type() == SqlToken.Type.DOLLAR_STRING) {
                if (containsTemporaryWord(token.text(sql).toLowerCase(Locale.ROOT))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean containsTemporaryWord(String text) {
        for (int at = text.indexOf("temp"); at >= 0; at = text.indexOf("temp", at + 1)) {
            int end = text.startsWith("temporary", at) ? at + "temporary".length() : at + "temp".length();
            if (!isWordCharacter(text, at - 1) && !isWordCharacter(text, end)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isWordCharacter(String text, int index) {
        if (index < 0 || index >= text.length()) {
            return false;
        }
        char c = text.charAt(index);
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
