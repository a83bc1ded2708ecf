package dev.cachedjdbc.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * A SQL text cut into tokens, with what the lexer learnt on the way: the placeholder count, and whether the text
 * could be read unambiguously at all.
 */
final class LexedSql {

    private final String sql;
    private final Dialect dialect;
    private final List<SqlToken> tokens;
    private final int parameterCount;
    private final String unreadableReason;

    LexedSql(String sql, Dialect dialect, List<SqlToken> tokens, int parameterCount, String unreadableReason) {
        this.sql = sql;
        this.dialect = dialect;
        this.tokens = tokens;
        this.parameterCount = parameterCount;
        this.unreadableReason = unreadableReason;
    }

    String sql() {
        return sql;
    }

    /** The dialect the text was read in. */
    Dialect dialect() {
        return dialect;
    }

    List<SqlToken> tokens() {
        return tokens;
    }

    int parameterCount() {
        return parameterCount;
    }

    /**
     * Why the text cannot be read with certainty (an unterminated string or comment, or a construct that means
     * different things in the databases the dialect may stand for), or null when it can.
     */
    String unreadableReason() {
        return unreadableReason;
    }

    boolean isReadable() {
        return unreadableReason == null;
    }

    /** The statements of the text as token ranges, split at semicolons; empty statements are left out. */
    List<TokenRange> statements() {
        List<TokenRange> statements = new ArrayList<>(1);
        int from = 0;
        for (int i = 0; i <= tokens.size(); i++) {
            if (i == tokens.size() || tokens.get(i).isSymbol(sql, ';')) {
                if (i > from) {
                    statements.add(new TokenRange(this, from, i));
                }
                from = i + 1;
            }
        }
        return statements;
    }
}
