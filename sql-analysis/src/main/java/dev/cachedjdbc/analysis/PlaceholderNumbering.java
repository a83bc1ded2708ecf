package dev.cachedjdbc.analysis;

/**
 * Whether the numbers JSqlParser gave a statement's JDBC parameters are the positions JDBC binds them at: the
 * 1-based order of the {@code ?} placeholders in the text as the application sent it.
 *
 * <p>JSqlParser numbers the parameters it reads with one counter, left to right, so its numbers are the JDBC
 * positions exactly when the {@code ?}s it numbered are the statement's placeholders and nothing else. That holds
 * when all of these do:
 * <ul>
 *   <li>the parser input holds the statement's placeholders in their order and no other {@code ?}: no list of them
 *       was cut and no {@code ??} became a {@code ?} ({@link ParserInput.Text#valuesAsWritten()});</li>
 *   <li>the statement holds no {@code $1} parameter, which the counter counts too;</li>
 *   <li>the parser numbered as many parameters as the statement has placeholders: a placeholder it read as
 *       something else (the JSON operators {@code ?}, {@code ?|} and {@code ?&} of PostgreSQL) leaves it short, and
 *       would shift every number after it.</li>
 * </ul>
 * Comments, strings and quoted names hide a {@code ?} from the lexer and from JSqlParser alike.
 */
final class PlaceholderNumbering {

    private PlaceholderNumbering() {
    }

    static boolean isJdbcOrder(TokenRange statement, ParserInput.Text input, int jdbcParametersRead) {
        if (!input.valuesAsWritten()) {
            return false;
        }
        int placeholders = 0;
        for (int i = 0; i < statement.size(); i++) {
            if (statement.isType(i, SqlToken.Type.PLACEHOLDER)) {
                placeholders++;
            } else if (statement.isType(i, SqlToken.Type.POSITIONAL_PARAMETER)) {
                return false;
            }
        }
        return placeholders == jdbcParametersRead;
    }
}
