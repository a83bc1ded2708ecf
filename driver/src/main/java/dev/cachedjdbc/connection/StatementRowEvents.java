package dev.cachedjdbc.connection;

import dev.cachedjdbc.analysis.StatementAnalysis;
import dev.cachedjdbc.analysis.StatementKind;
import dev.cachedjdbc.schema.RowEvents;
import java.util.Set;

/**
 * The {@link RowEvents} a statement may cause on the tables it writes, read from its text. Only a statement that
 * begins with INSERT, UPDATE or DELETE and names no other way of changing rows is narrowed: an INSERT inserts, an
 * UPDATE updates, a DELETE deletes, and any INSERT, UPDATE or DELETE word elsewhere in the text (an
 * {@code ON CONFLICT DO UPDATE}, a data-modifying subquery) adds its event. Anything else (MERGE, REPLACE, a
 * statement led by WITH, TRUNCATE, COPY, calls, text without its words) may cause every event.
 */
final class StatementRowEvents {

    /** Words of statements that change rows in ways the leading word does not tell. */
    private static final Set<String> OTHER_ROW_CHANGES = Set.of("merge", "replace", "upsert", "truncate", "copy",
            "call", "exec", "execute");

    private StatementRowEvents() {
    }

    /** The statement's first word is this one, in any case, followed by a space. */
    private static boolean leadsWith(String sql, String word) {
        return sql.length() > word.length() && sql.charAt(word.length()) == ' '
                && sql.regionMatches(true, 0, word, 0, word.length());
    }

    /** The events this statement may cause on each table it writes, a combination of {@link RowEvents} flags. */
    static int of(StatementAnalysis analysis) {
        if (analysis.kind() != StatementKind.WRITE || analysis.writesUnknownTables()) {
            return RowEvents.ANY;
        }
        String sql = analysis.normalizedSql();
        int events;
        String leading;
        if (leadsWith(sql, "insert")) {
            events = RowEvents.INSERTS;
            leading = "insert";
        } else if (leadsWith(sql, "update")) {
            events = RowEvents.UPDATES;
            leading = "update";
        } else if (leadsWith(sql, "delete")) {
            events = RowEvents.DELETES;
            leading = "delete";
        } else {
            return RowEvents.ANY;
        }
        Set<String> words = analysis.namesUsed();
        // Without the words of the text (an analysis made without them), nothing else it does can be ruled out.
        if (!words.contains(leading)) {
            return RowEvents.ANY;
        }
        for (String word : OTHER_ROW_CHANGES) {
            if (words.contains(word)) {
                return RowEvents.ANY;
            }
        }
        if (words.contains("insert")) {
            events |= RowEvents.INSERTS;
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
