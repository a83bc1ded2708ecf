package dev.cachedjdbc.analysis;

import java.util.List;

/**
 * How the numbers JSqlParser gave a statement's JDBC parameters stand for the positions JDBC binds them at: the
 * 1-based order of the {@code ?} placeholders in the text as the application sent it.
 *
 * <p>JSqlParser numbers the parameters it reads with one counter, left to right. Its numbers stand for the JDBC
 * positions exactly when the {@code ?}s it numbered are the statement's placeholders and the ones standing for cut
 * {@code IN} lists ({@link ParserInput.CutList}), and nothing else. That holds when all of these do:
 * <ul>
 *   <li>the parser input holds the statement's placeholders in their order, apart from those of cut {@code IN} lists,
 *       and no other {@code ?}: no other list of them was cut and no {@code ??} became a {@code ?}
 *       ({@link ParserInput.Text#valuesAsWritten()});</li>
 *   <li>the statement holds no {@code $1} parameter, which the counter counts too;</li>
 *   <li>the parser numbered as many parameters as the input holds: a placeholder it read as something else (the
 *       JSON operators {@code ?}, {@code ?|} and {@code ?&} of PostgreSQL) leaves it short, and would shift every
 *       number after it.</li>
 * </ul>
 * A parser number then is either a cut list's or stands for the placeholder at the number less one for each cut list
 * before it and plus that list's placeholders. Comments, strings and quoted names hide a {@code ?} from the lexer and
 * from JSqlParser alike.
 */
final class PlaceholderNumbering {

    private final int parametersRead;
    private final List<ParserInput.CutList> cutLists;

    private PlaceholderNumbering(int parametersRead, List<ParserInput.CutList> cutLists) {
        this.parametersRead = parametersRead;
        this.cutLists = cutLists;
    }

    /** The numbering of a parse of {@code input}, or null when its numbers do not stand for the JDBC positions. */
    static PlaceholderNumbering of(TokenRange statement, ParserInput.Text input, int jdbcParametersRead) {
        if (!input.valuesAsWritten()) {
            return null;
        }
        int placeholders = 0;
        for (int i = 0; i < statement.size(); i++) {
            if (statement.isType(i, SqlToken.Type.PLACEHOLDER)) {
                placeholders++;
            } else if (statement.isType(i, SqlToken.Type.POSITIONAL_PARAMETER)) {
                return null;
            }
        }
        int inInput = placeholders;
        for (ParserInput.CutList list : input.cutLists()) {
            inInput += 1 - list.placeholders();
        }
        return inInput == jdbcParametersRead ? new PlaceholderNumbering(jdbcParametersRead, input.cutLists()) : null;
    }

    /** The parser's count of parameters: the highest number it may give one. */
    int parametersRead() {
        return parametersRead;
    }

    /** The cut list that parser number {@code index} stands for, or null when it stands for one placeholder. */
    ParserInput.CutList cutList(int index) {
        for (int i = 0; i < cutLists.size(); i++) {
            ParserInput.CutList list = cutLists.get(i);
            int numbered = list.placeholdersBefore() - placedInListsBefore(i) + i + 1;
            if (numbered == index) {
                return list;
            }
            if (numbered > index) {
                return null;
            }
        }
        return null;
    }

    /** The JDBC position of the placeholder that parser number {@code index} stands for; see {@link #cutList}. */
    int jdbcIndex(int index) {
        int position = index;
        for (int i = 0; i < cutLists.size(); i++) {
            ParserInput.CutList list = cutLists.get(i);
            int numbered = list.placeholdersBefore() - placedInListsBefore(i) + i + 1;
            if (numbered >= index) {
                break;
            }
            position += list.placeholders() - 1;
        }
        return position;
    }

    private int placedInListsBefore(int listIndex) {
        int placed = 0;
        for (int i = 0; i < listIndex; i++) {
            placed += cutLists.get(i).placeholders();
        }
        return placed;
    }
}
