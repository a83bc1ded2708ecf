package dev.cachedjdbc.connection;

import dev.cachedjdbc.analysis.StatementAnalysis;
import dev.cachedjdbc.analysis.StatementKind;
import dev.cachedjdbc.schema.RowEvents;
import java.util.Locale;
import java.util.Set;

/**
 * The {@link RowEvents} a statement may cause on the tables it writes, read from its text. Only a statement that
 * begins with INSERT, UPDATE or DELETE and names no other way of changing rows is narrowed: a plain INSERT causes
 * none, an UPDATE updates, a DELETE deletes, and any UPDATE or DELETE word elsewhere in the text (an
 * {@code ON CONFLICT DO UPDATE}, a data-modifying subquery) adds its event. Anything else (MERGE, REPLACE, a
 * statement led by WITH, TRUNCATE, COPY, calls, text without its words) may cause every event.
 */
final class StatementRowEvents {

    /** Words of statements that change rows in ways the leading word does not tell. */
    private static final Set<String> OTHER_ROW_CHANGES = Set.of("merge", "replace", "upsert", "truncate", "copy",
            "call", "exec", "execute");

    private StatementRowEvents() {
    }

    static int of(StatementAnalysis analysis) {
        if (analysis.kind() != StatementKind.WRITE || analysis.writesUnknownTables()) {
            return RowEvents.ANY;
        }
        String sql = analysis.normalizedSql();
        int end = sql.indexOf(' ');
        String leading = (end < 0 ? sql : sql.substring(0, end)).toLowerCase(Locale.ROOT);
        Set<String> words = analysis.namesUsed();
        // Without the words of the text (an analysis made without them), nothing else it does can be ruled out.
        if (!words.contains(leading)) {
            return RowEvents.ANY;
        }
        int events = switch (leading) {
            case "insert" -> 0;
            case "update" -> RowEvents.UPDATES;
            case "delete" -> RowEvents.DELETES;
            default -> RowEvents.ANY;
        };
        if (events == RowEvents.ANY) {
            return events;
        }
        for (String word : OTHER_ROW_CHANGES) {
            if (words.contains(word)) {
                return RowEvents.ANY;
            }
        }
        if (words.contains("update")) {
            events |= RowEvents.UPDATES;
        }
        if (words.contains("delete")) {
            events |= RowEvents.DELETES;
        }
        return events;
    }
}
